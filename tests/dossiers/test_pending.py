"""A new online dossier is indexed after its submission commits (issue #15).

The submission's transaction writes the dossier, its files, the token
registry and the queue, and nothing else of the dossier catalog: the catalog
writes that made concurrent submissions conflict (and retried the whole
POST) happen in a short follow-up transaction.
"""

from luanthanh.policy.api.dossier import attach_files
from luanthanh.policy.api.dossier import create
from luanthanh.policy.api.dossier import defer_indexing
from luanthanh.policy.api.dossier import find_submission
from luanthanh.policy.api.dossier import register_submission
from luanthanh.policy.api.dossier import Upload
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.followup import index_pending
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import PDF
from plone import api
from Products.CMFCore.indexing import processQueue
from zc.relation.interfaces import ICatalog as IRelationCatalog
from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


TOKEN = "a" * 32


def _online(procedure, token=TOKEN, name="Nguyễn Văn An", defer=True):
    if defer:
        defer_indexing()
    dossier = create(
        procedure,
        unrestricted=True,
        applicant_name=name,
        applicant_phone="0912345678",
        channel="online",
        submission_token=token,
    )
    register_submission(dossier, token)
    attach_files(dossier, [Upload("giay-chung-sinh.pdf", "application/pdf", PDF)])
    return dossier


def _path(obj) -> str:
    return "/".join(obj.getPhysicalPath())


def _relations(dossier) -> list:
    return list(
        api.relation.get(source=dossier, relationship="procedure", unrestricted=True)
    )


def _indexed(obj) -> bool:
    return catalog().getrid(_path(obj)) is not None


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    procedure = make_procedure(portal)
    transaction.commit()
    return portal, procedure


def test_the_dossier_waits_in_the_queue_until_the_follow_up(site):
    _portal, procedure = site
    dossier = _online(procedure)
    [attachment] = dossier.objectValues()
    processQueue()
    transaction.commit()

    assert not _indexed(dossier)
    assert not _indexed(attachment)
    assert pending.queued_paths(catalog()) == [_path(dossier)]
    # No IntId yet, so no relation in zc.relation either.
    intids = getUtility(IIntIds)
    assert intids.queryId(dossier) is None
    assert intids.queryId(attachment) is None
    assert _relations(dossier) == []
    # The procedure is known all the same (the RelationValue holds its IntId).
    assert dossier.procedure.to_object == procedure
    # The token finds the dossier at once: a double click makes no second one.
    assert find_submission(TOKEN).code == dossier.code

    assert index_pending([_path(dossier)]) == [_path(dossier)]

    assert _indexed(dossier)
    assert _indexed(attachment)
    assert pending.queued_paths(catalog()) == []
    assert intids.queryId(dossier) is not None
    assert intids.queryId(attachment) is not None
    [relation] = _relations(dossier)
    assert relation.to_object == procedure
    assert relation.from_attribute == "procedure"
    [brain] = find_unrestricted(portal_type="Dossier", submission_token=TOKEN)
    assert brain.dossier_code == dossier.code
    # Again: nothing left to do.
    assert index_pending() == []


def test_without_deferral_the_dossier_is_indexed_at_once(site):
    """Positive control: counter intake, imports... index in their transaction."""
    _portal, procedure = site
    dossier = _online(procedure, defer=False)
    transaction.commit()
    assert _indexed(dossier)
    assert _indexed(dossier.objectValues()[0])
    assert pending.queued_paths(catalog()) == []
    assert getUtility(IIntIds).queryId(dossier) is not None
    assert len(_relations(dossier)) == 1


def test_a_change_to_a_catalogued_dossier_is_indexed_at_once(site):
    _portal, procedure = site
    dossier = _online(procedure, defer=False)
    transaction.commit()
    defer_indexing()
    dossier.applicant_name = "Trần Thị Bình"
    dossier.reindexObject()
    transaction.commit()
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.applicant_name == "Trần Thị Bình"
    assert pending.queued_paths(catalog()) == []


