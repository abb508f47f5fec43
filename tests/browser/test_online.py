"""The online form's page (``browser/online.py``): its cost per request.

easyform parses the form's XML model at every access of ``schema``; our form
parses it once per request (issue #15, "cheap pages").
"""

from collective.easyform import api as easyform_api
from luanthanh.policy.testing.forms import open_form


def test_the_form_model_is_parsed_once_per_request(
    online, browser, functional_portal, fresh_limits, monkeypatch
):
    parsed = []
    original = easyform_api.loadString

    def spy(data, *args, **kw):
        parsed.append(data[:60])
        return original(data, *args, **kw)

    monkeypatch.setattr(easyform_api, "loadString", spy)
    open_form(browser, functional_portal)
    assert "form-widgets-" in browser.contents
    fields = [p for p in parsed if "fields_model" not in p]
    assert len(parsed) <= 2, len(parsed)  # the fields, the actions: once each
    assert fields
