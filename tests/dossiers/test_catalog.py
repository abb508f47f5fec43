"""The dossier catalog: dossiers and attachments there, never in portal_catalog."""

from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import DossierCatalogProcessor
from luanthanh.policy.dossiers.catalog_tool import SECRET_ATTRIBUTE
from luanthanh.policy.dossiers.catalog_tool import TOOL_ID
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.interfaces import IIndexQueueProcessor
from zope.component import getSiteManager

import hashlib
import hmac
import pytest


PHONE = "0912345678"
CCCD = "038090001234"


def in_portal_catalog(**query) -> list[str]:
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    return [b.getPath() for b in catalog.unrestrictedSearchResults(**query)]


def in_dossier_catalog(**query) -> list[str]:
    processQueue()
    return [b.getPath() for b in dossier_catalog.find_unrestricted(**query)]


@pytest.fixture
def attached(dossier):
    return attach_file(dossier, "don.pdf", "Đơn", b"%PDF-1.4 x", "application/pdf")


def path(obj) -> str:
    return "/".join(obj.getPhysicalPath())


def test_the_site_has_the_tool_and_its_processor(portal):
    tool = dossier_catalog.catalog()
    assert tool.getId() == TOOL_ID
    assert path(tool) == path(portal) + "/" + TOOL_ID
    processors = dict(getSiteManager().getUtilitiesFor(IIndexQueueProcessor))
    assert isinstance(processors["portal-catalog"], DossierCatalogProcessor)
    assert len(processors) == 1
    assert len(getattr(tool, SECRET_ATTRIBUTE)) == 32


def test_dossier_and_attachment_only_in_dossier_catalog(portal, dossier, attached):
    assert in_dossier_catalog(portal_type="Dossier") == [path(dossier)]
    assert in_dossier_catalog(portal_type="File") == [path(attached)]
    assert in_portal_catalog(portal_type="Dossier") == []
    assert in_portal_catalog(path=path(portal["ho-so"])) == [path(portal["ho-so"])]
    assert dossier_catalog.misplaced() == []
    # Positive control: other content still goes to portal_catalog.
    assert in_portal_catalog(portal_type="Procedure")
    assert not in_dossier_catalog(portal_type="Procedure")


def test_transition_reindexes_security_in_dossier_catalog(portal, dossier, attached):
    tool = dossier_catalog.catalog()
    processQueue()
    rid = tool.getrid(path(attached))
    before = tool.getIndexDataForRID(rid)["allowedRolesAndUsers"]
    fire(dossier, "accept", "motcua")
    processQueue()
    assert tool.getIndexDataForRID(tool.getrid(path(dossier)))["review_state"] == (
        "processing"
    )
    after = tool.getIndexDataForRID(tool.getrid(path(attached)))["allowedRolesAndUsers"]
    assert before != after
    assert dossier_catalog.misplaced() == []


def test_folder_sharing_reindexes_dossiers(portal, dossier):
    tool = dossier_catalog.catalog()
    folder = portal["ho-so"]
    folder.manage_setLocalRoles("congdan", ["DossierReceiver"])
    folder.reindexObjectSecurity()
    processQueue()
    data = tool.getIndexDataForRID(tool.getrid(path(dossier)))
    assert "user:congdan" in data["allowedRolesAndUsers"]
    assert dossier_catalog.misplaced() == []


def test_delete_and_rename_leave_no_trace(portal, procedure):
    first = make_dossier(portal, procedure)
    second = make_dossier(portal, procedure)
    attach_file(second, "a.pdf", "A", b"%PDF-1.4 x", "application/pdf")
    processQueue()
    old = path(second)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(first)
        api.content.rename(obj=second, new_id="doi-ten")
    processQueue()
    assert in_dossier_catalog(portal_type="Dossier") == [path(second)]
    assert old not in in_dossier_catalog()
    assert in_dossier_catalog(portal_type="File") == [path(second) + "/a.pdf"]
    assert dossier_catalog.misplaced() == []


def test_searchable_text_has_no_phone_or_cccd(dossier):
    tool = dossier_catalog.catalog()
    processQueue()
    rid = tool.getrid(path(dossier))
    data = repr(tool.getIndexDataForRID(rid)) + repr(tool.getMetadataForRID(rid))
    assert PHONE not in data and CCCD not in data
    assert "912" not in repr(tool.getIndexDataForRID(rid)["SearchableText"])
    # Positive control: the name is there.
    assert "nguyen" in tool.getIndexDataForRID(rid)["SearchableText"]


@pytest.mark.parametrize(
    "typed", ["0912 345 678", "+84 912.345.678", "038090001234", "038 090 001 234"]
)
def test_search_by_phone_or_cccd_hashes_the_query(dossier, typed):
    assert in_dossier_catalog(SearchableText=typed) == [path(dossier)]
    assert dossier_catalog.query_key(typed)
    assert dossier_catalog.query_key(typed) not in (PHONE, CCCD)


def test_search_by_another_phone_finds_nothing(dossier):
    assert in_dossier_catalog(SearchableText="0987 654 321") == []
    assert in_dossier_catalog(SearchableText="Nguyen") == [path(dossier)]


def test_keys_depend_on_the_site_secret(portal, dossier):
    tool = dossier_catalog.catalog()
    key = dossier_catalog.applicant_key("phone", PHONE)
    setattr(tool, SECRET_ATTRIBUTE, b"x" * 32)
    assert dossier_catalog.applicant_key("phone", PHONE) != key


def test_rebuilding_either_catalog_keeps_them_apart(portal, dossier, attached):
    processQueue()
    api.portal.get_tool("portal_catalog").clearFindAndRebuild()
    processQueue()
    assert dossier_catalog.misplaced() == []
    assert in_portal_catalog(portal_type="Procedure")
    tool = dossier_catalog.catalog()
    tool.clearFindAndRebuild()
    processQueue()
    assert in_dossier_catalog(portal_type="Dossier") == [path(dossier)]
    assert in_dossier_catalog(portal_type="File") == [path(attached)]
    assert not in_dossier_catalog(portal_type="Procedure")


def test_applicant_key_is_hmac_sha256(portal):
    secret = getattr(dossier_catalog.catalog(), SECRET_ATTRIBUTE)
    expected = hmac.new(secret, b"phone:" + PHONE.encode(), hashlib.sha256)
    assert dossier_catalog.applicant_key("phone", PHONE) == expected.hexdigest()
