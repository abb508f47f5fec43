"""The follow-up of an online submission, through the real form (issue #15)."""

from luanthanh.policy.dossiers import followup
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from unittest import mock
from zope.annotation.interfaces import IAnnotations
from zope.annotation.interfaces import IAttributeAnnotatable
from zope.component import getUtility
from zope.interface import alsoProvides
from zope.intid.interfaces import IIntIds
from zope.publisher.browser import TestRequest

import pytest
import threading
import time
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


def _event(paths):
    request = TestRequest()
    alsoProvides(request, IAttributeAnnotatable)
    IAnnotations(request)[pending.REQUEST_KEY] = list(paths)
    return mock.Mock(request=request)


def test_one_follow_up_at_a_time_takes_what_waits(integration):
    """An instance's threads do not index side by side (they only conflicted
    with each other on the catalog): a follow-up that waited for the one
    before it takes everything the process queued meanwhile."""
    calls = []
    followup._INDEXING.acquire()  # a follow-up is running
    try:
        with mock.patch.object(followup, "index_pending", side_effect=calls.append):
            threads = [
                threading.Thread(target=followup.after_submission, args=(_event([p]),))
                for p in ("/Plone/ho-so/a", "/Plone/ho-so/b")
            ]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 10
            while len(followup._WAITING) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert calls == []  # both wait
            followup._INDEXING.release()
            for thread in threads:
                thread.join(10)
    finally:
        if followup._INDEXING.locked():
            followup._INDEXING.release()
    assert calls == [["/Plone/ho-so/a", "/Plone/ho-so/b"]]
    assert not followup._WAITING


def test_a_lone_follow_up_indexes_its_own(integration):
    # Positive control: nobody else waiting, the request's own dossier.
    calls = []
    with mock.patch.object(followup, "index_pending", side_effect=calls.append):
        followup.after_submission(_event(["/Plone/ho-so/c"]))
    assert calls == [["/Plone/ho-so/c"]]
    assert not followup._INDEXING.locked()
