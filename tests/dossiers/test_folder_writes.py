"""Adding a dossier does not write the tracking book itself (issue #15).

Every concurrent submission would otherwise conflict on the DossierFolder
object (its modification date), a ConflictError ZODB cannot resolve: under
load a submission was retried for minutes.
"""

from luanthanh.policy.api.dossier import create
from luanthanh.policy.testing.builders import make_procedure
from plone import api
from Products.CMFCore.indexing import processQueue
from unittest import mock

import transaction


def _add(procedure, name: str):
    return create(procedure, applicant_name=name, channel="online", unrestricted=True)


def test_adding_a_dossier_leaves_the_folder_unwritten(functional):
    portal = functional["portal"]
    procedure = make_procedure(portal)
    folder = portal["ho-so"]
    # The first dossier ever gives the book its code counters (annotations).
    _add(procedure, "Trần Thị Bình")
    transaction.commit()
    modified = folder.modified()

    _add(procedure, "Nguyễn Văn An")

    assert not folder.aq_base._p_changed, "the DossierFolder object was written"
    assert folder.modified() == modified
    # The dossier is there all the same (its id lives in the folder's BTree).
    assert len(folder.objectIds()) == 2
    transaction.abort()


def test_an_ordinary_folder_is_still_written(functional):
    """Positive control: the same kind of add writes an ordinary folder."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", title="Thử")
        transaction.commit()
        api.content.create(container=folder, type="Document", title="Trang thử")
    assert folder.aq_base._p_changed
    transaction.abort()


def test_adding_a_dossier_does_not_reindex_the_book(functional):
    """plone.dexterity reindexes a container on every IContainerModifiedEvent:
    the book's record in portal_catalog stays untouched by a submission."""
    portal = functional["portal"]
    procedure = make_procedure(portal)
    _add(procedure, "Trần Thị Bình")
    transaction.commit()
    catalog = api.portal.get_tool("portal_catalog")
    with mock.patch.object(
        catalog, "catalog_object", wraps=catalog.catalog_object
    ) as indexed:
        _add(procedure, "Nguyễn Văn An")
        processQueue()
    assert not [c for c in indexed.call_args_list if c.args[1].endswith("/ho-so")]
    transaction.abort()


def test_an_edit_of_the_book_is_indexed(functional):
    """Positive control: a new title of the book reaches portal_catalog."""
    portal = functional["portal"]
    folder = portal["ho-so"]
    with api.env.adopt_roles(["Manager"]):
        folder.title = "Sổ theo dõi hồ sơ năm 2026"
        folder.reindexObject()
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog.unrestrictedSearchResults(
        path={"query": "/".join(folder.getPhysicalPath()), "depth": 0}
    )
    assert brain.Title == "Sổ theo dõi hồ sơ năm 2026"
    transaction.abort()
