"""What a Word document (DOCX) may not carry, read without extracting it.

A DOCX is a ZIP of XML parts.  Its first bytes say nothing of what Word will
do when an official opens it, so :func:`check_docx` looks inside:

* **zip bombs** (:func:`check_zip`): at most ``MAX_ENTRIES`` entries, at most
  ``MAX_UNPACKED`` bytes once unpacked, no entry that unpacks more than
  ``MAX_RATIO`` times its packed size; the sizes come from the central
  directory, nothing is written to disk and the few parts we read (the
  content types and the relationships) are read with a cap;
* **macros**: ``vbaProject.bin`` / ``vbaData.xml``, a macro-enabled content
  type (``…macroEnabled…``, ``vnd.ms-office.vbaProject``) or a ``vbaProject``
  relationship: a renamed .docm;
* **embedded objects**: OLE objects (``word/embeddings/*.bin``, ``oleObject``
  relationships) and ActiveX controls; embedded Office documents (the data
  of a chart: ``.xlsx``, ``.docx``, ``.pptx``) stay allowed;
* **external relationships** (``TargetMode="External"`` in any ``.rels``):
  an attached template, a frame, a sub-document, an OLE link or a remote
  image makes Word fetch something (and send the official's Windows
  credentials to a ``\\\\server\\share``).  Hyperlinks are the one exception:
  a link to an ``http``, ``https`` or ``mailto`` address is ordinary text a
  citizen may write and Word only follows it when clicked; a hyperlink to
  ``file:``, a UNC path or any other scheme is refused;
* **encryption**: an encrypted entry, or an ``EncryptedPackage``.  A
  password-protected .docx is an OLE compound file (``D0 CF 11 E0``) holding
  an ``EncryptedPackage``: :func:`is_encrypted_ole` recognises it so that
  the citizen is told why.
"""

from io import BytesIO
from luanthanh.policy.config import MB
from luanthanh.policy.i18n import _
from luanthanh.policy.uploads.rejected import unpacks_too_much
from luanthanh.policy.uploads.rejected import UploadRejected
from xml.etree import ElementTree

import zipfile
import zlib


MAX_ENTRIES = 1000
MAX_UNPACKED = 100 * MB
#: Deflate reaches about 1000:1 on zeros; Word's XML stays far below 100:1.
MAX_RATIO = 100
#: Entries smaller than this unpacked are not judged by their ratio.
RATIO_FLOOR = MB
#: The most we read of one ``.rels`` or ``[Content_Types].xml`` part.
MAX_PART = 5 * MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage"

MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_TYPES = ("macroenabled", "vnd.ms-office.vbaproject", "vnd.ms-word.vbadata")
EMBEDDED_FOLDERS = ("word/embeddings/", "word/activex/")
#: Embedded Office documents (a chart's data) are not OLE objects.
EMBEDDED_DOCUMENTS = (".xlsx", ".docx", ".pptx")
OBJECT_RELATIONS = (
    "/oleobject",
    "/control",
    "/activexcontrol",
    "/activexcontrolbinary",
)
MACRO_RELATIONS = ("/vbaproject", "/wordvbadata")
HYPERLINK = "/hyperlink"
LINK_SCHEMES = ("http://", "https://", "mailto:")

#: What reading a damaged zip may raise.
UNREADABLE = (KeyError, ValueError, OSError, EOFError, NotImplementedError, zlib.error)

RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def refusal(kind: str, name: str) -> UploadRejected:
    """The refusal of a Word document, by ``kind``, naming the file."""
    mapping = {"name": name}
    messages = {
        "macro": _(
            "upload_docx_macro",
            default="Tệp Word “${name}” có chứa macro, không được chấp nhận. Vui "
            "lòng lưu lại dưới dạng .docx không có macro hoặc PDF.",
            mapping=mapping,
        ),
        "object": _(
            "upload_docx_object",
            default="Tệp Word “${name}” có nhúng đối tượng OLE hoặc ActiveX, không "
            "được chấp nhận. Vui lòng xóa đối tượng nhúng hoặc lưu lại dưới dạng PDF.",
            mapping=mapping,
        ),
        "external": _(
            "upload_docx_external",
            default="Tệp Word “${name}” có liên kết tới mẫu, tệp hoặc hình ảnh bên "
            "ngoài, không được chấp nhận. Vui lòng xóa liên kết hoặc lưu lại dưới "
            "dạng PDF.",
            mapping=mapping,
        ),
        "encrypted": _(
            "upload_docx_encrypted",
            default="Tệp Word “${name}” được đặt mật khẩu hoặc mã hóa nên cán bộ "
            "không mở được. Vui lòng gỡ mật khẩu hoặc lưu lại dưới dạng PDF.",
            mapping=mapping,
        ),
        "damaged": _(
            "upload_docx_damaged",
            default="Tệp Word “${name}” bị hỏng hoặc không đọc được. Vui lòng lưu "
            "lại tệp hoặc gửi dưới dạng PDF.",
            mapping=mapping,
        ),
    }
    if kind == "bomb":
        return unpacks_too_much(name)
    return UploadRejected(messages[kind])


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE compound file holding an ``EncryptedPackage`` (a locked .docx).

    The directory of a compound file names its streams in UTF-16LE.
    """
    return data.startswith(OLE_MAGIC) and ENCRYPTED_PACKAGE.encode("utf-16-le") in data


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb, judged by its central directory (nothing unpacked)."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise refusal("bomb", name)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise refusal("bomb", name)
    for entry in entries:
        if entry.file_size >= RATIO_FLOOR and (
            entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        ):
            raise refusal("bomb", name)


def check_docx(data: bytes, name: str) -> None:
    """Refuse a Word document that is more than text, tables and pictures."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_zip(archive, name)
            _check_entries(archive, name)
            _check_content_types(_part(archive, "[Content_Types].xml", name), name)
            for entry in archive.infolist():
                if entry.filename.lower().endswith(".rels"):
                    _check_relationships(_part(archive, entry.filename, name), name)
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, *UNREADABLE) as error:
        raise refusal("damaged", name) from error


def _check_entries(archive: zipfile.ZipFile, name: str) -> None:
    for entry in archive.infolist():
        path = entry.filename.replace("\\", "/").lower()
        if entry.flag_bits & 0x1 or ENCRYPTED_PACKAGE.lower() in path:
            raise refusal("encrypted", name)
        if path.rsplit("/", 1)[-1] in MACRO_PARTS:
            raise refusal("macro", name)
        if path.startswith(EMBEDDED_FOLDERS) and not path.endswith(EMBEDDED_DOCUMENTS):
            raise refusal("object", name)


def _part(archive: zipfile.ZipFile, part: str, name: str) -> ElementTree.Element:
    """One XML part, read with a cap and parsed without any DTD."""
    with archive.open(part) as stream:
        xml = stream.read(MAX_PART + 1)
    if len(xml) > MAX_PART:
        raise refusal("bomb", name)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:  # never in OOXML
        raise refusal("damaged", name)
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise refusal("damaged", name) from error


def _check_content_types(types: ElementTree.Element, name: str) -> None:
    for element in types.iter():
        if element.tag in (f"{CONTENT_TYPES}Default", f"{CONTENT_TYPES}Override"):
            content_type = element.get("ContentType", "").lower()
            if any(marker in content_type for marker in MACRO_TYPES):
                raise refusal("macro", name)


def _check_relationships(relationships: ElementTree.Element, name: str) -> None:
    for relation in relationships.iter(f"{RELATIONSHIP}Relationship"):
        kind = relation.get("Type", "").lower()
        if kind.endswith(MACRO_RELATIONS):
            raise refusal("macro", name)
        if kind.endswith(OBJECT_RELATIONS):
            raise refusal("object", name)
        if relation.get("TargetMode", "").lower() != "external":
            continue
        target = relation.get("Target", "").strip().lower()
        if not (kind.endswith(HYPERLINK) and target.startswith(LINK_SCHEMES)):
            raise refusal("external", name)
