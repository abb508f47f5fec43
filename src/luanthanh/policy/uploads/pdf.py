"""What a PDF may not carry: scripts, launch actions, embedded files.

A PDF that starts with ``%PDF-`` may still run JavaScript, start a program
or carry other files when an official opens it.  :func:`check_pdf` refuses a
PDF in which one of these names appears, as a dictionary key or as a value:

* ``/JavaScript``, ``/JS``: scripts (document, page, field or link actions);
* ``/Launch``: an action that opens a program or a file;
* ``/EmbeddedFile``, ``/EmbeddedFiles``, ``/FileAttachment``: files inside
  the PDF (the names tree, an attachment annotation, the file stream).

Two readers look, and either one is enough to refuse:

1. a byte scan of the dictionaries: every name is normalised first (``#xx``
   escapes decoded, so ``/J#61vaScript`` is ``/JavaScript``); the bodies of
   streams are skipped (images and fonts are binary and would match by
   chance) except the compressed object streams (``/Type /ObjStm``), which
   hold dictionaries and are inflated, with a cap on what they unpack;
2. `pypdf <https://pypdf.readthedocs.io/>`_, which parses the document the
   way a viewer does (cross-reference tables and streams, object streams
   with any filter, repaired files): every object of the cross-reference,
   the trailer, the catalog, its names tree and the annotations are walked
   for the same names, without decoding any content stream.

A PDF that pypdf cannot read, or that is locked by a password (an empty
password opens the restrictions-only ones), is refused as well: what we
cannot inspect, we do not keep, and the official could not open it either.
"""

from collections.abc import Iterator
from io import BytesIO
from luanthanh.policy.config import MB
from luanthanh.policy.i18n import _
from luanthanh.policy.uploads.rejected import unpacks_too_much
from luanthanh.policy.uploads.rejected import UploadRejected
from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.errors import FileNotDecryptedError
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject
from pypdf.generic import DictionaryObject
from pypdf.generic import IndirectObject
from pypdf.generic import NameObject

import re
import zlib


#: Forbidden names (without the slash) and the kind of refusal they give.
FORBIDDEN = {
    b"JavaScript": "javascript",
    b"JS": "javascript",
    b"Launch": "launch",
    b"EmbeddedFile": "embedded",
    b"EmbeddedFiles": "embedded",
    b"FileAttachment": "embedded",
}
#: The most the object streams of one PDF may unpack to.
MAX_INFLATED = 100 * MB
#: Nesting deeper than this in one object is refused as damaged.
MAX_DEPTH = 64

# A name: a slash and regular characters (PDF 32000-1, 7.2.2 and 7.3.5).
NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]*)")
HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
# A stream body: from the keyword to the first ``endstream`` after it.
STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)(.*?)endstream", re.DOTALL)


def refusal(kind: str, name: str) -> UploadRejected:
    """The refusal of a PDF, by ``kind``, naming the file."""
    mapping = {"name": name}
    messages = {
        "javascript": _(
            "upload_pdf_javascript",
            default="Tệp PDF “${name}” có chứa mã JavaScript, không được chấp nhận. "
            "Vui lòng in lại thành PDF (Microsoft Print to PDF) hoặc quét lại tài "
            "liệu.",
            mapping=mapping,
        ),
        "launch": _(
            "upload_pdf_launch",
            default="Tệp PDF “${name}” có lệnh mở chương trình hoặc tệp khác, không "
            "được chấp nhận. Vui lòng in lại thành PDF hoặc quét lại tài liệu.",
            mapping=mapping,
        ),
        "embedded": _(
            "upload_pdf_embedded",
            default="Tệp PDF “${name}” có tệp khác đính kèm bên trong, không được "
            "chấp nhận. Vui lòng nộp riêng từng tệp.",
            mapping=mapping,
        ),
        "encrypted": _(
            "upload_pdf_encrypted",
            default="Tệp PDF “${name}” được đặt mật khẩu nên cán bộ không mở được. "
            "Vui lòng gỡ mật khẩu rồi nộp lại.",
            mapping=mapping,
        ),
        "damaged": _(
            "upload_pdf_damaged",
            default="Tệp PDF “${name}” bị hỏng hoặc không đọc được. Vui lòng xuất "
            "lại tệp PDF hoặc quét lại tài liệu.",
            mapping=mapping,
        ),
    }
    if kind == "bomb":
        return unpacks_too_much(name)
    return UploadRejected(messages[kind])


