"""Uploads: what is not a PDF, JPEG, PNG or DOCX by its bytes is refused with a
clear Vietnamese message and nothing is stored, whatever its name; an
oversized file and a huge multipart body are refused too.  What is stored is
served as a private download with safe headers."""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.files import EXE
from luanthanh.policy.testing.files import HTML
from luanthanh.policy.testing.files import macro_docx
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PDF_JAVASCRIPT
from luanthanh.policy.testing.files import SVG
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.mails import messages
from luanthanh.policy.testing.scenarios import secret_site

import pytest
import transaction


pytestmark = pytest.mark.usefixtures("fresh_limits")


REFUSED_TYPE = "không được chấp nhận"
TOO_BIG = "vượt quá mức tối"
MACRO = "Tệp Word “don.docx” có chứa macro, không được chấp nhận."
SCRIPT = "Tệp PDF “to-khai.pdf” có chứa mã JavaScript, không được chấp nhận."


def stored_files() -> int:
    transaction.begin()
    return len(find_unrestricted(portal_type=["File", "Dossier"]))


@pytest.mark.parametrize(
    "data,content_type,filename,message",
    [
        (SVG, "image/svg+xml", "anh.svg", REFUSED_TYPE),
        (SVG, "application/pdf", "giay-chung-sinh.pdf", REFUSED_TYPE),
        (HTML, "text/html", "trang.html", REFUSED_TYPE),
        (HTML, "application/pdf", "trang.pdf", REFUSED_TYPE),
        (EXE, "application/pdf", "giay-chung-sinh.pdf", REFUSED_TYPE),
        (EXE, "application/x-msdownload", "setup.exe", REFUSED_TYPE),
        (PDF + b"\0" * (11 * 1024 * 1024), "application/pdf", "to.pdf", TOO_BIG),
        (macro_docx(), "application/octet-stream", "don.docx", MACRO),
        (PDF_JAVASCRIPT, "application/pdf", "to-khai.pdf", SCRIPT),
    ],
    ids=[
        "svg",
        "svg-as-pdf",
        "html",
        "html-as-pdf",
        "exe-as-pdf",
        "exe",
        "oversized",
        "docx-macro",
        "pdf-javascript",
    ],
)
def test_refused_upload(
    online,
    browser,
    functional_portal,
    mailhost,
    data,
    content_type,
    filename,
    message,
):
    before = stored_files()
    open_form(browser, functional_portal)
    fill(browser, files={"giay_chung_sinh": (data, content_type, filename)})
    submit(browser)
    assert message in browser.contents
    assert stored_files() == before
    assert messages(mailhost) == []


def test_huge_multipart_body(online, functional_portal, mailhost):
    """40 MB in many parts, straight at the form over HTTP: refused, nothing
    stored, no server error."""
    before = stored_files()
    url = f"{functional_portal.absolute_url()}/{KHAI_SINH}"
    parts = {
        f"form.widgets.giay_chung_sinh_{i}": (f"p{i}.pdf", PDF + b"\0" * 4_000_000)
        for i in range(10)
    }
    parts["form.widgets.giay_chung_sinh"] = ("g.pdf", PDF + b"\0" * 4_000_000)
    response = session_for(None).post(
        url, files=parts, data={"form.buttons.submit": "Gửi"}
    )
    assert response.status_code < 500
    assert stored_files() == before
    assert messages(mailhost) == []


class TestDownloadHeaders:
    @pytest.fixture(scope="class")
    def dossier_url(self, functional_portal_class):
        _procedure, dossiers = secret_site(functional_portal_class, "processing")
        dossier = dossiers["processing"]
        return dossier.absolute_url()

    @pytest.mark.parametrize(
        "path",
        [
            "cccd.pdf/@@download/file",
            "cccd.pdf/@@display-file/file",
            "@@download/result_file",
            "@@display-file/result_file",
        ],
    )
    def test_files_are_private_downloads(self, dossier_url, path):
        response = session_for("motcua").get(f"{dossier_url}/{path}")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        headers = response.headers
        assert headers["Content-Disposition"].startswith("attachment")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in headers["Cache-Control"]
        assert "private" in headers["Cache-Control"]

    def test_every_page_says_nosniff(self, dossier_url):
        base = dossier_url.rsplit("/ho-so/", 1)[0]
        for url in (base, f"{base}/thu-tuc-hanh-chinh", dossier_url):
            response = session_for("motcua").get(url)
            assert response.headers.get("X-Content-Type-Options") == "nosniff"
