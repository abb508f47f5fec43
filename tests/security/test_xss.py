"""XSS: classic payloads in every text field render escaped everywhere.

``XSS_CASES`` is the table: (content type, its text fields, the pages where
they show).  Each field gets its own marked payload; every page of the row is
fetched over HTTP by someone who may see it and must show the payload escaped
(proof it was rendered) and never raw.  Exports must neutralise formulas.

To cover a new type (e.g. LegalDocument), add a builder to ``BUILDERS`` and a
row to ``XSS_CASES``.

Also: every ``structure`` in the package's templates must be in ``STRUCTURE``
with the reason it is safe.
"""

from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.forms import ANSWERS
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.mails import messages
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue

import csv
import email
import io
import luanthanh.policy
import openpyxl
import pytest
import re
import transaction


pytestmark = pytest.mark.usefixtures("fresh_limits")


RAW = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
)
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def payload(tag: str) -> str:
    """A payload marked with the field's name, so a failure says which."""
    return f"X{tag} <script>alert(1)</script> \"><img src=x onerror=alert(1)> '><svg onload=alert(1)>"


def formula(tag: str) -> str:
    return f'=HYPERLINK("http://evil.example/{tag}","X{tag}")'


PROCEDURE_TEXT = [
    "title",
    "description",
    "processing_note",
    "fee_note",
    "implementing_agency",
    "result",
    "legal_basis",
    "required_documents.name",
    "required_documents.note",
    "required_documents.template_url",
    "steps",
    "conditions",
]
DOCUMENT_TEXT = [
    "title",
    "document_number",
    "issuer",
    "signer",
    "summary",
]
DOSSIER_TEXT = [
    "applicant_name",
    "applicant_address",
    "notes",
    "history.comment",
]

# THE TABLE: (type, text fields, pages); {procedure}, {dossier}, {portal} are
# filled in by the builders.  Pages are fetched as Anonymous for public types
# and as the desk (motcua) for dossiers.
XSS_CASES = [
    (
        "Procedure",
        PROCEDURE_TEXT,
        [
            "{procedure}",
            "{portal}/thu-tuc-hanh-chinh",
            "{portal}/thu-tuc-hanh-chinh?q=Xtitle",
            "{portal}/@@tra-cuu-thu-tuc?q=Xtitle",
            "{portal}/@@search?SearchableText=Xtitle",
            "{portal}/nop-ho-so",
        ],
    ),
    (
        "Dossier",
        DOSSIER_TEXT,
        [
            "{dossier}",
            "{dossier}/@@giay-tiep-nhan",
            "{dossier}/@@phieu-yeu-cau-bo-sung",
            "{dossier}/@@phieu-kiem-soat",
            "{dossier}/@@nhat-ky-truy-cap",
            "{portal}/ho-so/@@ban-lam-viec",
            "{portal}/ho-so/@@ban-lam-viec?q=Xapplicant_name",
            # The report's tables and SVG charts show procedure titles.
            "{portal}/@@thong-ke?start=2020-01-01&end=2029-12-31",
        ],
    ),
    (
        "LegalDocument",
        DOCUMENT_TEXT,
        [
            "{document}",
            "{portal}/van-ban",
            "{portal}/van-ban?q=Xsummary",
            "{portal}",
            "{procedure}",
            "{portal}/@@search?SearchableText=Xsummary",
        ],
    ),
]


def build_procedure(portal) -> dict:
    values = {
        name: payload(name)
        for name in PROCEDURE_TEXT
        if "." not in name and name not in ("legal_basis", "steps", "conditions")
    }
    with api.env.adopt_roles(["Manager"]):
        procedure = api.content.create(
            container=portal["thu-tuc-hanh-chinh"],
            type="Procedure",
            id="thu-tuc-xss",
            code="9.999999",
            field="tu-phap-ho-tich",
            processing_days=3,
            online_level="full",
            channels={"direct", "online"},
            legal_basis=[payload("legal_basis")],
            required_documents=[
                {
                    "name": payload("required_documents.name"),
                    "originals": 1,
                    "copies": 0,
                    "note": payload("required_documents.note"),
                    "template_url": "javascript:alert(1)",
                }
            ],
            steps=RichTextValue(payload("steps"), "text/html", "text/x-html-safe"),
            conditions=RichTextValue(
                payload("conditions"), "text/html", "text/x-html-safe"
            ),
            **values,
        )
        api.content.transition(procedure, to_state="published")
    return {"procedure": procedure}