def check_pdf(data: bytes, name: str) -> None:
    """Refuse a PDF with scripts, launch actions or embedded files."""
    kind = scan(data)
    if kind:
        raise refusal(kind, name)
    kind = walk(data)
    if kind:
        raise refusal(kind, name)


def normalised(raw: bytes) -> bytes:
    """A name with its ``#xx`` escapes decoded (``J#61vaScript`` → ``JavaScript``)."""
    return HEX.sub(lambda match: bytes([int(match.group(1), 16)]), raw)


def names_in(text: bytes) -> Iterator[bytes]:
    """Every name in ``text``, normalised, without its slash."""
    for match in NAME.finditer(text):
        yield normalised(match.group(1))


def scan(data: bytes) -> str:
    """The first forbidden kind the byte scan finds, or "" ("bomb" past the cap)."""
    try:
        for text in _dictionaries(data):
            for found in names_in(text):
                if found in FORBIDDEN:
                    return FORBIDDEN[found]
    except _Bomb:
        return "bomb"
    return ""


def _dictionaries(data: bytes) -> Iterator[bytes]:
    """The file without its stream bodies, then each inflated object stream."""
    start, budget = 0, MAX_INFLATED
    for match in STREAM.finditer(data):
        outside = data[start : match.start()]
        start = match.end()
        yield outside
        head = outside[outside.rfind(b"endobj") + 1 :][-4096:]  # the stream's dict
        names = set(names_in(head))
        if b"ObjStm" in names and b"FlateDecode" in names:
            inflated = _inflate(match.group(1), budget)
            budget -= len(inflated)
            yield inflated
    yield data[start:]


def _inflate(body: bytes, budget: int) -> bytes:
    """A Flate stream unpacked (b"" if it is not one), at most ``budget`` bytes."""
    try:
        inflated = zlib.decompressobj().decompress(body, budget + 1)
    except zlib.error:
        return b""  # another filter, or damaged: pypdf will judge it
    if len(inflated) > budget:
        raise _Bomb
    return inflated


class _Bomb(Exception):
    """An object stream that unpacks past MAX_INFLATED."""


def walk(data: bytes) -> str:
    """The first forbidden kind pypdf's reading finds, or "".

    "encrypted" for a PDF an empty password does not open, "damaged" for
    one pypdf cannot read.
    """
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "encrypted"
        for obj in _objects(reader):
            kind = _forbidden(obj, 0)
            if kind:
                return kind
    except (DependencyError, FileNotDecryptedError):  # AES without a crypto library
        return "encrypted"
    except LimitReachedError:
        return "bomb"
    except Exception:  # any failure of the parser on untrusted bytes
        return "damaged"
    return ""


def _objects(reader: PdfReader) -> Iterator[object]:
    """The trailer, the catalog, and every object the cross-reference lists."""
    yield reader.trailer
    yield reader.trailer["/Root"].get_object()
    for generation, entries in reader.xref.items():
        for number in entries:
            yield IndirectObject(number, generation, reader).get_object()
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader).get_object()
    for page in reader.pages:  # annotations, also when direct objects
        yield page.get("/Annots")


def _forbidden(obj, depth: int) -> str:
    """The forbidden kind a name in ``obj`` gives, or ""; references not followed."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deep")
    if isinstance(obj, NameObject):
        return FORBIDDEN.get(obj[1:].encode("utf-8", "replace"), "")
    if isinstance(obj, DictionaryObject):  # also the dictionary of a stream
        for key, value in obj.items():
            kind = _forbidden(NameObject(key), depth) or _forbidden(value, depth + 1)
            if kind:
                return kind
    elif isinstance(obj, ArrayObject):
        for value in obj:
            kind = _forbidden(value, depth + 1)
            if kind:
                return kind
    return ""
