"""Templates compiled before the first request (issue #15, "cheap pages").

``caching/warmup.py`` cooks, on ``IProcessStarting`` (before waitress
serves), the templates of the views, viewlets, portlets and widgets of the
packages the site's pages use.  After it, rendering the anonymous pages
compiles nothing; without it (the control), the first rendering compiles
many templates, and concurrent first renderings race (malthe/chameleon#387).
"""

from concurrent.futures import ThreadPoolExecutor
from luanthanh.policy.browser.online import OnlineEasyFormForm
from luanthanh.policy.browser.public import HomeView
from luanthanh.policy.caching import warmup
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.http import browser_for
from plone import api
from Products.CMFPlone.browser.main_template import MainTemplate
from zope.component import getGlobalSiteManager
from zope.event import notify
from zope.pagetemplate.pagetemplate import PageTemplate
from zope.processlifetime import ProcessStarting

import pytest
import requests


def _uncook(templates) -> None:
    """Back to the state of a freshly started process."""
    for template in templates:
        template._v_program = None
        template._v_macros = None
        template._v_cooked = 0
        template._v_last_read = 0


@pytest.fixture
def fresh_templates():
    """Our templates and Plone's main template, as in a fresh process (all
    ~350 would cost a minute of compiling for each test)."""
    templates = warmup.page_templates(("luanthanh.policy",))
    templates.append(vars(MainTemplate)["main_template"])
    _uncook(templates)
    return templates


@pytest.fixture
def cooks(monkeypatch) -> list:
    """The files of the templates compiled from now on."""
    compiled = []
    original = PageTemplate._cook

    def _cook(self):
        compiled.append(getattr(self, "filename", repr(self)))
        return original(self)

    monkeypatch.setattr(PageTemplate, "_cook", _cook)
    return compiled


def test_warm_up_runs_when_the_process_starts():
    handlers = [r.handler for r in getGlobalSiteManager().registeredHandlers()]
    assert warmup.warm_up_on_start in handlers


def test_templates_are_cooked_after_start(integration, fresh_templates, monkeypatch):
    monkeypatch.setenv(warmup.SWITCH, "on")
    main_template = vars(MainTemplate)["main_template"]
    assert main_template in fresh_templates
    assert vars(HomeView)["index"] in fresh_templates
    assert not any(warmup.cooked(t) for t in fresh_templates)

    notify(ProcessStarting())

    assert all(warmup.cooked(t) for t in fresh_templates)
    assert len(warmup.page_templates()) > 300
    assert all(warmup.cooked(t) for t in warmup.page_templates())


def test_the_forms_of_form_wrappers_are_warmed_up():
    # The online form's thank-you page: rendered by the form class, which
    # plone.z3cform's registered wrapper only names (a 500 in the cluster
    # proof: four first thank-you pages compiled it at once).
    templates = warmup.page_templates(("luanthanh.policy",))
    assert vars(OnlineEasyFormForm)["thank_you_template"] in templates
    assert vars(HomeView)["index"] in templates


def test_warm_up_can_be_switched_off(integration, fresh_templates, monkeypatch):
    monkeypatch.setenv(warmup.SWITCH, "off")
    notify(ProcessStarting())
    assert not any(warmup.cooked(t) for t in fresh_templates)


def _render_public_pages(app, portal) -> None:
    procedure = api.content.find(portal_type="Procedure", review_state="published")
    browser = browser_for(app, raising=True)
    base = portal.absolute_url()
    for path in (
        "",
        "/thu-tuc-hanh-chinh",
        procedure[0].getURL()[len(base) :],
        "/tra-cuu-ho-so",
        f"/{KHAI_SINH}",
    ):
        browser.open(base + path)


def test_no_template_is_compiled_on_the_first_render(
    online, functional_app, functional_portal, fresh_templates, cooks
):
    warmup.warm_up()
    cooks.clear()
    _render_public_pages(functional_app, functional_portal)
    assert cooks == []


def test_without_warm_up_the_first_render_compiles(
    online, functional_app, functional_portal, fresh_templates, cooks
):
    """The control: the same pages, freshly started, without the warm-up."""
    _render_public_pages(functional_app, functional_portal)
    assert len(cooks) > 5
    assert any("main_template" in name for name in cooks)


def test_concurrent_first_renders(online, functional_portal, fresh_templates):
    warmup.warm_up()
    base = functional_portal.absolute_url()
    urls = [base, f"{base}/thu-tuc-hanh-chinh", f"{base}/{KHAI_SINH}"] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda url: requests.get(url).status_code, urls))
    assert statuses == [200] * len(urls)
