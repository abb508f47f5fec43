"""PDF files: JavaScript, launch actions and embedded files are refused, also
hex-escaped and inside compressed object streams; so are locked and unreadable
PDFs.  Ordinary PDFs (ours, pypdf's, restrictions-only) pass."""

from io import BytesIO
from luanthanh.policy.setuphandlers.pdf import make_pdf
from luanthanh.policy.testing import files
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import MB
from luanthanh.policy.uploads import PDF
from luanthanh.policy.uploads import pdf
from luanthanh.policy.uploads import UploadRejected
from pypdf import PdfWriter
from pypdf.generic import ArrayObject
from pypdf.generic import DictionaryObject
from pypdf.generic import NameObject
from pypdf.generic import TextStringObject

import pytest
import zlib


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s>>"


def classic(catalog: bytes, page: bytes = b"", *more: bytes) -> bytes:
    """A PDF with a cross-reference table: catalog 1, pages 2, page 3, more 4..."""
    objects = [catalog, PAGES, PAGE % page, *more]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def with_object_stream(catalog: bytes, packed: bytes, filters: bytes) -> bytes:
    """A PDF 1.5: objects 1-3 in the file, object 4 (``packed``) compressed in
    the object stream 5, found through the cross-reference stream 6."""
    header = b"4 0 "
    content = header + packed
    if filters == b"/FlateDecode":
        encoded = zlib.compress(content)
    else:  # [/ASCIIHexDecode /FlateDecode]: hex of the deflated bytes
        encoded = zlib.compress(content).hex().encode() + b">"
    objstm = b"<< /Type /ObjStm /N 1 /First %d /Filter %s /Length %d >>\nstream\n" % (
        len(header),
        filters,
        len(encoded),
    )
    objects = [catalog, PAGES, PAGE % b"", None, objstm + encoded + b"\nendstream"]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in enumerate(objects, 1):
        if body is not None:
            offsets[number] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[6] = len(out)
    rows = b"\x00\x00\x00\x00\x00\xff\xff"
    for number in range(1, 7):
        if number == 4:
            rows += b"\x02" + (5).to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n" % (
        len(rows)
    )
    out += b"stream\n" + rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s>>"
JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def written(writer: PdfWriter) -> bytes:
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def refused(data: bytes) -> str:
    with pytest.raises(UploadRejected) as info:
        check_upload("to-khai.pdf", data, 10 * MB)
    assert info.value.message.default  # a translatable message
    return str(info.value)


JAVASCRIPT = (
    "Tệp PDF “to-khai.pdf” có chứa mã JavaScript, không được chấp nhận. Vui lòng "
    "in lại thành PDF (Microsoft Print to PDF) hoặc quét lại tài liệu."
)
LAUNCH = "có lệnh mở chương trình hoặc tệp khác, không được chấp nhận"
EMBEDDED = "có tệp khác đính kèm bên trong, không được chấp nhận"
LOCKED = "được đặt mật khẩu nên cán bộ không mở được"
DAMAGED = "bị hỏng hoặc không đọc được"
BOMB = "khi giải nén quá lớn"


def restricted() -> bytes:
    writer = blank()
    writer.encrypt("", owner_password="chu-so-huu", algorithm="RC4-128")
    return written(writer)


def web_link() -> bytes:
    link = b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://dichvucong.gov.vn/) >> >>] "
    return classic(CATALOG % b"/Lang (vi) ", link)


@pytest.mark.parametrize(
    "data",
    [
        files.PDF,
        make_pdf(["Giấy chứng nhận kết hôn", "Mẫu: sample"] * 20),  # the demo's
        written(blank()),
        classic(CATALOG % b"/Info << /Title (Hoc JavaScript co ban) >> "),
        web_link(),
        restricted(),  # an empty password opens it: only printing is restricted
        with_object_stream(
            CATALOG % b"/Outlines 4 0 R ", b"<< /Count 0 >>", b"/FlateDecode"
        ),
    ],
    ids=["testing", "demo", "pypdf", "title", "web-link", "restricted", "objstm"],
)
def test_clean_pdf_passes(data):
    assert check_upload("Tờ khai.pdf", data, 10 * MB) == ("Tờ khai.pdf", PDF)


