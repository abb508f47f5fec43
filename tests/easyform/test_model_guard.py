"""Code in an EasyForm's models needs easyform's permissions, on every path (issue #14).

An editor (Editor and Contributor on ``nop-ho-so``) may create and edit
forms, over ``++api++`` and in Classic UI, but may not put TALES, a custom
script or a mailer into a form's XML models: not through ``PATCH`` or
``POST`` of ``fields_model`` / ``actions_model``, not through the XML model
editors.  A Manager may.  Code already in a form stays while an editor
edits the rest.
"""

from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import session_for
from plone import api
from plone.supermodel import loadString
from xml.sax.saxutils import quoteattr

import pytest
import re
import transaction


EDITOR = "soanmau"
MANAGER = "quanly"
SECTION = "nop-ho-so"

SCHEMA_NS = (
    'xmlns="http://namespaces.plone.org/supermodel/schema" '
    'xmlns:easyform="http://namespaces.plone.org/supermodel/easyform"'
)


def fields_model(**settings) -> str:
    """A one-field model; ``settings`` become ``easyform:`` attributes."""
    attributes = "".join(
        f" easyform:{name}={quoteattr(value)}" for name, value in settings.items()
    )
    return (
        f"<model {SCHEMA_NS}><schema>"
        f'<field name="ho_ten" type="zope.schema.TextLine"{attributes}>'
        "<title>Họ và tên</title><required>False</required></field>"
        "</schema></model>"
    )


def actions_model(*actions: str) -> str:
    return f"<model {SCHEMA_NS}><schema>{''.join(actions)}</schema></model>"


SAVE_DATA = (
    '<field name="luu" type="collective.easyform.actions.SaveData">'
    "<title>Lưu câu trả lời</title></field>"
)
GUARDED_SAVE_DATA = (
    '<field name="luu" type="collective.easyform.actions.SaveData" '
    'easyform:execCondition="python:True"><title>Lưu câu trả lời</title></field>'
)
MAILER = (
    '<field name="gui_thu" type="collective.easyform.actions.Mailer">'
    "<title>Gửi thư</title><recipient_email>ke-gian@example.org</recipient_email>"
    "</field>"
)
SCRIPT = (
    '<field name="kich_ban" type="collective.easyform.actions.CustomScript">'
    "<title>Kịch bản</title><ScriptBody>return context.portal_catalog()</ScriptBody>"
    "</field>"
)

PLAIN_FIELDS = fields_model()
PLAIN_ACTIONS = actions_model(SAVE_DATA)
MANAGER_DEFAULT = "python:'Công dân'"


@pytest.fixture
def site(functional_portal, functional_app):
    portal = functional_portal
    add_user(EDITOR, [])
    add_user(MANAGER, ["Manager"])
    section = portal[SECTION]
    api.user.grant_roles(username=EDITOR, obj=section, roles=["Editor", "Contributor"])
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=section,
            type="EasyForm",
            id="khao-sat",
            title="Khảo sát",
            fields_model=PLAIN_FIELDS,
            actions_model=PLAIN_ACTIONS,
        )
        api.content.create(
            container=section,
            type="EasyForm",
            id="co-ma",
            title="Biểu mẫu có mã",
            fields_model=fields_model(TDefault=MANAGER_DEFAULT),
            actions_model=actions_model(MAILER),
        )
    dossier = make_dossier(portal, make_procedure(portal))
    transaction.commit()
    rid = dossier_catalog().getrid("/".join(dossier.getPhysicalPath()))
    return {
        "portal": portal,
        "app": functional_app,
        "api": f"{portal.absolute_url()}/++api++",
        "url": portal.absolute_url(),
        "rid": rid,
        "dossier": dossier,
    }


def call(method: str, url: str, user: str, payload=None):
    session = session_for(user)
    return session.request(
        method,
        url,
        json=payload,
        headers={"Accept": "application/json"},
    )


def stored(site, form_id: str, name: str) -> str:
    transaction.begin()
    return getattr(site["portal"][SECTION][form_id], name)


def exploit(rid) -> str:
    """Issue #14: a default that prints a dossier's catalog data (since 1009
    dossiers are in the dossier catalog, which Managers may search)."""
    return f"python:str(portal.portal_dossier_catalog.getIndexDataForRID({rid}))"


def assert_refused(response, *names):
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "DeserializationError"
    assert "không có quyền đưa mã lệnh vào biểu mẫu" in error["message"]
    for name in names:
        assert name in error["message"]


# Finding 2: an editor creates and edits forms ------------------------------------


def test_editor_creates_a_form_over_rest(site):
    response = call(
        "POST",
        f"{site['api']}/{SECTION}",
        EDITOR,
        {"@type": "EasyForm", "title": "Góp ý"},
    )
    assert response.status_code == 201, response.text
    url = response.json()["@id"].replace(site["url"], site["api"])
    assert call("GET", url, EDITOR).status_code == 200
    response = call("PATCH", url, EDITOR, {"title": "Góp ý về dịch vụ"})
    assert response.status_code == 204, response.text


