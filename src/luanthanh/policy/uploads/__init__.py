"""What citizens may upload: PDF, JPEG, PNG and DOCX, recognised by content.

:func:`check_upload` is the one check (online forms, supplements); it reads
the type from the bytes (``check``), then looks inside Word documents
(``office``: macros, embedded objects, external links, encryption, zip
bombs) and PDF files (``pdf``: JavaScript, launch actions, embedded files).
"""

from luanthanh.policy.config import MB
from luanthanh.policy.uploads.check import check_total
from luanthanh.policy.uploads.check import check_upload
from luanthanh.policy.uploads.check import clean_filename
from luanthanh.policy.uploads.check import DEFAULT_NAME
from luanthanh.policy.uploads.check import DOCX
from luanthanh.policy.uploads.check import EXTENSIONS
from luanthanh.policy.uploads.check import format_mb
from luanthanh.policy.uploads.check import JPEG
from luanthanh.policy.uploads.check import MAX_NAME_LENGTH
from luanthanh.policy.uploads.check import PDF
from luanthanh.policy.uploads.check import PNG
from luanthanh.policy.uploads.check import sniff
from luanthanh.policy.uploads.check import UNSAFE
from luanthanh.policy.uploads.rejected import UploadRejected


__all__ = [
    "DEFAULT_NAME",
    "DOCX",
    "EXTENSIONS",
    "JPEG",
    "MAX_NAME_LENGTH",
    "MB",
    "PDF",
    "PNG",
    "UNSAFE",
    "UploadRejected",
    "check_total",
    "check_upload",
    "clean_filename",
    "format_mb",
    "sniff",
]
