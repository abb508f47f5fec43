"""The IntIds an import gives are five.intid's own (exchange/dossiers/keys.py),
built without a walk to the root for each object."""

from collections import Counter
from five.intid import keyreference as five_keyreference
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import rows_from_dicts
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.exchange import dossier_row
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.keyreference.interfaces import IKeyReference

import pytest


@pytest.fixture
def procedure(portal):
    create_officials()
    return make_procedure(portal)


def load(portal, count: int) -> list:
    rows = [
        dossier_row(code=f"K-{n}", applicant_phone=f"090200{n:04d}")
        for n in range(count)
    ]
    import_dossiers(portal["ho-so"], rows_from_dicts(rows))
    return [portal["ho-so"][f"k-{n}"] for n in range(count)]


def test_key_references_equal_five_intids(portal, procedure):
    dossiers = load(portal, 3)
    intids = getUtility(IIntIds)
    for dossier in dossiers:
        for obj in (dossier, dossier.procedure):
            stored = intids.refs[intids.getId(obj)]
            built = IKeyReference(obj)
            assert type(stored) is type(built)
            assert stored.__dict__ == built.__dict__
            assert list(stored.__dict__) == list(built.__dict__)
            assert stored() is not None
            assert stored() is obj or stored().getPhysicalPath() == (
                obj.getPhysicalPath()
            )
        relation = dossier.procedure
        assert relation._from_id == intids.getId(dossier)
        assert relation.from_object.getPhysicalPath() == dossier.getPhysicalPath()
        assert relation.to_object.code == procedure.code
        assert dossier.procedure.from_path == "/".join(dossier.getPhysicalPath())


def test_root_found_once_per_import(portal, procedure, monkeypatch):
    """five.intid walks to the application root for each key reference:
    once for the first dossier, its relation and the procedure (main: three
    times per dossier)."""
    walks = Counter()
    original = five_keyreference.get_root

    def counting(obj):
        walks["root"] += 1
        return original(obj)

    monkeypatch.setattr(five_keyreference, "get_root", counting)
    load(portal, 10)
    assert walks["root"] <= 3
