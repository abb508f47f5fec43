"""A database made by an earlier release opens, upgrades and works (issue #13).

``fixtures/site-1007.fs.xz`` is a packed FileStorage made by
``scripts/make_upgrade_fixture.py`` at commit 4a84e72 (profile version 1007):
the demo site plus a dossier in every workflow state (see
``fixtures/README.md``).  Moving a persistent class, an interface stored in
the database or a name kept as a string breaks such databases: this test
opens the stored site with today's code in a Zope process of its own
(``check_stored_site.py``), runs the upgrade steps and says which stored
names no longer import.
"""

from luanthanh.policy.states import STATES
from tests.upgrades.stored_site import fixture_paths
from tests.upgrades.stored_site import run_check
from tests.upgrades.stored_site import unpack
from tests.upgrades.stored_site import write_zope_conf

import json
import pytest


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    base = tmp_path_factory.mktemp("stored-site")
    unpack(base)
    zope_conf = write_zope_conf(base)
    summary, output = run_check(zope_conf, fixture_paths()["names"])
    return {"summary": summary, "output": output}


@pytest.fixture(scope="module")
def summary(stored):
    return stored["summary"]


def section(summary: dict, key: str):
    """One part of the summary; missing when that step failed: say why."""
    assert key in summary, f"no {key!r}: " + "\n".join(summary["errors"])
    return summary[key]


@pytest.fixture(scope="module")
def names():
    return json.loads(fixture_paths()["names"].read_text(encoding="utf-8"))


@pytest.mark.slow
def test_no_error(summary):
    assert summary["errors"] == [], "\n".join(summary["errors"])


@pytest.mark.slow
def test_every_stored_class_and_global_imports(summary):
    """Each class and global the fixture stores imports today, or an upgrade
    step has migrated every object away from it (``unimportable`` lists what
    the stored records name, ``unimportable_after_upgrade`` what the current
    ones still name after the upgrade)."""
    assert section(summary, "records") > 5000
    before = summary["unimportable"]
    after = section(summary, "unimportable_after_upgrade")
    assert after == [], (
        "Stored in the database but no longer importable (keep the dotted name "
        "importable or migrate the objects in an upgrade step):\n"
        + "\n".join(after)
        + "\n(before the upgrade: "
        + ", ".join(before)
        + ")"
    )
    if before:
        # Migrated by an upgrade step: then the objects must load (below).
        assert summary["broken"] == [], summary["broken"]


@pytest.mark.slow
def test_names_stored_as_strings_still_resolve(summary, names):
    checked = section(summary, "names_checked")
    assert checked + len(summary["names_rewritten"]) == len(names["resolving_strings"])
    assert checked >= 10, "the FTIs and the registry still name the add-on's code"
    assert summary["unresolved_names"] == [], (
        "Stored dotted names (FTI klass/schema, registry interfaces, "
        "__provides__...) that no longer resolve:\n"
        + "\n".join(summary["unresolved_names"])
    )


@pytest.mark.slow
def test_the_stored_luanthanh_classes_are_still_there(summary, names):
    """Every add-on class the fixture holds is still found in it (the walk
    reads what was stored, whatever today's code is)."""
    assert set(summary["luanthanh_classes"]) == set(names["luanthanh_classes"])
    assert set(summary["luanthanh_globals"]) == set(names["luanthanh_globals"])


@pytest.mark.slow
def test_upgraded_to_the_latest_profile_version(summary):
    assert summary["profile_before"] == "1007"
    assert summary["profile_after"] == summary["profile_latest"]
    assert summary["pending_after"] == 0


@pytest.mark.slow
def test_every_object_loads(summary):
    assert section(summary, "objects_loaded") > 5000
    assert summary["broken"] == [], "Broken objects: " + ", ".join(summary["broken"])
    assert summary["load_errors"] == [], "\n".join(summary["load_errors"])
    assert summary["missing"] == []


@pytest.mark.slow
def test_dossiers_read(summary):
    dossiers = section(summary, "dossiers")
    assert set(dossiers["states"]) == set(STATES)
    assert dossiers["relations"] == sum(dossiers["states"].values())
    assert dossiers["history_entries"] >= 25
    assert dossiers["apologies"] == 1
    assert dossiers["supplement_requests"] >= 1
    assert dossiers["ratings"] >= 1
    assert dossiers["files"] == 3
    assert dossiers["blob_bytes"] > 0
    assert dossiers["access_logs"] == sum(dossiers["states"].values())
    assert dossiers["access_entries"] >= 1
    assert dossiers["counters"] and all(dossiers["counters"].values())


@pytest.mark.slow
def test_procedures_forms_and_login_plugin(summary):
    assert section(summary, "procedures")["procedures"] >= 10
    forms = section(summary, "forms")
    assert forms["forms"] >= 1
    assert forms["action_classes"], "the forms' dossier actions load"
    plugin = section(summary, "plugin")
    assert plugin["first"]
    assert plugin["answers"] is None


@pytest.mark.slow
def test_dossier_page_renders(summary):
    view = section(summary, "view")
    assert view["has_code"]
    assert view["has_name"]


@pytest.mark.slow
def test_transition_and_new_dossier(summary):
    transition = section(summary, "transition")
    assert transition["state"] == "processing"
    assert transition["history_added"] == 1
    assert transition["due_date"]
    assert transition["assigned_to"] == "chuyenvien"
    assert transition["new_state"] == "intake"
    assert transition["new_code"].startswith("000.00.99.H56-")


@pytest.mark.slow
def test_dossiers_moved_to_their_catalog(summary):
    """1009: every dossier and attachment (also the one made after the
    upgrade) is in the dossier catalog, none in portal_catalog."""
    catalogs = section(summary, "catalogs")
    assert catalogs["misplaced"] == []
    assert catalogs["dossiers"] > len(STATES)
    assert catalogs["indexed_dossiers"] == catalogs["dossiers"]
    assert catalogs["files"] >= 3
    assert catalogs["indexed_files"] == catalogs["files"]
