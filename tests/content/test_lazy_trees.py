"""A dossier's folder trees are made by its first item (content/lazy_trees.py)."""

from Acquisition import aq_base
from luanthanh.policy.content.lazy_trees import has_trees
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api

import transaction


def test_a_dossier_stores_its_trees_with_its_first_item(functional):
    portal = functional["portal"]
    procedure = make_procedure(portal)
    dossier = make_dossier(portal, procedure)
    transaction.commit()
    base = aq_base(dossier)
    base._p_activate()
    assert not {"_tree", "_count", "_mt_index"} & set(base.__getstate__())
    # An empty folder to every reader, and reading writes nothing.
    assert list(dossier.objectIds()) == []
    assert dossier.objectCount() == 0
    assert "don.pdf" not in dossier
    assert dossier.get("don.pdf") is None
    assert not base._p_changed

    attach_file(dossier, "don.pdf", "Đơn", b"%PDF-1.4 lazy")
    transaction.commit()

    connection = portal._p_jar.db().open()
    try:
        stored = connection.get(base._p_oid)
        assert has_trees(stored)
        assert list(stored.objectIds()) == ["don.pdf"]
        assert stored.objectCount() == 1
        assert len(stored._mt_index) == 1  # the meta type index too
    finally:
        connection.close()
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(dossier["don.pdf"])
    assert list(dossier.objectIds()) == []
    transaction.abort()


def test_an_ordinary_folder_still_stores_them_at_creation(functional):
    """Positive control: Plone's Folder has its three trees from the start."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="thu-muc")
    assert has_trees(aq_base(folder))
    transaction.abort()
