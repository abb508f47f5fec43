"""The dossier indexers give Plone's values, whether or not a batch shares them."""

from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import SECRET_ATTRIBUTE
from luanthanh.policy.dossiers.shared_values import sharing
from luanthanh.policy.indexers import dossier as indexers
from luanthanh.policy.testing.builders import make_dossier
from plone.app.uuid.indexer import uuidIndexer
from plone.uuid.interfaces import IUUID

import pytest


def value(indexer, obj):
    return indexer(obj, dossier_catalog.catalog())()


def test_uid_is_plone_uuid(dossier):
    assert value(indexers.uid, dossier) == IUUID(dossier)
    assert value(indexers.uid, dossier) == value(uuidIndexer, dossier)
    assert len(IUUID(dossier)) == 32


def test_uid_is_the_dossier_own_not_acquired(portal, dossier):
    # Names starting with "_" are never acquired: a dossier without a UUID
    # answers None, as plone.uuid's adapter does (not its folder's UUID).
    delattr(dossier, "_plone.uuid")
    assert IUUID(portal["ho-so"], None)
    assert value(indexers.uid, dossier) is None
    assert value(uuidIndexer, dossier) is None


def test_catalog_uses_the_dossier_uid(portal, dossier):
    found = dossier_catalog.find_unrestricted(UID=IUUID(dossier))
    paths = [brain.getPath() for brain in found]
    assert paths == ["/".join(dossier.getPhysicalPath())]


def test_applicant_keys_in_a_batch_equal_one_by_one(portal, procedure):
    dossiers = [
        make_dossier(portal, procedure, applicant_phone=f"09123456{n:02d}")
        for n in range(3)
    ]
    alone = [value(indexers.applicant_keys, d) for d in dossiers]
    with sharing():
        together = [value(indexers.applicant_keys, d) for d in dossiers]
    assert together == alone
    assert len({key for keys in alone for key in keys}) == 4  # 3 phones, 1 CCCD
    assert alone[0][0] == dossier_catalog.applicant_key("phone", "0912345600")


def test_applicant_keys_follow_a_new_secret_between_batches(portal, dossier):
    tool = dossier_catalog.catalog()
    with sharing():
        before = value(indexers.applicant_keys, dossier)
    setattr(tool, SECRET_ATTRIBUTE, b"x" * 32)
    with sharing():
        after = value(indexers.applicant_keys, dossier)
    assert after != before
    assert after == value(indexers.applicant_keys, dossier)


@pytest.mark.parametrize("phone", ["", "12"])
def test_applicant_keys_without_phone(portal, procedure, phone):
    dossier = make_dossier(
        portal, procedure, applicant_phone=phone, applicant_id_number=None
    )
    with sharing():
        assert value(indexers.applicant_keys, dossier) is None
    assert value(indexers.applicant_keys, dossier) is None