def test_editor_creates_a_form_without_code_over_rest(site):
    response = call(
        "POST",
        f"{site['api']}/{SECTION}",
        EDITOR,
        {
            "@type": "EasyForm",
            "id": "y-kien",
            "title": "Ý kiến",
            "fields_model": PLAIN_FIELDS,
            "actions_model": PLAIN_ACTIONS,
        },
    )
    assert response.status_code == 201, response.text
    assert stored(site, "y-kien", "fields_model") == PLAIN_FIELDS
    other = fields_model().replace("Họ và tên", "Họ, chữ đệm và tên")
    response = call(
        "PATCH", f"{site['api']}/{SECTION}/y-kien", EDITOR, {"fields_model": other}
    )
    assert response.status_code == 204, response.text
    assert stored(site, "y-kien", "fields_model") == other


def test_editor_reads_a_form_over_rest(site):
    response = call("GET", f"{site['api']}/{SECTION}/khao-sat", EDITOR)
    assert response.status_code == 200, response.text
    assert "savedDataStorage" not in response.json()


def _save_title(browser, url: str, title: str) -> None:
    """Open the add or edit form at ``url``, set the title and save."""
    browser.open(url)
    browser.getControl(name="form.widgets.IDublinCore.title").value = title
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()


def test_editor_creates_and_edits_a_form_in_classic_ui(site):
    browser = browser_for(site["app"], EDITOR)
    _save_title(
        browser, f"{site['url']}/{SECTION}/++add++EasyForm", "Đăng ký tham quan"
    )
    form = site["portal"][SECTION]["dang-ky-tham-quan"]
    _save_title(browser, f"{form.absolute_url()}/edit", "Đăng ký tham quan (2)")
    assert site["portal"][SECTION]["dang-ky-tham-quan"].title == "Đăng ký tham quan (2)"


# Finding 1: no code from an editor --------------------------------------------------


def test_the_exploit_of_issue_14_is_refused(site):
    response = call(
        "PATCH",
        f"{site['api']}/{SECTION}/khao-sat",
        EDITOR,
        {"fields_model": fields_model(TDefault=exploit(site["rid"]))},
    )
    assert_refused(response, "TDefault (ho_ten)")
    assert stored(site, "khao-sat", "fields_model") == PLAIN_FIELDS
    page = browser_for(site["app"], MANAGER)
    page.open(f"{site['url']}/{SECTION}/khao-sat")
    assert "038090001234" not in page.contents


@pytest.mark.parametrize(
    "setting, value",
    [
        ("TDefault", "python:'x'"),
        ("TEnabled", "python:True"),
        ("TValidator", "python:False"),
        ("THidden", "True"),
        ("serverSide", "True"),
        ("depends_on", "ho_ten"),
        ("css_class", "an"),
    ],
)
def test_editor_may_not_patch_field_code(site, setting, value):
    response = call(
        "PATCH",
        f"{site['api']}/{SECTION}/khao-sat",
        EDITOR,
        {"fields_model": fields_model(**{setting: value})},
    )
    assert_refused(response, setting)
    assert stored(site, "khao-sat", "fields_model") == PLAIN_FIELDS


@pytest.mark.parametrize(
    "action, label",
    [
        (GUARDED_SAVE_DATA, "execCondition (luu)"),
        (MAILER, "IMailer (gui_thu)"),
        (SCRIPT, "ICustomScript (kich_ban)"),
    ],
)
def test_editor_may_not_patch_action_code(site, action, label):
    response = call(
        "PATCH",
        f"{site['api']}/{SECTION}/khao-sat",
        EDITOR,
        {"actions_model": actions_model(action)},
    )
    assert_refused(response, label)
    assert stored(site, "khao-sat", "actions_model") == PLAIN_ACTIONS


def test_editor_may_not_create_a_form_with_code(site):
    response = call(
        "POST",
        f"{site['api']}/{SECTION}",
        EDITOR,
        {
            "@type": "EasyForm",
            "id": "bay",
            "title": "Bẫy",
            "fields_model": fields_model(TDefault=exploit(site["rid"])),
        },
    )
    assert_refused(response, "TDefault (ho_ten)")
    transaction.begin()
    assert "bay" not in site["portal"][SECTION]


def test_editor_may_not_add_a_mailer_to_their_own_form(site):
    """easyform lets the Owner add mailers; the site does not."""
    response = call(
        "POST",
        f"{site['api']}/{SECTION}",
        EDITOR,
        {"@type": "EasyForm", "id": "cua-toi", "title": "Của tôi"},
    )
    assert response.status_code == 201, response.text
    response = call(
        "PATCH",
        f"{site['api']}/{SECTION}/cua-toi",
        EDITOR,
        {"actions_model": actions_model(MAILER)},
    )
    assert_refused(response, "IMailer (gui_thu)")


