"""The shared pytest fixtures of luanthanh.policy (a pytest plugin).

``tests/conftest.py`` and ``bench/conftest.py`` load it with
``pytest_plugins = ["pytest_plone", "luanthanh.policy.testing.fixtures"]``.
Besides pytest-plone's layer fixtures (``integration``, ``functional``,
``portal``, ``functional_portal``, ``functional_app``...) it gives:

* ``officials``, ``procedure``, ``dossier``: the integration basics;
* ``mock_mailhost``: plone.app.testing's MockMailHost in place of the site's
  MailHost (integration: every message handed over, in ``messages``, without
  a commit), with the site's sender set;
* ``mails``, ``http_dossiers``: the lookup's dossiers over HTTP;
* ``committed``: a July 2025 of dossiers for the statistics;
* ``mailhost``, ``online``, ``browser``: the demo forms, over the WSGI stack;
* ``reset_limiter``, ``fresh_cache``, ``fresh_limits``, ``fresh_login_counts``:
  in-memory state cleaned around a test.  None is autouse: a folder's
  conftest (or a module's ``pytestmark``) opts in.
"""

from Acquisition import aq_base
from datetime import date
from luanthanh.policy import statistics
from luanthanh.policy import throttle
from luanthanh.policy.easyform import guard
from luanthanh.policy.security import login
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_form_procedures
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.layers import FUNCTIONAL_TESTING
from luanthanh.policy.testing.layers import INTEGRATION_TESTING
from luanthanh.policy.testing.mails import configure_sender
from luanthanh.policy.testing.scenarios import lookup_dossiers
from plone import api
from plone.app.testing.utils import MockMailHost as PloneMockMailHost
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from Products.MailHost.MailHost import MailBase
from pytest_plone import fixtures_factory
from zope.component import getSiteManager

import pytest
import transaction


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# Officials, a procedure, a dossier (integration) ------------------------------


@pytest.fixture
def officials(portal):
    """The officials of ``create_officials``."""
    create_officials()


@pytest.fixture
def procedure(portal, officials):
    """A published civil status procedure (3 working days)."""
    return make_procedure(portal)


@pytest.fixture
def dossier(portal, procedure):
    """A dossier in ``intake``."""
    return make_dossier(portal, procedure)


@pytest.fixture
def mock_mailhost(portal):
    """The site's MailHost replaced by plone.app.testing's MockMailHost.

    ``luanthanh.policy.mail`` hands messages over with ``immediate=False``;
    the mock keeps them in ``messages`` at once, so that an integration test
    (which never commits) sees them.  The sender is set: without it nothing
    is handed over at all."""
    configure_sender()
    original = aq_base(portal.MailHost)
    own_attribute = "MailHost" in portal.__dict__
    mock = PloneMockMailHost("MailHost")
    portal.MailHost = mock
    site_manager = getSiteManager(portal)
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(mock, provided=IMailHost)
    yield mock
    if own_attribute:
        portal.MailHost = original
    else:
        del portal.MailHost
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(original, provided=IMailHost)


# The public lookup --------------------------------------------------------------


@pytest.fixture
def mails(monkeypatch) -> list:
    """Every message handed to a MailHost, in this process, as text."""
    sent = []

    def _send(self, mfrom, mto, message, immediate=False):
        sent.append(message if isinstance(message, str) else message.decode())

    monkeypatch.setattr(MailBase, "_send", _send)
    return sent


@pytest.fixture
def http_dossiers(functional_portal, mails) -> dict:
    """Functional (over HTTP): the lookup's state → code, committed."""
    built = lookup_dossiers(functional_portal)
    transaction.commit()
    return {state: dossier.code for state, dossier in built.items()}


@pytest.fixture
def reset_limiter():
    """The lookup's rate limiter starts and ends empty."""
    throttle.limiter.reset()
    yield
    throttle.limiter.reset()


# Statistics ---------------------------------------------------------------------


@pytest.fixture
def fresh_cache():
    """The statistics cache starts and ends empty."""
    statistics.clear_cache()
    yield
    statistics.clear_cache()


@pytest.fixture
def committed(functional_portal):
    """Officials, two procedures and a July 2025 of dossiers, committed."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        marriage = make_procedure(portal)
        business = make_procedure(
            portal,
            title="=Đăng ký hộ kinh doanh",  # a title a spreadsheet would run
            code="2.000720",
            field="kinh-te",
        )
    build = dated_dossier
    made = [
        build(portal, marriage, date(2025, 6, 25), outcome="approve",
              closed=date(2025, 7, 3), timeliness="early"),
        build(portal, marriage, date(2025, 7, 5), channel="direct",
              outcome="approve", closed=date(2025, 7, 10), timeliness="on_time",
              returned=date(2025, 7, 11), rating="satisfied"),
        build(portal, marriage, date(2025, 7, 6), due=date(2025, 7, 9)),
        build(portal, business, date(2025, 7, 7), channel="postal",
              outcome="stop", closed=date(2025, 7, 20)),
        build(portal, business, None),
    ]  # fmt: skip
    transaction.commit()
    return made


# The online forms (functional) ----------------------------------------------------


@pytest.fixture
def mailhost(functional_portal):
    """Messages handed to the MailHost, kept in ``mailhost.messages``."""
    portal = functional_portal
    original = portal.MailHost
    mock = MockMailHost("MailHost")
    mock.smtp_host = "localhost"
    portal._original_MailHost = original
    portal.MailHost = mock
    sm = portal.getSiteManager()
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record(
        "plone.email_from_address", "pvhcc@luanthanh.example.org"
    )
    api.portal.set_registry_record(
        "plone.email_from_name", "Trung tâm PVHCC Luận Thành"
    )
    transaction.commit()
    yield mock
    portal.MailHost = original
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(original, provided=IMailHost)
    transaction.commit()


@pytest.fixture
def fresh_limits(monkeypatch):
    """No minimum fill time (tests fill in forms in milliseconds), no hits."""
    monkeypatch.setattr(guard, "MIN_FILL_SECONDS", 0)
    throttle.limiter.reset()
    yield
    throttle.limiter.reset()


@pytest.fixture
def online(functional_portal, mailhost):
    """The demo forms, linked to their procedures."""
    procedures = make_form_procedures(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        demo_forms(functional_portal)
    transaction.commit()
    return procedures


@pytest.fixture
def browser(functional_app):
    """A test browser that raises the site's errors."""
    return browser_for(functional_app, raising=True)


# Security -----------------------------------------------------------------------


@pytest.fixture
def fresh_login_counts():
    """The login throttle counts in memory per process: start clean."""
    login.failures.reset()
    yield
    login.failures.reset()
