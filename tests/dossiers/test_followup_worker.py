"""The follow-up in the instance's own thread, after the response (issue #15).

With ``DOSSIER_FOLLOWUP=background`` (what ``make_instance.py`` writes) the
submission's response does not wait for the indexing of its dossier: the
dossier is committed and queued, the thank-you page shows its code, the
lookup finds it by that code at once, and the process's follow-up thread
indexes it shortly after.
"""

from luanthanh.policy import api as lt_api
from luanthanh.policy.dossiers import followup
from luanthanh.policy.dossiers import followup_worker
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.forms import ANSWERS
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.forms import submit_unindexed
from luanthanh.policy.testing.http import json_session
from plone import api
from unittest import mock
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest
import transaction


@pytest.fixture(autouse=True)
def _fresh_limits(fresh_limits):
    yield


@pytest.fixture
def background(monkeypatch):
    monkeypatch.setenv(followup_worker.MODE_ENV, "background")
    yield followup.WORKER
    assert followup.WORKER.wait_idle(30)


def _dossiers() -> list:
    transaction.begin()
    folder = catalog().aq_parent["ho-so"]
    return [obj for obj in folder.objectValues() if obj.portal_type == "Dossier"]


def test_mode_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(followup_worker.MODE_ENV, raising=False)
    assert followup_worker.mode() == "inline"
    monkeypatch.setenv(followup_worker.MODE_ENV, " Background ")
    assert followup_worker.mode() == "background"
    monkeypatch.setenv(followup_worker.MODE_ENV, "later")
    assert followup_worker.mode() == "inline"


def test_the_response_does_not_wait_for_the_indexing(
    online, browser, functional_portal, background
):
    open_form(browser, functional_portal)
    fill(browser)
    # The follow-up thread cannot index while the lock is held: the
    # response must come anyway.
    assert followup._INDEXING.acquire(timeout=10)
    try:
        submit(browser)
        [dossier] = _dossiers()
        assert dossier.code in browser.contents
        path = "/".join(dossier.getPhysicalPath())
        assert pending.queued_paths(catalog()) == [path]
        assert not find_unrestricted(portal_type="Dossier")
        # The lookup finds it by its code (and phone) meanwhile...
        found = lt_api.lookup.find(dossier.code, phone=ANSWERS["so_dien_thoai"])
        assert found is not None and found.code == dossier.code
        # ...but not with a wrong second factor.
        with pytest.raises(lt_api.exc.NotFound):
            lt_api.lookup.find(dossier.code, phone="0987 654 321")
    finally:
        followup._INDEXING.release()

    assert background.wait_idle(30)
    transaction.begin()
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.dossier_code == dossier.code
    assert len(find_unrestricted(path=path)) == 2  # the dossier and its file
    assert pending.queued_paths(catalog()) == []
    assert getUtility(IIntIds).queryId(dossier) is not None


def test_inline_indexes_before_the_response(online, browser, functional_portal):
    # Positive control of the test above: without the setting the follow-up
    # runs in the request, so it cannot answer while the lock is held by
    # someone else; it gives up after LOCK_TIMEOUT and leaves it queued.
    open_form(browser, functional_portal)
    fill(browser)
    with mock.patch.object(followup, "LOCK_TIMEOUT", 0.1):
        assert followup._INDEXING.acquire(timeout=10)
        try:
            with mock.patch.object(followup, "index_pending") as index:
                submit(browser)
        finally:
            followup._INDEXING.release()
    assert not index.called
    assert not followup.WORKER._jobs


def test_a_failing_round_leaves_the_dossier_queued_and_the_thread_alive(
    online, browser, functional_portal, background
):
    open_form(browser, functional_portal)
    fill(browser)
    with mock.patch.object(
        followup, "index_pending", side_effect=RuntimeError("boom")
    ) as index:
        submit(browser)
        assert background.wait_idle(30)
        assert index.called
    [dossier] = _dossiers()
    path = "/".join(dossier.getPhysicalPath())
    assert pending.queued_paths(catalog()) == [path]
    assert not find_unrestricted(portal_type="Dossier")

    # The next submission's round takes the stale one too.
    with mock.patch.object(followup, "STALE_SECONDS", 0.0):
        open_form(browser, functional_portal)
        fill(browser, ho_ten_tre="Nguyễn Minh Khang")
        submit(browser)
        assert background.wait_idle(30)
    transaction.begin()
    assert len(find_unrestricted(portal_type="Dossier")) == 2
    assert pending.queued_paths(catalog()) == []


def test_an_instance_starting_indexes_what_was_left_queued(
    online, functional_app, functional_portal, functional, monkeypatch
):
    # A process stopped between a thank-you page and its follow-up.
    dossier = submit_unindexed(functional_app, functional_portal)
    path = "/".join(dossier.getPhysicalPath())
    event = mock.Mock(database=functional["zodbDB"])

    followup.at_start(event)  # inline instance: left to the safety nets
    transaction.begin()
    assert pending.queued_paths(catalog()) == [path]

    monkeypatch.setenv(followup_worker.MODE_ENV, "background")
    followup.at_start(event)
    transaction.begin()
    assert pending.queued_paths(catalog()) == []
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.dossier_code == dossier.code
    assert getUtility(IIntIds).queryId(dossier) is not None


def test_a_dossier_accepted_before_its_follow_up(
    online, browser, functional_portal, background
):
    """The desk accepts (REST, by its URL) a dossier whose follow-up has not
    run yet; then the follow-up runs: both commit, the dossier is indexed
    in its new state."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    open_form(browser, functional_portal)
    fill(browser)
    assert followup._INDEXING.acquire(timeout=10)
    try:
        submit(browser)
        [dossier] = _dossiers()
        desk = json_session("motcua")
        answer = desk.post(f"{dossier.absolute_url()}/@workflow/accept", json={})
        assert answer.status_code == 200, answer.text
        state = answer.json()["review_state"]
    finally:
        followup._INDEXING.release()
    assert background.wait_idle(30)
    transaction.begin()
    [brain] = find_unrestricted(portal_type="Dossier")
    assert state != "intake"
    assert brain.review_state == state
    assert pending.queued_paths(catalog()) == []
    assert getUtility(IIntIds).queryId(dossier) is not None
