"""content/dossier.py: names that are no field skip Dexterity's schema walk."""

from Acquisition import aq_base
from luanthanh.policy.content.attributes import is_field_name
from luanthanh.policy.content.attributes import NOT_FIELDS
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone.app.dexterity.behaviors.exclfromnav import IExcludeFromNavigation
from plone.app.lockingbehavior.behaviors import ILocking
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity import content as dexterity_content
from plone.dexterity.utils import iterSchemataForType
from zope.schema import getFieldNames

import pytest


@pytest.fixture
def dossier(portal):
    create_officials()
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return make_dossier(portal, make_procedure(portal))


@pytest.mark.parametrize("portal_type", ["Dossier", "DossierFolder"])
def test_no_field_uses_a_skipped_name(portal, portal_type):
    fields = {
        name
        for schema in iterSchemataForType(portal_type)
        for name in getFieldNames(schema)
    }
    assert fields  # the schemata are there
    assert {name for name in fields if not is_field_name(name)} == set()
    assert is_field_name("applicant_phone")
    assert not is_field_name("_owner")
    assert not is_field_name("portal_dossier_catalog")
    assert not is_field_name("000-00-99-h56-251208-0001")  # a dossier's id
    assert not is_field_name("don.pdf")  # an attachment's
    assert not any(is_field_name(name) for name in NOT_FIELDS)


def test_acquired_names_skip_the_schema_walk(portal, dossier, monkeypatch):
    walks = []
    original = dexterity_content._default_from_schema

    def counting(context, schema, name):
        if aq_base(context).portal_type in ("Dossier", "DossierFolder"):
            walks.append(name)
        return original(context, schema, name)

    monkeypatch.setattr(dexterity_content, "_default_from_schema", counting)
    # Acquired from the site, as before (main: a schema walk on the dossier
    # and on the book for each; the site itself still walks).
    assert aq_base(dossier.portal_dossier_catalog) is aq_base(
        portal.portal_dossier_catalog
    )
    assert dossier.acl_users.getId() == "acl_users"
    assert not hasattr(dossier, "_no_such_attribute")
    # The id check of a new dossier (OFS looks the id up, acquisition too).
    book = portal["ho-so"]
    assert getattr(book, "000-00-99-h56-251208-0001", None) is None
    assert getattr(book, dossier.getId()) is not None
    assert walks == []
    # Any other name still goes through Dexterity's walk (schema defaults).
    assert getattr(dossier, "no_such_field", None) is None
    assert set(walks) == {"no_such_field"}


def test_children_still_answer_by_id(portal, dossier):
    attach_file(dossier, "image", "Ảnh", b"data", "image/png")
    assert dossier.image.getId() == "image"
    assert not hasattr(dossier, "path")  # no child of that id, nothing acquired


def test_behaviors_still_provided(portal, dossier):
    """The short-cut keeps Dexterity's ``providedBy`` (a base class would have
    hidden it: no behavior interface, the book's REST listing a 500)."""
    book = portal["ho-so"]
    assert IExcludeFromNavigation.providedBy(book)
    assert IExcludeFromNavigation(book) is not None
    assert ILocking.providedBy(dossier)
