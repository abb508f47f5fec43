"""``Cache-Control: no-store, private`` on forms, receipts and lookups.

Issue #14, finding 12: the guarded online forms sent no ``no-store``, so a
cache that served one rendering (one signed stamp) to many citizens made the
later ones land on the first one's dossier and receipt.  The forms, their
thank-you page (the receipt of the new dossier), the lookup page and the
lookup and rating services now answer ``no-store, private``, set in one place
(``security/headers.py``).  A public page keeps its cacheability (positive
control).
"""

from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from plone import api

import requests


NO_STORE = "no-store, private"


def test_plone_app_caching_is_on(portal):
    """plone.app.caching is on (issue #15); its private ruleset answers
    ``no-store, private`` for these pages too (tests/caching/test_rules.py)."""
    enabled = api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", default=False
    )
    assert enabled


def test_form_and_thank_you_page(online, browser, functional_portal, fresh_limits):
    open_form(browser, functional_portal)
    assert browser.headers["Cache-Control"] == NO_STORE
    fill(browser)
    submit(browser)
    assert "Tra cứu tình trạng hồ sơ" in browser.contents  # the receipt
    assert browser.headers["Cache-Control"] == NO_STORE


def test_lookup_page_and_services(http_dossiers, functional_portal, fresh_limits):
    url = functional_portal.absolute_url()
    code = http_dossiers["processing"]
    answers = [
        requests.get(f"{url}/tra-cuu-ho-so/@@tra-cuu-ho-so"),
        requests.get(f"{url}/tra-cuu-ho-so/@@tra-cuu-ho-so?code={code}"),
        requests.post(
            f"{url}/tra-cuu-ho-so/@@tra-cuu-ho-so",
            data={"action": "lookup", "code": code, "phone": "0912345678"},
        ),
        requests.post(
            f"{url}/++api++/@dossier-lookup",
            json={"code": code, "phone": "0912345678"},
            headers={"Accept": "application/json"},
        ),
        requests.get(
            f"{url}/++api++/@dossier-lookup", headers={"Accept": "application/json"}
        ),
        requests.post(
            f"{url}/++api++/@dossier-rating",
            json={"code": code, "phone": "0900000000", "rating": "satisfied"},
            headers={"Accept": "application/json"},
        ),
    ]
    assert answers[2].status_code == 200 and code in answers[2].text
    assert answers[3].status_code == 200
    for response in answers:
        assert response.headers["Cache-Control"] == NO_STORE, response.url


def test_public_pages_stay_cacheable(online, functional_portal):
    """Positive control: the procedures list is not marked."""
    response = requests.get(f"{functional_portal.absolute_url()}/nop-ho-so")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert KHAI_SINH.split("/")[1] in response.text
