"""Field validators for easyform, with Vietnamese messages beside the field.

easyform looks validators up as named ``IFieldValidator`` utilities: pick them
in a field's "Advanced" tab, or in the model XML with
``easyform:validators="luanthanh.isCCCD"`` (several separated by ``|``).
A validator returns a message for an invalid value and None otherwise;
empty values are left to the field's "required" setting.
"""

from email.utils import parseaddr
from luanthanh.policy import settings
from luanthanh.policy.content.dossier import InvalidIdNumber
from luanthanh.policy.content.dossier import InvalidPhone
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import normalize_id_number
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import UploadRejected
from plone.namedfile.interfaces import INamed

import re


EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

EMAIL_INVALID = _(
    "error_email",
    default="Thư điện tử không hợp lệ, ví dụ đúng: nguyenvanan@gmail.com.",
)
CONSENT_MISSING = _(
    "error_consent_missing",
    default="Vui lòng đánh dấu đồng ý cho xử lý dữ liệu cá nhân: không có sự "
    "đồng ý này, hồ sơ trực tuyến không thể được tiếp nhận.",
)


def is_cccd(value, **kwargs):
    """Số CCCD: exactly 12 digits (spaces between groups allowed)."""
    if not value:
        return None
    if not normalize_id_number(value):
        return InvalidIdNumber.__doc__
    return None


def is_phone(value, **kwargs):
    """A Vietnamese mobile or landline number."""
    if not value:
        return None
    if not normalize_phone(value):
        return InvalidPhone.__doc__
    return None


def is_email(value, **kwargs):
    """An e-mail address we can write to."""
    if not value:
        return None
    value = value.strip()
    if not EMAIL_RE.match(value) or parseaddr(value)[1] != value:
        return EMAIL_INVALID
    return None


def is_consent(value, **kwargs):
    """The consent box is ticked (required: it may not be left empty)."""
    if value is True or value == "1" or value == "selected":
        return None
    return CONSENT_MISSING


def is_allowed_file(value, **kwargs):
    """PDF, JPEG, PNG or DOCX by content, within the per-file size limit."""
    if value is None or not INamed.providedBy(value):
        return None
    try:
        check_upload(value.filename, value.data, settings.upload_limits()[0])
    except UploadRejected as error:
        return error.message
    return None


#: name → validator, registered in configure.zcml.
VALIDATORS = {
    "luanthanh.isCCCD": is_cccd,
    "luanthanh.isPhone": is_phone,
    "luanthanh.isEmail": is_email,
    "luanthanh.isConsent": is_consent,
    "luanthanh.isAllowedFile": is_allowed_file,
}
