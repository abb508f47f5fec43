"""The follow-up of an online submission, through the real form (issue #15)."""

from luanthanh.policy.dossiers import followup
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from unittest import mock
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


@pytest.fixture(autouse=True)
def _fresh_limits(fresh_limits):
    yield


def _dossiers() -> list:
    transaction.begin()
    folder = catalog().aq_parent["ho-so"]
    return [obj for obj in folder.objectValues() if obj.portal_type == "Dossier"]


def test_the_dossier_is_indexed_before_the_thank_you_page(
    online, browser, functional_portal
):
    open_form(browser, functional_portal)
    fill(browser)
    submit(browser)

    [dossier] = _dossiers()
    assert dossier.code in browser.contents
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.dossier_code == dossier.code
    assert len(find_unrestricted(path="/".join(dossier.getPhysicalPath()))) == 2
    assert pending.queued_paths(catalog()) == []
    assert getUtility(IIntIds).queryId(dossier) is not None


def test_a_failed_follow_up_loses_nothing(online, browser, functional_portal):
    open_form(browser, functional_portal)
    fill(browser)
    with mock.patch.object(
        followup, "index_pending", side_effect=RuntimeError("boom")
    ) as follow_up:
        submit(browser)
        assert follow_up.called
        [dossier] = _dossiers()
        # The citizen got the code; the dossier waits in the queue.
        assert dossier.code in browser.contents
        assert not find_unrestricted(portal_type="Dossier")
        path = "/".join(dossier.getPhysicalPath())
        assert pending.queued_paths(catalog()) == [path]

        # The same rendering posted again (a double click, a browser retry)
        # finds that dossier through the token registry: no second one.
        browser.goBack()
        fill(browser)
        submit(browser)
        assert dossier.code in browser.contents
        assert len(_dossiers()) == 1

    # The next follow-up takes it (here: a maintenance call).
    assert followup.index_pending(stale=0) == [path]
    transaction.begin()
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.dossier_code == dossier.code