def build_document(portal, procedure) -> dict:
    from luanthanh.policy.testing.builders import make_document
    from luanthanh.policy.testing.builders import relate

    document = make_document(
        portal,
        **{name: payload(name) for name in DOCUMENT_TEXT},
    )
    with api.env.adopt_roles(["Manager"]):
        relate(document, procedure)
    return {"document": document}


def build_dossier(portal, procedure) -> dict:
    with api.env.adopt_roles(["Manager"]):
        dossier = create_dossier(
            procedure,
            container=portal["ho-so"],
            applicant_name=payload("applicant_name"),
            applicant_address=payload("applicant_address"),
            applicant_phone="0987654321",
            applicant_id_number="001199012345",
            channel="online",
        )
        dossier.notes = payload("notes")
    fire(dossier, "accept", "motcua")
    fire(dossier, "request_supplement", "chuyenvien", payload("history.comment"))
    return {"dossier": dossier}


def assert_escaped(text: str, where: str, must_render: bool = True) -> None:
    for raw in RAW:
        assert raw not in text, (where, raw)
    assert 'href="javascript:alert' not in text.replace("'", '"'), where
    if must_render:
        assert ESCAPED in text or "alert(1)" not in text, where


class TestXSS:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        with api.env.adopt_roles(["Manager"]):
            create_officials()
        built = build_procedure(portal)
        built.update(build_dossier(portal, built["procedure"]))
        built.update(build_document(portal, built["procedure"]))
        transaction.commit()
        return {
            "portal": portal.absolute_url(),
            "procedure": built["procedure"].absolute_url(),
            "dossier": built["dossier"].absolute_url(),
            "document": built["document"].absolute_url(),
            "code": built["dossier"].code,
        }

    @pytest.mark.parametrize(
        "kind,fields,pages", XSS_CASES, ids=[row[0] for row in XSS_CASES]
    )
    def test_pages_render_escaped(self, site, kind, fields, pages):
        session = session_for("motcua" if kind == "Dossier" else None)
        session.get(site["dossier"])  # an access-log entry to show
        # The access log is for its readers ("View audit log"), not the desk.
        auditor = session_for("quantri")
        shown = set()
        for page in pages:
            url = page.format(**site)
            reader = auditor if "@@nhat-ky-truy-cap" in url else session
            # No redirect may pass for the page (a refusal once did: issue #14).
            response = reader.get(url, allow_redirects=False)
            assert response.status_code == 200, url
            assert_escaped(response.text, url)
            shown |= {f for f in fields if f"X{f} " in response.text}
        # Every field of the type showed up somewhere (else the test proves
        # nothing for it); rich text is filtered, its text still shows.
        assert shown == set(fields) - {"required_documents.template_url"}

    def test_lookup_page(self, site):
        from luanthanh.policy.throttle import limiter

        limiter.reset()
        response = session_for(None).post(
            f"{site['portal']}/@@tra-cuu-ho-so",
            data={"code": site["code"], "phone": "0987654321", "action": "find"},
        )
        limiter.reset()
        assert response.status_code == 200
        assert "Xtitle" in response.text  # the procedure's title is shown
        assert_escaped(response.text, "lookup")

    def test_rest_is_json_not_html(self, site):
        response = session_for("motcua").get(
            site["dossier"], headers={"Accept": "application/json"}
        )
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json()["applicant_name"] == payload("applicant_name")

    def test_exports_neutralise_formulas(self, site, functional_portal_class):
        portal = functional_portal_class
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            procedure = portal["thu-tuc-hanh-chinh"]["thu-tuc-xss"]
            procedure.implementing_agency = formula("agency")
            procedure.reindexObject()
            dossier = portal["ho-so"].objectValues()[0]
            dossier.applicant_name = formula("name")
            dossier.reindexObject()
        transaction.commit()
        admin = session_for("quantri")
        exported = admin.get(
            f"{site['portal']}/++api++/@procedure-export", params={"format": "csv"}
        )
        assert exported.status_code == 200
        cells = [c for row in csv.reader(io.StringIO(exported.text)) for c in row]
        assert f"'{formula('agency')}" in cells
        assert formula("agency") not in cells
        xlsx = admin.get(
            f"{site['portal']}/++api++/@procedure-export", params={"format": "xlsx"}
        )
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        values = [c.value for ws in book for row in ws.iter_rows() for c in row]
        assert f"'{formula('agency')}" in values
        assert formula("agency") not in values
        book = session_for("motcua").get(  # the book is the officials'
            f"{site['portal']}/ho-so/@@so-theo-doi",
            params={"format": "xlsx", "start": "2000-01-01", "end": "2100-01-01"},
        )
        assert book.status_code == 200, book.text[:300]
        sheet = openpyxl.load_workbook(io.BytesIO(book.content))
        values = [c.value for ws in sheet for row in ws.iter_rows() for c in row]
        assert not any(isinstance(v, str) and v.startswith("=") for v in values)
        assert any(isinstance(v, str) and "Xname" in v for v in values)


