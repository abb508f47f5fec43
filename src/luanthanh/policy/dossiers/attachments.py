"""Files of a dossier: File items inside it, one way for every channel.

The counter intake, the online forms and the citizen's supplements all
attach files through :func:`attach`; the ids come from the file names, unique
in the dossier, chosen before creating (``api.content.create(safe_id=True)``
would create under a temporary id and rename, which the catalog logs as an
error).
"""

from dataclasses import dataclass
from plone import api
from plone.i18n.normalizer.interfaces import IURLNormalizer
from plone.namedfile.file import NamedBlobFile
from zope.component import getUtility


DEFAULT_NAME = "tep-dinh-kem"


@dataclass(frozen=True)
class Upload:
    """One file to attach: its (already checked) name, type and bytes, and
    the title it is kept under (the document it answers; default: its name)."""

    filename: str
    content_type: str
    data: bytes
    title: str = ""


def free_id(container, filename: str) -> str:
    """An id from the file name (``giay-chung-sinh.pdf``), unique in ``container``."""
    base = getUtility(IURLNormalizer).normalize(filename) or DEFAULT_NAME
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    candidate, number = base, 1
    while candidate in container.objectIds():
        number += 1
        candidate = f"{stem}-{number}.{ext}" if ext else f"{stem}-{number}"
    return candidate


def attach(dossier, upload: Upload):
    """One file as a File item inside the dossier; returns the item.

    Created with Manager rights: a citizen's online submission or supplement
    may add files to a dossier they cannot otherwise edit.  Callers check
    the file (:func:`luanthanh.policy.uploads.check_upload`) first.
    """
    blob = NamedBlobFile(
        data=upload.data, filename=upload.filename, contentType=upload.content_type
    )
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=dossier,
            type="File",
            id=free_id(dossier, upload.filename),
            title=upload.title or upload.filename,
            file=blob,
        )


def file_size(obj) -> int:
    """Bytes of one attachment (0 for an item without a file)."""
    blob = getattr(obj, "file", None)
    return blob.getSize() if blob is not None else 0


def total_size(dossier) -> int:
    """Bytes of the files the dossier already holds."""
    return sum(file_size(obj) for obj in dossier.objectValues())