def test_a_stale_entry_is_taken_by_the_next_follow_up(site):
    _portal, procedure = site
    lost = _online(procedure, token="b" * 32)
    transaction.commit()  # its own follow-up never ran
    fresh = _online(procedure, token="c" * 32, name="Lê Văn Cường")
    transaction.commit()

    # Not yet stale: the fresh one's follow-up takes only its own.
    assert index_pending([_path(fresh)]) == [_path(fresh)]
    assert not _indexed(lost)
    assert index_pending([], stale=0) == [_path(lost)]
    assert _indexed(lost)
    assert len(_relations(lost)) == 1


def test_a_catalog_rebuild_empties_the_queue(site):
    _portal, procedure = site
    dossier = _online(procedure)
    transaction.commit()
    catalog().clearFindAndRebuild()
    transaction.commit()
    assert _indexed(dossier)
    assert pending.queued_paths(catalog()) == []
    assert getUtility(IIntIds).queryId(dossier) is not None
    assert len(_relations(dossier)) == 1


# What the submission's transaction writes ------------------------------------


def _catalog_oids(tool) -> dict[bytes, str]:
    """oid → class of the committed persistent objects of the dossier catalog
    (its Catalog, indexes, lexicon, their BTrees and buckets), of the IntIds
    utility and of the zc.relation catalog."""
    roots = (tool, getUtility(IIntIds), getUtility(IRelationCatalog))
    jar = tool._p_jar
    seen: dict[bytes, str] = {}
    stack = [root._p_oid for root in roots]
    root_oids = set(stack)
    while stack:
        oid = stack.pop()
        if oid in seen:
            continue
        try:
            data, _serial = jar._storage.load(oid)
        except POSKeyError:
            continue
        obj = jar.get(oid)
        name = f"{type(obj).__module__}.{type(obj).__name__}"
        if oid not in root_oids and not name.startswith(CATALOG_MODULES):
            continue
        seen[oid] = name
        stack.extend(referencesf(data))
    return seen


CATALOG_MODULES = (
    "BTrees.",
    "Products.ZCatalog.",
    "Products.PluginIndexes.",
    "Products.ZCTextIndex.",
    "Products.ExtendedPathIndex.",
    "plone.app.",
    "zc.queue.",
    "zc.relation.",
    "five.intid.",
    "persistent.",
)


def _written(make) -> set[bytes]:
    """oids of the already committed objects the transaction of ``make`` writes."""
    written: set[bytes] = set()

    def record():
        jar = catalog()._p_jar
        written.update(
            obj._p_oid
            for obj in jar._registered_objects
            if obj._p_oid is not None and obj._p_serial != b"\0" * 8
        )

    make()
    # After CMF's indexing hook (registered when the dossier was queued).
    transaction.get().addBeforeCommitHook(record)
    transaction.commit()
    return written


def test_the_submission_writes_no_catalog_structure(site):
    _portal, procedure = site
    _online(procedure, token="d" * 32, name="Phạm Thị Dung")  # structures exist
    transaction.commit()
    index_pending()
    tool = catalog()
    before = _catalog_oids(tool)
    allowed = {
        pending.queue(tool)._p_oid: "queue",
        pending.tokens(tool)._p_oid: "tokens",
    }

    written = _written(
        lambda: _online(procedure, token="e" * 32, name="Hoàng Văn Quyết")
    )

    touched = {before[oid] for oid in written if oid in before and oid not in allowed}
    assert touched == set()
    assert set(allowed) <= written


def test_an_undeferred_creation_writes_the_catalog(site):
    """Positive control (what main did for every submission)."""
    _portal, procedure = site
    _online(procedure, token="f" * 32, name="Phạm Thị Dung", defer=False)
    transaction.commit()
    before = _catalog_oids(catalog())
    written = _written(
        lambda: _online(procedure, token="g" * 32, name="Vũ Đức Khải", defer=False)
    )
    touched = {before[oid] for oid in written if oid in before}
    assert any("Lexicon" in name or "BTree" in name for name in touched)
    # The IntIds utility's and the relation catalog's trees too.
    intids = getUtility(IIntIds)
    relations = getUtility(IRelationCatalog)
    assert {intids.ids._p_oid, intids.refs._p_oid} & written
    assert relations._reltoken_name_TO_objtokenset._p_oid in written