FORM_TEXT = ["ho_ten", "dia_chi", "ho_ten_tre", "noi_sinh", "ho_ten_me", "ho_ten_cha"]


def test_form_submission_renders_escaped(
    online,
    browser,
    functional_portal,
    mailhost,
):
    """Payloads typed into an online form: the thank-you page, the dossier
    page, the dashboard, the slips and the e-mails escape them."""
    answers = dict(ANSWERS)
    answers.update({name: payload(name) for name in FORM_TEXT})
    open_form(browser, functional_portal)
    fill(browser, answers=answers)
    submit(browser)
    thanks = browser.contents
    assert_escaped(thanks, "thank-you page")
    assert "Xho_ten " in thanks or "Xho_ten_tre " in thanks
    transaction.begin()
    brains = find_unrestricted(portal_type="Dossier")
    assert len(brains) == 1
    dossier = brains[0]._unrestrictedGetObject()
    assert dossier.applicant_name == payload("ho_ten")
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record(
            "luanthanh.policy.dossier.assignees",
            {"tu-phap-ho-tich": "chuyenvien", "van-hoa-xa-hoi": "chuyenvien"},
        )
    transaction.commit()
    fire(dossier, "accept", "motcua")
    transaction.commit()
    session = session_for("motcua")
    for url in (
        dossier.absolute_url(),
        f"{dossier.absolute_url()}/@@giay-tiep-nhan",
        f"{functional_portal.absolute_url()}/ho-so/@@ban-lam-viec",
    ):
        response = session.get(url)
        assert response.status_code == 200, url
        assert "Xho_ten " in response.text, url
        assert_escaped(response.text, url)
    form_data = session.get(
        dossier.absolute_url(), headers={"Accept": "application/json"}
    ).json()["form_data"]
    assert "Xnoi_sinh <script>alert(1)</script>" in str(form_data)
    # E-mails: plain text carries the answer as typed (no markup runs in a
    # text/plain part); any HTML part must escape it.
    sent = messages(mailhost)
    assert sent
    for raw_message in sent:
        if isinstance(raw_message, str):
            raw_message = raw_message.encode("utf-8")
        parsed = email.message_from_bytes(raw_message)
        for part in parsed.walk():
            if part.get_content_type() == "text/html":
                html = part.get_payload(decode=True).decode("utf-8", "replace")
                for raw in RAW:
                    assert raw not in html


# Templates: every ``structure`` with its reason --------------------------------

