"""check_upload: the type from the bytes, clean names, size limits."""

from luanthanh.policy.setuphandlers.pdf import make_pdf
from luanthanh.policy.uploads import check_total
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import clean_filename
from luanthanh.policy.uploads import DOCX
from luanthanh.policy.uploads import format_mb
from luanthanh.policy.uploads import MAX_NAME_LENGTH
from luanthanh.policy.uploads import MB
from luanthanh.policy.uploads import sniff
from luanthanh.policy.uploads import UploadRejected

import io
import pytest
import zipfile


PDF = make_pdf(["To khai"])
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX_DATA = zip_of("[Content_Types].xml", "_rels/.rels", "word/document.xml")


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("to-khai.pdf", PDF, ("to-khai.pdf", "application/pdf")),
        ("anh.JPG", JPEG, ("anh.jpg", "image/jpeg")),
        ("anh.jpeg", JPEG, ("anh.jpeg", "image/jpeg")),
        ("so-ho-khau.png", PNG, ("so-ho-khau.png", "image/png")),
        ("don.docx", DOCX_DATA, ("don.docx", DOCX)),
        # the type comes from the bytes; the extension follows it
        ("scan.jpg", PNG, ("scan.png", "image/png")),
        ("to-khai", PDF, ("to-khai.pdf", "application/pdf")),
        ("don.doc", DOCX_DATA, ("don.docx", DOCX)),
    ],
)
def test_accepted(filename, data, expected):
    assert check_upload(filename, data, 10 * MB) == expected


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
SVG_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'
)
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 40


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("anh.svg", SVG),
        ("anh.svg", SVG_XML),
        ("anh.png", SVG),  # an SVG that calls itself a PNG
        ("trang.html", HTML),
        ("trang.pdf", HTML),
        (" to-khai.pdf", b"  %PDF-1.7"),  # PDF magic not at the start
        ("virus.pdf", EXE),  # an executable renamed .pdf
        ("chuong-trinh.docx", ELF),
        ("nen.docx", zip_of("a.txt", "b.txt")),  # a plain ZIP
        ("bang-tinh.docx", zip_of("[Content_Types].xml", "xl/workbook.xml")),
        ("hong.docx", b"PK\x03\x04 not really a zip"),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00"),
        ("van-ban.txt", "Đơn đề nghị".encode()),
    ],
)
def test_refused_by_content(filename, data):
    with pytest.raises(UploadRejected) as info:
        check_upload(filename, data, 10 * MB)
    message = str(info.value)
    assert "không được chấp nhận" in message
    assert "PDF, ảnh JPEG, ảnh PNG hoặc văn bản Word (DOCX)" in message
    assert info.value.message.default  # a translatable message


def test_empty_file():
    with pytest.raises(UploadRejected, match="không có nội dung"):
        check_upload("rong.pdf", b"", 10 * MB)


def test_too_large():
    data = PDF + b"0" * (2 * MB)
    with pytest.raises(UploadRejected) as info:
        check_upload("lon.pdf", data, 2 * MB)
    assert str(info.value) == (
        "Tệp “lon.pdf” có dung lượng 2,01 MB, vượt quá mức tối đa 2 MB cho mỗi tệp."
    )


def test_exactly_the_limit():
    data = PDF + b"0" * (MB - len(PDF))
    assert check_upload("vua.pdf", data, MB)[1] == "application/pdf"


def test_total():
    check_total(30 * MB, 30 * MB)
    with pytest.raises(UploadRejected, match="vượt quá mức tối đa 30 MB cho mỗi hồ sơ"):
        check_total(30 * MB + 1, 30 * MB)


@pytest.mark.parametrize(
    ("filename", "clean"),
    [
        ("Giấy chứng sinh.pdf", "Giấy chứng sinh.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\An\\Tài liệu\\Đơn.pdf", "Đơn.pdf"),
        ("a\x00b\x1fc\u200b\u202e.pdf", "abc.pdf"),  # control and invisible chars
        ('bad<>:"|?*name.pdf', "badname.pdf"),
        ("   nhiều    khoảng   trắng .pdf", "nhiều khoảng trắng.pdf"),
        ("..", "tep-dinh-kem.pdf"),
        ("", "tep-dinh-kem.pdf"),
        (".pdf", "pdf.pdf"),
        ("GIẤY.PDF", "GIẤY.pdf"),
        # decomposed (NFD) Vietnamese is composed (NFC)
        ("Gia\u0301y.pdf", "Giáy.pdf"),
    ],
)
def test_clean_filename(filename, clean):
    assert clean_filename(filename, "application/pdf") == clean


def test_long_name_keeps_its_extension():
    name = clean_filename("đ" * 500 + ".pdf", "application/pdf")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith("đ.pdf")


def test_sniff():
    assert sniff(PDF) == "application/pdf"
    assert sniff(SVG) == ""
    assert sniff(b"") == ""


@pytest.mark.parametrize(
    ("size", "text"),
    [(10 * MB, "10"), (int(2.5 * MB), "2,5"), (10 * MB + 1, "10,01"), (1, "0,01")],
)
def test_format_mb(size, text):
    assert format_mb(size) == text
