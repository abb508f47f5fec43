"""Upgrade 1021 → 1022: the national list of lĩnh vực and its catalog column."""

from datetime import date
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.upgrades.v1022 import upgrade
from luanthanh.policy.vocabularies import NATIONAL_FIELDS_RECORD
from plone import api

import pytest


PROFILE = "luanthanh.policy:default"
HALF = (date(2025, 7, 1), date(2025, 12, 31))


@pytest.fixture
def as_1021(portal, setup_tool, fresh_cache):
    """A site as 1021 left it: no record, no column."""
    registry = api.portal.get_tool("portal_registry")
    del registry.records[NATIONAL_FIELDS_RECORD]
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("procedure_national_field")
    setup_tool.setLastVersionForProfile(PROFILE, "1021")
    return portal


def test_upgrade_in_place(as_1021, setup_tool, officials):
    procedure = make_procedure(as_1021)  # no national lĩnh vực: still works
    dated_dossier(as_1021, procedure, date(2025, 7, 5), channel="direct")
    before = compute_statistics(*HALF)
    assert before["by_national_field"][-1]["national_field"] == ""

    setup_tool.upgradeProfile(PROFILE, dest="1022")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1022",)
    assert "ho-tich|Hộ tịch" in api.portal.get_registry_record(NATIONAL_FIELDS_RECORD)
    catalog = api.portal.get_tool("portal_catalog")
    assert "procedure_national_field" in catalog.schema()
    after = compute_statistics(*HALF)
    for key in ("start", "end", "total", "by_field", "by_procedure"):
        assert after[key] == before[key], key
    procedure.national_field = "ho-tich"
    procedure.reindexObject()
    rows = {
        r["national_field"]: r for r in compute_statistics(*HALF)["by_national_field"]
    }
    assert rows["ho-tich"]["received"] == 1


def test_an_edited_list_is_kept(portal, setup_tool):
    api.portal.set_registry_record(NATIONAL_FIELDS_RECORD, ["ho-tich|Hộ tịch"])
    upgrade(setup_tool)
    upgrade(setup_tool)
    assert api.portal.get_registry_record(NATIONAL_FIELDS_RECORD) == ["ho-tich|Hộ tịch"]
