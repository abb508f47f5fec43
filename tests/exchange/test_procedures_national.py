"""The ``national_field`` column of the procedure import and export."""

from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.exchange import procedures as exchange
from luanthanh.policy.exchange.procedures import ImportValidationError
from luanthanh.policy.testing.exchange import BIRTH
from luanthanh.policy.testing.exchange import csv_bytes
from luanthanh.policy.testing.exchange import DEMO_PROCEDURES

import json
import pytest


COLUMNS = (*exchange.COLUMNS, "national_field")


def get(code: str):
    return find_by_code(code)[0].getObject()


@pytest.fixture
def folder(portal):
    return portal["thu-tuc-hanh-chinh"]


@pytest.mark.portal(roles=["Manager"])
class TestNationalColumn:
    def test_imported_and_exported(self, folder):
        data = csv_bytes({**BIRTH, "national_field": "ho-tich"}, columns=COLUMNS)
        exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert get(BIRTH["code"]).national_field == "ho-tich"
        exported = exchange.export_procedures(exchange.procedure_brains(), "json")
        (item,) = json.loads(exported)
        assert item["national_field"] == "ho-tich"
        assert "national_field" in exchange.ALL_COLUMNS

    @pytest.mark.parametrize("fmt", exchange.FORMATS)
    def test_round_trip_of_the_demo(self, folder, fmt):
        exchange.import_procedures(
            folder, exchange.parse(DEMO_PROCEDURES.read_bytes(), "json")
        )
        assert get("2.000884").national_field == "chung-thuc"
        assert get("1.001612").national_field == "ho-kinh-doanh"
        data = exchange.export_procedures(exchange.procedure_brains(), fmt)
        get("2.000884").national_field = None
        result = exchange.import_procedures(folder, exchange.parse(data, fmt))
        assert result["updated"] == ["2.000884"] or len(result["updated"]) == 1
        assert get("2.000884").national_field == "chung-thuc"

    def test_blank_or_absent_is_allowed(self, folder):
        data = csv_bytes({**BIRTH, "national_field": ""}, columns=COLUMNS)
        exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert get(BIRTH["code"]).national_field is None
        exchange.import_procedures(folder, exchange.parse(csv_bytes(BIRTH), "csv"))
        assert get(BIRTH["code"]).national_field is None

    def test_unknown_value_writes_nothing(self, folder):
        data = csv_bytes({**BIRTH, "national_field": "tu-phap"}, columns=COLUMNS)
        with pytest.raises(ImportValidationError) as raised:
            exchange.import_procedures(folder, exchange.parse(data, "csv"))
        (error,) = raised.value.errors
        assert error["field"] == "national_field"
        assert error["line"] == 2
        assert (
            "lĩnh vực “tu-phap” không có trong danh mục lĩnh vực quốc gia"
            in error["message"]
        )
        assert not find_by_code(BIRTH["code"])
