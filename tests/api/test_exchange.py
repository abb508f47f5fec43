"""luanthanh.policy.api.exchange: the one way in and out for procedures and dossiers."""

from luanthanh.policy.api import exchange
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.testing.exchange import csv_bytes
from luanthanh.policy.testing.exchange import dossier_row
from plone import api

import pytest


PROCEDURE = {
    "code": "1.001193",
    "title": "Đăng ký khai sinh",
    "field": "tu-phap-ho-tich",
    "processing_days": "3",
    "online_level": "full",
    "fee": "0",
}
DOSSIER = dossier_row(procedure_code="1.001193")


def procedure_csv(*rows: dict) -> bytes:
    """A CSV of ``rows`` with only ``PROCEDURE``'s columns."""
    return csv_bytes(*rows, columns=PROCEDURE, encoding="utf-8")


def procedure_count() -> int:
    return len(api.content.find(portal_type="Procedure", unrestricted=True))


@pytest.fixture
def procedure(portal):
    exchange.import_procedures(portal, procedure_csv(PROCEDURE), "csv")
    return api.content.find(procedure_code=PROCEDURE["code"])[0].getObject()


@pytest.mark.portal(roles=["Manager"])
class TestProcedures:
    def test_valid_csv_imports_into_the_catalogue(self, portal):
        data = procedure_csv(PROCEDURE)
        result = exchange.import_procedures(portal, data, "csv")
        assert result == {"created": ["1.001193"], "updated": [], "unchanged": []}
        brain = api.content.find(procedure_code="1.001193")[0]
        assert brain.getObject().__parent__ == portal["thu-tuc-hanh-chinh"]
        assert exchange.import_procedures(portal, data, "csv")["unchanged"] == [
            "1.001193"
        ]
        assert exchange.procedure_summary(result).startswith("Đã nhập xong: 1 ")

    def test_invalid_row_is_numbered_and_nothing_is_written(self, portal):
        bad = {**PROCEDURE, "code": "1.000894", "field": "khong-co"}
        with pytest.raises(exchange.ProcedureImportError) as raised:
            exchange.import_procedures(portal, procedure_csv(PROCEDURE, bad), "csv")
        (error,) = raised.value.errors
        assert error["line"] == 3
        assert error["field"] == "field"
        assert error["message"].startswith("Dòng 3:")
        assert procedure_count() == 0
        # Positive control: the valid row alone is imported.
        exchange.import_procedures(portal, procedure_csv(PROCEDURE), "csv")
        assert procedure_count() == 1

    def test_rows_and_json_items(self, portal):
        rows = exchange.procedure_rows([PROCEDURE | {"processing_days": 3}])
        assert rows[0].unit == "item"
        result = exchange.import_procedures(portal, rows)
        assert result["created"] == ["1.001193"]

    def test_dry_run_writes_nothing(self, portal):
        result = exchange.import_procedures(
            portal, procedure_csv(PROCEDURE), "csv", dry_run=True
        )
        assert result["created"] == ["1.001193"]
        assert procedure_count() == 0

    def test_unknown_format(self, portal):
        with pytest.raises(exchange.ProcedureImportError):
            exchange.import_procedures(portal, b"x", None)

    def test_export_imports_again_unchanged(self, portal, procedure):
        data, content_type, filename = exchange.export_procedures(portal, "csv")
        assert content_type.startswith("text/csv")
        assert filename == "thu-tuc-hanh-chinh.csv"
        assert exchange.import_procedures(portal, data, "csv")["unchanged"] == [
            "1.001193"
        ]
        with pytest.raises(ValueError):
            exchange.export_procedures(portal, "pdf")


@pytest.mark.portal(roles=["Manager"])
class TestDossiers:
    def test_valid_csv_imports(self, portal, procedure):
        folder = portal[DOSSIER_FOLDER_ID]
        data = exchange.dossiers_csv([DOSSIER])
        result = exchange.import_dossiers(folder, data)
        assert result == {
            "created": [DOSSIER["code"]],
            "updated": [],
            "unchanged": [],
        }
        dossier = folder[dossier_id(DOSSIER["code"])]
        assert api.content.get_state(dossier) == "returned"
        assert dossier.applicant_phone == "0900000001"
        assert all(entry["imported"] for entry in dossier.history)
        assert exchange.import_dossiers(folder, data)["unchanged"] == [DOSSIER["code"]]
        assert exchange.dossier_summary(result).startswith("Đã nhập xong: 1 ")

    def test_invalid_row_is_numbered_and_nothing_is_written(self, portal, procedure):
        folder = portal[DOSSIER_FOLDER_ID]
        bad = {**DOSSIER, "code": "HS-2", "applicant_phone": "12"}
        with pytest.raises(exchange.DossierImportError) as raised:
            exchange.import_dossiers(folder, exchange.dossiers_csv([DOSSIER, bad]))
        (error,) = raised.value.errors
        assert error["line"] == 3
        assert error["column"] == "applicant_phone"
        assert error["message"].startswith("Dòng 3, applicant_phone:")
        assert list(folder.objectIds()) == []
        # Positive control: the valid row alone is imported.
        exchange.import_dossiers(folder, exchange.dossiers_csv([DOSSIER]))
        assert list(folder.objectIds()) == [dossier_id(DOSSIER["code"])]

    def test_dictionaries_and_dry_run(self, portal, procedure):
        folder = portal[DOSSIER_FOLDER_ID]
        result = exchange.import_dossiers(folder, [DOSSIER], dry_run=True)
        assert result["created"] == [DOSSIER["code"]]
        assert list(folder.objectIds()) == []
        rows = exchange.dossier_rows([DOSSIER])
        assert rows[0].line == 2
        assert exchange.import_dossiers(folder, rows)["created"] == [DOSSIER["code"]]
