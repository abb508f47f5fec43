"""Word documents: macros, embedded objects, external links, encryption and zip
bombs are refused with a message that names the problem; ordinary documents
(text, pictures, http links, a chart's data) pass."""

from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import DOCX
from luanthanh.policy.uploads import MB
from luanthanh.policy.uploads import office
from luanthanh.policy.uploads import UploadRejected

import io
import pytest
import zipfile


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def content_types(*overrides: tuple[str, str], defaults=()) -> str:
    parts = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        *(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults),
        *(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(parts)
        + "</Types>"
    )


def rels(*relations: tuple[str, str, str]) -> str:
    """``(type, target, mode)`` triples; mode "" for an internal target."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for i, (kind, target, mode) in enumerate(relations, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


def docx(parts: dict[str, str | bytes] | None = None, main: str = MAIN) -> bytes:
    """A small Word document; ``parts`` add or replace zip entries."""
    files = {
        "[Content_Types].xml": content_types(("/word/document.xml", main)),
        "_rels/.rels": rels((f"{REL}/officeDocument", "word/document.xml", "")),
        "word/document.xml": (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Đơn đề nghị cấp bản sao</w:t></w:r></w:p></w:body>"
            "</w:document>"
        ),
        "word/_rels/document.xml.rels": rels(),
        **(parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def document_rels(*relations: tuple[str, str, str]) -> dict[str, str]:
    return {"word/_rels/document.xml.rels": rels(*relations)}


def refused(data: bytes, filename: str = "don.docx") -> str:
    with pytest.raises(UploadRejected) as info:
        check_upload(filename, data, 10 * MB)
    assert info.value.message.default  # a translatable message
    return str(info.value)


MACRO = "Tệp Word “don.docx” có chứa macro, không được chấp nhận. Vui lòng lưu lại dưới dạng .docx không có macro hoặc PDF."
OBJECT = "có nhúng đối tượng OLE hoặc ActiveX, không được chấp nhận"
EXTERNAL = "có liên kết tới mẫu, tệp hoặc hình ảnh bên ngoài, không được chấp nhận"
ENCRYPTED = "được đặt mật khẩu hoặc mã hóa nên cán bộ không mở được"
BOMB = "khi giải nén quá lớn hoặc có quá nhiều thành phần"
DAMAGED = "bị hỏng hoặc không đọc được"


@pytest.mark.parametrize(
    "parts",
    [
        {},
        # a hyperlink to a web page or a mail address is text, clicked or not
        document_rels(
            (f"{REL}/hyperlink", "https://dichvucong.gov.vn/p/home", "External"),
            (f"{REL}/hyperlink", "http://luanthanh.example.invalid/", "External"),
            (
                f"{REL}/hyperlink",
                "mailto:mot-cua@luanthanh.example.invalid",
                "External",
            ),
            (f"{REL}/image", "media/image1.png", ""),
        ),
        # the data of a chart is an embedded workbook, not an OLE object
        {
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04",
            "word/printerSettings/printerSettings1.bin": b"\0" * 64,
            "word/media/image1.png": b"\x89PNG\r\n\x1a\n",
        },
    ],
    ids=["plain", "web-links", "chart-data"],
)
def test_clean_document_passes(parts):
    assert check_upload("Đơn.docx", docx(parts), 10 * MB) == ("Đơn.docx", DOCX)


@pytest.mark.parametrize(
    "data",
    [
        docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
        docx({"word/vbaData.xml": "<wne:vbaSuppData/>"}),
        docx(main=MACRO_MAIN),  # a .docm renamed, without its project
        docx(
            {
                "[Content_Types].xml": content_types(
                    ("/word/document.xml", MAIN),
                    defaults=[("bin", "application/vnd.ms-office.vbaProject")],
                )
            }
        ),
        docx(
            {
                "word/_rels/document.xml.rels": rels(
                    (
                        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                        "vbaProject.bin",
                        "",
                    )
                )
            }
        ),
    ],
    ids=["vbaProject.bin", "vbaData", "content-type", "bin-type", "relationship"],
)
def test_macros_refused(data):
    assert refused(data) == MACRO


@pytest.mark.parametrize(
    "data",
    [
        docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}),
        docx(document_rels((f"{REL}/oleObject", "embeddings/Package.bin", ""))),
        docx({"word/activeX/activeX1.xml": "<ax:ocx/>"}),
        docx(document_rels((f"{REL}/control", "activeX/activeX1.xml", ""))),
        # a linked OLE object: an object and an outside file at once
        docx(document_rels((f"{REL}/oleObject", "file:///C:/x.xls", "External"))),
    ],
    ids=["ole-bin", "ole-relation", "activex", "control", "linked-ole"],
)
def test_embedded_objects_refused(data):
    assert OBJECT in refused(data)


@pytest.mark.parametrize(
    "part,kind,target",
    [
        # a template fetched when Word opens the file (remote template injection)
        (
            "word/_rels/settings.xml.rels",
            "attachedTemplate",
            "http://203.0.113.7/template.dotm",
        ),
        ("word/_rels/settings.xml.rels", "attachedTemplate", "file:///C:/t.dotm"),
        ("word/_rels/webSettings.xml.rels", "frame", "http://203.0.113.7/f.html"),
        ("word/_rels/document.xml.rels", "subDocument", "\\\\server\\share\\a.docx"),
        ("word/_rels/document.xml.rels", "image", "http://203.0.113.7/pixel.png"),
        ("word/_rels/document.xml.rels", "image", "\\\\203.0.113.7\\s\\a.png"),
        # hyperlinks to anything but the web or mail
        ("word/_rels/document.xml.rels", "hyperlink", "file:///C:/Windows/calc.exe"),
        ("word/_rels/document.xml.rels", "hyperlink", "\\\\203.0.113.7\\share"),
        ("word/_rels/document.xml.rels", "hyperlink", "ms-msdt:/id PCWDiagnostic"),
        ("word/_rels/document.xml.rels", "hyperlink", "javascript:alert(1)"),
    ],
)
def test_external_relationships_refused(part, kind, target):
    data = docx({part: rels((f"{REL}/{kind}", target, "External"))})
    assert EXTERNAL in refused(data)


def test_external_mode_is_read_whatever_its_case():
    data = docx(document_rels((f"{REL}/attachedTemplate", "http://x/t", "external")))
    assert EXTERNAL in refused(data)


def _flag_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" bit of every entry (zipfile cannot write one)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = out.find(signature)
        while start != -1:
            out[start + offset] |= 0x01
            start = out.find(signature, start + 4)
    return bytes(out)


def test_encrypted_entries_refused():
    assert ENCRYPTED in refused(_flag_encrypted(docx()))


def test_encrypted_package_refused():
    assert ENCRYPTED in refused(docx({"EncryptedPackage": b"\0" * 16}))


def test_password_protected_docx_refused():
    """Word saves a .docx with a password as an OLE file with an EncryptedPackage."""
    ole = (
        office.OLE_MAGIC
        + b"\0" * 512
        + "EncryptionInfo".encode("utf-16-le")
        + b"\0" * 50
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 512
    )
    message = refused(ole)
    assert ENCRYPTED in message
    assert "“don.docx”" in message


def test_old_word_document_is_a_refused_type():
    ole = office.OLE_MAGIC + b"\0" * 512 + "WordDocument".encode("utf-16-le")
    assert "chỉ nhận tệp PDF" in refused(ole, "don.doc")


def test_too_many_entries():
    parts = {f"word/media/image{i}.png": b"" for i in range(office.MAX_ENTRIES)}
    assert BOMB in refused(docx(parts))


def test_high_compression_ratio():
    # 2 MB of zeros deflate to about 2 KB: 1000 to 1
    assert BOMB in refused(docx({"word/media/image1.png": b"\0" * (2 * MB)}))


def test_total_unpacked_size(monkeypatch):
    monkeypatch.setattr(office, "MAX_UNPACKED", 100_000)
    parts = {f"word/media/image{i}.png": bytes(range(256)) * 100 for i in range(5)}
    assert BOMB in refused(docx(parts))


def test_sizes_come_from_the_central_directory(monkeypatch):
    """Nothing is unpacked to judge the sizes."""
    data = docx()
    monkeypatch.setattr(zipfile.ZipFile, "open", None)
    monkeypatch.setattr(office, "MAX_UNPACKED", 1)
    assert BOMB in refused(data)


@pytest.mark.parametrize(
    "parts",
    [
        {"word/_rels/document.xml.rels": "not xml <"},
        {
            "word/_rels/document.xml.rels": '<?xml version="1.0"?><!DOCTYPE r ['
            '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><r>&b;</r>'
        },
    ],
    ids=["not-xml", "entities"],
)
def test_damaged_parts_refused(parts):
    assert DAMAGED in refused(docx(parts))