def test_editor_keeps_a_managers_code_while_editing_the_rest(site):
    url = f"{site['api']}/{SECTION}/co-ma"
    assert call("PATCH", url, EDITOR, {"title": "Đổi tên"}).status_code == 204
    with_field = fields_model(TDefault=MANAGER_DEFAULT).replace(
        "</schema>",
        '<field name="ghi_chu" type="zope.schema.Text"><title>Ghi chú</title>'
        "<required>False</required></field></schema>",
    )
    response = call("PATCH", url, EDITOR, {"fields_model": with_field})
    assert response.status_code == 204, response.text
    response = call(
        "PATCH", url, EDITOR, {"fields_model": fields_model(TDefault="python:'y'")}
    )
    assert_refused(response, "TDefault (ho_ten)")
    assert stored(site, "co-ma", "fields_model") == with_field


def test_manager_may_write_code(site):
    url = f"{site['api']}/{SECTION}/khao-sat"
    model = fields_model(TDefault=MANAGER_DEFAULT)
    response = call("PATCH", url, MANAGER, {"fields_model": model})
    assert response.status_code == 204, response.text
    response = call("PATCH", url, MANAGER, {"actions_model": actions_model(MAILER)})
    assert response.status_code == 204, response.text
    assert stored(site, "khao-sat", "fields_model") == model
    page = browser_for(site["app"], MANAGER)
    page.open(f"{site['url']}/{SECTION}/khao-sat")
    assert 'value="Công dân"' in page.contents


# Classic: the XML model editors ------------------------------------------------------


def save_model(site, user: str, form_id: str, editor: str, source: str) -> str:
    """Save ``source`` in ``@@fields/@@modeleditor`` (or ``@@actions``)."""
    browser = browser_for(site["app"], user)
    url = f"{site['url']}/{SECTION}/{form_id}/{editor}/@@modeleditor"
    browser.open(url)
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', browser.contents)
    browser.post(
        url,
        {
            "_authenticator": token.group(1),
            "form.button.save": "Save",
            "source": source,
        },
    )
    return browser.contents


def test_fields_model_editor_refuses_the_exploit(site):
    page = save_model(
        site, EDITOR, "khao-sat", "fields", fields_model(TDefault=exploit(site["rid"]))
    )
    assert "không có quyền đưa mã lệnh vào biểu mẫu" in page
    assert "TDefault (ho_ten)" in page
    assert stored(site, "khao-sat", "fields_model") == PLAIN_FIELDS


def test_actions_model_editor_refuses_a_mailer(site):
    page = save_model(site, EDITOR, "khao-sat", "actions", actions_model(MAILER))
    assert "không có quyền đưa mã lệnh vào biểu mẫu" in page
    assert stored(site, "khao-sat", "actions_model") == PLAIN_ACTIONS


def test_model_editors_save_what_has_no_code(site):
    other = fields_model().replace("Họ và tên", "Tên")
    page = save_model(site, EDITOR, "khao-sat", "fields", other)
    assert "không có quyền" not in page
    assert "Tên" in stored(site, "khao-sat", "fields_model")


def test_model_editor_saves_a_managers_code(site):
    model = fields_model(TDefault=MANAGER_DEFAULT)
    save_model(site, MANAGER, "khao-sat", "fields", model)
    assert MANAGER_DEFAULT in stored(site, "khao-sat", "fields_model")


def test_field_edit_form_keeps_a_managers_code(site):
    """``@@fields/<field>`` writes the model again: the code is unchanged."""
    browser = browser_for(site["app"], EDITOR)
    browser.open(f"{site['url']}/{SECTION}/co-ma/fields/ho_ten")
    browser.getControl(name="form.widgets.title").value = "Họ tên đầy đủ"
    browser.getControl(name="form.buttons.save").click()
    schema = loadString(stored(site, "co-ma", "fields_model")).schema
    assert schema["ho_ten"].title == "Họ tên đầy đủ"
    assert schema.queryTaggedValue("TDefault") == {"ho_ten": MANAGER_DEFAULT}


def test_action_add_form_offers_no_mailer_to_an_editor(site):
    """Not even on a form the editor made (easyform gives Owner "Add Mailers")."""
    browser = browser_for(site["app"], EDITOR)
    browser.open(f"{site['url']}/{SECTION}/++add++EasyForm")
    browser.getControl(name="form.widgets.IDublinCore.title").value = "Của tôi"
    browser.getControl(name="form.buttons.save").click()
    browser.open(f"{site['url']}/{SECTION}/cua-toi/actions/@@add-action")
    assert "Save Data" in browser.contents
    assert 'value="Mailer"' not in browser.contents
