"""Zope's retries after a ConflictError are logged, one line each."""

from luanthanh.policy import cluster
from ZODB.POSException import ConflictError
from ZPublisher.pubevents import PubBeforeAbort

import logging
import pytest


class Request(dict):
    """What the subscriber reads of a request: its environment."""


@pytest.fixture
def request_():
    return Request(REQUEST_METHOD="POST", PATH_INFO="/Plone/nop-ho-so/khai-sinh")


def _event(request, exc, retry):
    try:
        raise exc
    except type(exc):
        import sys

        return PubBeforeAbort(request, sys.exc_info(), retry)


def test_retry_is_logged(request_, caplog):
    caplog.set_level(logging.INFO, logger="luanthanh.policy.conflicts")
    before = cluster.RETRIES["/Plone/nop-ho-so/khai-sinh"]
    error = ConflictError(oid=b"\0" * 8)
    error.class_name = "BTrees.IOBTree.IOBTree"
    cluster.log_retry(_event(request_, error, retry=True))
    assert caplog.messages == [
        "ConflictError retry: POST /Plone/nop-ho-so/khai-sinh"
        " (BTrees.IOBTree.IOBTree) oid 0x00 retry 1"
    ]
    assert cluster.RETRIES["/Plone/nop-ho-so/khai-sinh"] == before + 1


def test_no_line_without_retry_or_for_other_errors(request_, caplog):
    caplog.set_level(logging.INFO, logger="luanthanh.policy.conflicts")
    cluster.log_retry(_event(request_, ConflictError(), retry=False))
    cluster.log_retry(_event(request_, ValueError("x"), retry=True))
    assert caplog.messages == []


def test_subscriber_registered(portal):
    from zope.component import getGlobalSiteManager

    handlers = [r.handler for r in getGlobalSiteManager().registeredHandlers()]
    assert cluster.log_retry in handlers
