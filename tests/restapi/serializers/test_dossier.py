"""``++api++`` of a dossier and of the tracking book list their items from the
dossier catalog: the files of a dossier, the dossiers of the book, as the
user may see them (issue #14)."""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import json_session
from luanthanh.policy.testing.scenarios import secret_site
from plone import api

import pytest
import transaction


class TestItems:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "processing", "intake")
        return {"url": portal.absolute_url(), "dossiers": dossiers}

    def test_a_dossier_lists_its_files(self, site):
        dossier = site["dossiers"]["processing"]
        # The file is in the dossier catalog, not in portal_catalog.
        path = "/".join(dossier.getPhysicalPath())
        assert len(find_unrestricted(path={"query": path, "depth": 1})) == 1
        catalog = api.portal.get_tool("portal_catalog")
        assert len(catalog.unrestrictedSearchResults(path=path)) == 0
        answer = json_session("motcua").get(
            f"{site['url']}/++api++/ho-so/{dossier.getId()}"
        )
        assert answer.status_code == 200
        body = answer.json()
        assert body["is_folderish"] is True
        assert body["items_total"] == 1
        (item,) = body["items"]
        assert (item["@type"], item["@id"]) == (
            "File",
            f"{dossier.absolute_url()}/cccd.pdf",
        )
        download = json_session("motcua").get(f"{item['@id']}/@@download/file")
        assert download.status_code == 200
        assert download.content.startswith(b"%PDF")

    def test_full_objects_and_no_items(self, site):
        dossier = site["dossiers"]["processing"]
        url = f"{site['url']}/++api++/ho-so/{dossier.getId()}"
        full = json_session("motcua").get(url, params={"fullobjects": 1}).json()
        assert [i["@type"] for i in full["items"]] == ["File"]
        assert "file" in full["items"][0]
        bare = json_session("motcua").get(url, params={"include_items": "false"}).json()
        assert "items" not in bare

    def test_the_book_lists_what_the_user_may_see(self, site):
        codes = {d.code for d in site["dossiers"].values()}
        book = json_session("motcua").get(
            f"{site['url']}/++api++/ho-so", params={"b_size": 2}
        )
        assert book.status_code == 200
        listed = {i["@id"].rsplit("/", 1)[-1] for i in book.json()["items"]}
        assert listed == {d.getId() for d in site["dossiers"].values()}
        assert book.json()["items_total"] == len(codes)
        # An editor may not open the book: its one 404, no item.
        refused = json_session("bientap").get(f"{site['url']}/++api++/ho-so")
        assert refused.status_code == 404
        assert all(code not in refused.text for code in codes)


def test_result_delivery_is_serialized(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal)
        post = make_dossier(
            functional_portal,
            procedure,
            result_delivery="post",
            result_address="Số 5, thôn Đông",
        )
        old = make_dossier(functional_portal, procedure)
        # A dossier stored before the choice existed: the class default.
        del old.result_delivery
        del old.result_address
    transaction.commit()
    session = json_session("motcua")
    body = session.get(f"{post.absolute_url()}?fullobjects=1").json()
    assert body["result_delivery"] == {
        "token": "post",
        "title": "Qua dịch vụ bưu chính công ích",
    }
    assert body["result_address"] == "Số 5, thôn Đông"
    body = session.get(old.absolute_url()).json()
    assert body["result_delivery"]["token"] == "center"
    assert body["result_address"] == ""