STRUCTURE = {
    ("procedure.pt", "context/steps/output"): "RichText output, run through "
    "Plone's safe_html transform (text/x-html-safe)",
    ("procedure.pt", "context/conditions/output"): "RichText output, safe_html",
    (
        "slip_layout.pt",
        "string:&lt",
    ): "a constant doctype (string:&lt;!DOCTYPE html&gt;)",
    ("dashboard.pt", "python:batchnavigation(batch)"): "Plone's batch "
    "navigation macro; its URLs are built and escaped by Plone",
    ("procedure_import.pt", "context/@@authenticator/authenticator"): "Plone's "
    "CSRF token input",
    ("dossier_view.pt", "context/@@authenticator/authenticator"): "CSRF token",
    ("counter_intake.pt", "widget/@@ploneform-render-widget"): "plone.app.z3cform's "
    "widget rendering, the same call as its own `field` macro (the form fills "
    "that slot to put the table of papers after the procedure)",
    ("procedure.pt", "context/@@authenticator/authenticator"): "CSRF token of "
    "the button that generates the procedure's online form",
    ("dashboard.pt", "context/@@authenticator/authenticator"): "CSRF token of "
    "the button that indexes the waiting online dossiers",
    ("home.pt", "tile/icon"): "an SVG file of Plone's icon registry (Bootstrap "
    "Icons in plone.staticresources), named by our code (HomeView.tiles), read "
    "and serialised by Plone's @@iconresolver",
    ("slip_apology.pt", "context/@@authenticator/authenticator"): "CSRF token",
    ("slip_receipt.pt", "view/qr_code"): "an SVG drawn by segno from the lookup "
    "URL, which we build from the portal URL and the code",
    ("online_thanks.pt", "description"): "easyform's thank-you description, "
    "written by site editors (collective.easyform's own template does the same)",
    ("online_thanks.pt", "prologue"): "easyform's rich text, filtered by safe_html",
    ("online_thanks.pt", "epilogue"): "easyform's rich text, filtered by safe_html",
    ("documents.pt", "python:batchnavigation(batch)"): "Plone's batch navigation",
    ("notices.pt", "python:batchnavigation(view.batch)"): "Plone's batch navigation",
    ("home.pt", "context/text/output"): "the site's front text, RichText "
    "filtered by safe_html, written by Site Administrators",
    ("about.pt", "context/text/output"): "the page's RichText, filtered by safe_html",
    ("payment_qr.pt", "box/svg"): "the VietQR code's SVG drawn by qr.qr_svg "
    "(its label escaped) from a payload that payments/vietqr.py writes in "
    "printable ASCII",
    ("slip_receipt.pt", "view/payment"): "browser/payment_qr.py's box, "
    "rendered by its own page template (every value through tal:content)",
    ("lookup.pt", "view/payment"): "browser/payment_qr.py's box (a page "
    "template; the account's name is escaped, tests/browser/test_payment_qr.py)",
    ("online_thanks.pt", "view/payment"): "browser/payment_qr.py's box",
    ("dossier_view.pt", "view/payment"): "browser/workspace/payment.py's panel "
    "Phí, lệ phí, rendered by its own page template (every value through "
    "tal:content or tal:attributes)",
    ("payment_panel.pt", "context/@@authenticator/authenticator"): "CSRF token "
    "of the panel's forms",
    ("payment_panel.pt", "qr"): "browser/payment_qr.py's box (a page template)",
    ("report.pt", "chart"): "SVG drawn by statistics/charts.py, which escapes "
    "every text and attribute value with html.escape (field and procedure "
    "titles come from editable vocabularies and content)",
}


def test_structure_only_where_allowed():
    templates = Path(luanthanh.policy.__file__).parent.rglob("*.pt")
    found = set()
    for template in templates:
        text = template.read_text()
        for match in re.finditer(r"\bstructure\s+([^\"';]+)", text):
            found.add((template.name, match.group(1).strip()))
    unexplained = found - set(STRUCTURE)
    assert unexplained == set(), "add a reason to STRUCTURE or drop structure"
    assert set(STRUCTURE) - found == set(), "STRUCTURE lists a use that is gone"
