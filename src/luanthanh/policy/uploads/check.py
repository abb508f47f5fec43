"""What citizens may upload: PDF, JPEG, PNG and DOCX, recognised by content.

The type comes from the first bytes of the file (its magic number), never
from the name or from what the browser claims: an executable renamed
``to-khai.pdf`` or an SVG renamed ``anh.png`` is refused.  HTML and SVG are
never accepted (they can carry scripts that would run on our domain).  Then
the content is judged: a Word document with macros, embedded objects,
external links or encryption (:mod:`.office`), a PDF with JavaScript, launch
actions or embedded files (:mod:`.pdf`) is refused too.

:func:`check_upload` is shared by online submission and supplements; the
limits come from the control panel (:class:`~luanthanh.policy.interfaces.
IOnlineSettings`), see :func:`luanthanh.policy.settings.upload_limits`.
"""

from io import BytesIO
from luanthanh.policy.config import MB
from luanthanh.policy.i18n import _
from luanthanh.policy.uploads.office import check_docx
from luanthanh.policy.uploads.office import is_encrypted_ole
from luanthanh.policy.uploads.office import refusal as office_refusal
from luanthanh.policy.uploads.pdf import check_pdf
from luanthanh.policy.uploads.rejected import UploadRejected

import math
import re
import unicodedata
import zipfile


MAX_NAME_LENGTH = 120
DEFAULT_NAME = "tep-dinh-kem"

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The allowed content types and the extensions that go with them (the
#: first is the one given to a file whose name says otherwise).
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    DOCX: (".docx",),
}

# Characters Windows, macOS or a shell would trip over, and the path separators.
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def sniff(data: bytes) -> str:
    """The content type of ``data`` among the allowed ones, or ""."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    return ""


def _is_docx(data: bytes) -> bool:
    """A Word document: a ZIP with ``[Content_Types].xml`` and ``word/``.

    Only the central directory is read, nothing is decompressed.  What the
    document holds (macros, objects, links) is judged by :func:`check_docx`.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return "[Content_Types].xml" in names and any(
        name.startswith("word/") for name in names
    )


def clean_filename(filename: str | None, content_type: str = "") -> str:
    """A file name safe to store and to send back in a download.

    No directories (neither ``/`` nor ``\\``), no control, invisible or
    reserved characters, Vietnamese letters kept (NFC), at most
    MAX_NAME_LENGTH characters.  With ``content_type``, the extension is the
    one of that real type (``scan.jpg`` holding a PNG becomes ``scan.png``).
    """
    name = unicodedata.normalize("NFC", filename or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if unicodedata.category(ch).startswith("Z") else ch
        for ch in name
        if not unicodedata.category(ch).startswith("C")
    )
    name = " ".join(UNSAFE.sub("", name).split()).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem.strip(" .") or not ext.isalnum() or len(ext) > 10:
        stem, ext = name, ""
    stem, ext = stem.strip(" ."), ext.lower()
    allowed = EXTENSIONS.get(content_type)
    if allowed and f".{ext}" not in allowed:  # a wrong extension is replaced
        ext = allowed[0][1:]
    suffix = f".{ext}" if ext else ""
    stem = stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") or DEFAULT_NAME
    return f"{stem}{suffix}"


def check_upload(filename: str, data: bytes, max_bytes: int) -> tuple[str, str]:
    """Check one uploaded file; return its clean name and its real type.

    Raises :class:`UploadRejected` for an empty file, a file larger than
    ``max_bytes``, a type other than PDF, JPEG, PNG or DOCX, a Word document
    with macros, embedded objects, external links or a password, a PDF with
    JavaScript, launch actions, embedded files or a password, and a file that
    unpacks into too much (a zip bomb).
    """
    shown = clean_filename(filename)
    if not data:
        raise UploadRejected(
            _(
                "upload_empty",
                default="Tệp “${name}” không có nội dung.",
                mapping={"name": shown},
            )
        )
    if max_bytes and len(data) > max_bytes:
        raise UploadRejected(
            _(
                "upload_too_large",
                default="Tệp “${name}” có dung lượng ${size} MB, vượt quá mức tối "
                "đa ${limit} MB cho mỗi tệp.",
                mapping={
                    "name": shown,
                    "size": format_mb(len(data)),
                    "limit": format_mb(max_bytes),
                },
            )
        )
    content_type = sniff(data)
    if not content_type and is_encrypted_ole(data):
        raise office_refusal("encrypted", shown)
    if not content_type:
        raise UploadRejected(
            _(
                "upload_type_refused",
                default="Tệp “${name}” không được chấp nhận: chỉ nhận tệp PDF, ảnh "
                "JPEG, ảnh PNG hoặc văn bản Word (DOCX).",
                mapping={"name": shown},
            )
        )
    CONTENT_CHECKS.get(content_type, _no_check)(data, shown)
    return clean_filename(filename, content_type), content_type


def _no_check(data: bytes, name: str) -> None:
    """Images: the magic number is enough (no scripts, no objects inside)."""


#: What looks inside a file of each type (refusing what may not be there).
CONTENT_CHECKS = {PDF: check_pdf, DOCX: check_docx}


def check_total(total_bytes: int, max_bytes: int) -> None:
    """Raise :class:`UploadRejected` when a dossier's files exceed ``max_bytes``."""
    if max_bytes and total_bytes > max_bytes:
        raise UploadRejected(
            _(
                "upload_total_too_large",
                default="Tổng dung lượng các tệp đính kèm là ${size} MB, vượt quá "
                "mức tối đa ${limit} MB cho mỗi hồ sơ.",
                mapping={
                    "size": format_mb(total_bytes),
                    "limit": format_mb(max_bytes),
                },
            )
        )


def format_mb(size: int) -> str:
    """``10`` for 10 MB, ``2,5`` for 2.5 MB (Vietnamese decimal comma).

    Rounded up to the hundredth, so that a file a byte over 10 MB does not
    read "10 MB".
    """
    value = math.ceil(size * 100 / MB) / 100
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