def test_demo_documents_pass():
    """Every PDF the demo content ships is accepted."""
    for lines in (["Quyet dinh"], ["Thong bao " * 50] * 60, [""]):
        assert check_upload("a.pdf", make_pdf(lines), 10 * MB)[1] == PDF


@pytest.mark.parametrize(
    "data",
    [
        classic(CATALOG % b"/OpenAction 4 0 R ", b"", JS_ACTION),
        classic(CATALOG % b"/OpenAction << /S /JavaScript /JS 4 0 R >> ", b"", b"(x)"),
        # page and field actions, and the document's names tree
        classic(CATALOG, b"/AA << /O 4 0 R >> ", JS_ACTION),
        classic(CATALOG % b"/Names << /JavaScript 4 0 R >> ", b"", b"<< /Names [] >>"),
        # the names written with #xx escapes, as viewers read them
        classic(CATALOG % b"/OpenAction << /S /J#61vaScript /J#53 (x) >> "),
        classic(CATALOG % b"/OpenAction << /S /#4A#61#76#61#53#63#72#69#70#74 >> "),
    ],
    ids=["open-action", "js-stream", "page-action", "names-tree", "hex", "all-hex"],
)
def test_javascript_refused(data):
    assert refused(data) == JAVASCRIPT


def test_hex_escaped_names_are_normalised_by_the_scan():
    data = classic(CATALOG % b"/OpenAction << /S /J#61vaScript /J#53 (x) >> ")
    assert pdf.scan(data) == "javascript"
    assert list(pdf.names_in(b"/J#61vaScript /L#61unch")) == [b"JavaScript", b"Launch"]


def test_javascript_in_a_flate_object_stream():
    data = with_object_stream(
        CATALOG % b"/OpenAction 4 0 R ", JS_ACTION, b"/FlateDecode"
    )
    assert b"JavaScript" not in data  # compressed: no plain bytes to match
    assert pdf.scan(data) == "javascript"  # the scan inflates object streams
    assert pdf.walk(data) == "javascript"  # pypdf reads them too
    assert refused(data) == JAVASCRIPT


def test_javascript_in_an_object_stream_the_scan_cannot_read():
    """A filter chain the byte scan does not decode: pypdf's reading catches it."""
    data = with_object_stream(
        CATALOG % b"/OpenAction 4 0 R ", JS_ACTION, b"[/ASCIIHexDecode /FlateDecode]"
    )
    assert pdf.scan(data) == ""
    assert pdf.walk(data) == "javascript"
    assert refused(data) == JAVASCRIPT


def test_names_in_content_streams_are_not_judged():
    """Images and fonts are binary: "/JS" in them is chance, not a script."""
    stream = b"<< /Length 12 >>\nstream\n/JS /Launch\nendstream"
    assert pdf.scan(classic(CATALOG, b"", stream)) == ""


@pytest.mark.parametrize(
    "data",
    [
        classic(
            CATALOG % b"/OpenAction << /S /Launch /F (C:\\\\Windows\\\\calc.exe) >> "
        ),
        classic(CATALOG % b"/OpenAction << /S /L#61unch /F (cmd.exe) >> "),
    ],
    ids=["launch", "hex"],
)
def test_launch_refused(data):
    assert LAUNCH in refused(data)


def test_embedded_file_refused():
    writer = blank()
    writer.add_attachment("hoa-don.exe", b"MZ\x90\x00")
    assert EMBEDDED in refused(written(writer))


def test_file_attachment_annotation_refused():
    writer = blank()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([]),
            NameObject("/Contents"): TextStringObject("tệp"),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([annotation])
    assert EMBEDDED in refused(written(writer))


def test_embedded_file_stream_refused():
    stream = b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"
    assert EMBEDDED in refused(classic(CATALOG, b"", stream))


def test_password_protected_refused():
    writer = blank()
    writer.encrypt("mat-khau", algorithm="RC4-128")
    assert LOCKED in refused(written(writer))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4 not a pdf at all", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"],
    ids=["garbage", "no-catalog"],
)
def test_unreadable_refused(data):
    assert DAMAGED in refused(data)


def test_object_stream_bomb(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_INFLATED", 10_000)
    data = with_object_stream(
        CATALOG % b"/Outlines 4 0 R ",
        b"<< /Count 0 >>" + b" " * 20_000,
        b"/FlateDecode",
    )
    assert BOMB in refused(data)
