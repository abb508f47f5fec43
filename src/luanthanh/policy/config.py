"""Facts shared by every layer: the time zone, the clock, ids and the logger.

Stored datetimes are aware and in UTC (ZODB cannot pickle ``zoneinfo`` time
zones, and UTC is what every index and export expects); pages show them in
Asia/Ho_Chi_Minh.  This module is the one place that knows the time zone.
"""

from datetime import date
from datetime import datetime
from datetime import UTC
from zoneinfo import ZoneInfo

import logging
import Missing


PACKAGE_NAME = "luanthanh.policy"
logger = logging.getLogger(PACKAGE_NAME)

#: The commune's time zone: every local date and time is in it.
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

#: The tracking book (DossierFolder) at the site root.
DOSSIER_FOLDER_ID = "ho-so"
#: The procedure catalogue at the site root.
PROCEDURE_FOLDER_ID = "thu-tuc-hanh-chinh"
DOSSIER_WORKFLOW = "luanthanh_dossier_workflow"
#: The public status lookup page, below the site root; the code goes in ``?code=``.
LOOKUP_PATH = "tra-cuu-ho-so/@@tra-cuu-ho-so"

#: Local role given to the official who handles a dossier.
ASSIGNEE_ROLE = "DossierAssignee"

#: Registry prefixes of the settings interfaces (see :mod:`.settings`).
SITE_PREFIX = "luanthanh.policy.site"
PROCEDURE_PREFIX = "luanthanh.policy"
DOSSIER_PREFIX = "luanthanh.policy.dossier"
ONLINE_PREFIX = "luanthanh.policy.online"
LOGIN_PREFIX = "luanthanh.policy.login"
ASSIGNEES_RECORD = f"{DOSSIER_PREFIX}.assignees"

MB = 1024 * 1024

#: The control panel's default upload limits (IOnlineSettings), in MB.
DEFAULT_MAX_FILE_MB = 10
DEFAULT_MAX_DOSSIER_MB = 30
#: Room above a dossier's files for multipart boundaries, part headers and
#: the form's other fields.
REQUEST_BODY_MARGIN_MB = 2


def max_request_body(dossier_mb: int = DEFAULT_MAX_DOSSIER_MB) -> int:
    """The largest request body the servers accept, in bytes: a whole dossier's
    uploads plus the margin (waitress and haproxy, ``scripts/make_instance.py``)."""
    return (int(dossier_mb) + REQUEST_BODY_MARGIN_MB) * MB


#: The site's address in mails when the control panel sets none (the
#: development instance); a warning is logged each time it is used.
DEFAULT_PUBLIC_URL = "http://localhost:8080/Plone"


def now() -> datetime:
    """Now, aware, in UTC (how datetimes are stored)."""
    return datetime.now(UTC)


def stored(value: datetime | None) -> datetime | None:
    """An aware datetime as it is stored: in UTC; None stays None."""
    return value.astimezone(UTC) if value is not None else None


def local_datetime(value: datetime) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is taken as local."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=TZ)
    return value.astimezone(TZ)


def local_date(value: datetime | date) -> date:
    """The local (Asia/Ho_Chi_Minh) date of a datetime; a date is returned as is.

    >>> from datetime import timezone
    >>> local_date(datetime(2026, 3, 2, 18, 30, tzinfo=timezone.utc))
    datetime.date(2026, 3, 3)
    """
    if isinstance(value, datetime):
        return local_datetime(value).date()
    return value


def present(value):
    """``None`` for the catalog's ``Missing.Value`` and empty values."""
    if value is None or value is Missing.Value or value == "":
        return None
    return value


def local(value) -> datetime | None:
    """A stored datetime (or Zope DateTime) in Asia/Ho_Chi_Minh; else None."""
    value = present(value)
    if value is None:
        return None
    if hasattr(value, "asdatetime"):  # Zope's DateTime
        value = value.asdatetime()
    if isinstance(value, datetime):
        return local_datetime(value)
    return None


def today() -> date:
    """Today's local date in the commune."""
    return datetime.now(TZ).date()


#: The national list of lĩnh vực (Cơ sở dữ liệu quốc gia về thủ tục hành chính)
#: of commune-level procedures, as registry lines ``token|Title``: the seed
#: of the record ``luanthanh.policy.national_fields`` (control panel
#: "Lĩnh vực theo danh mục quốc gia").
NATIONAL_FIELD_LINES: tuple[str, ...] = (
    "ho-tich|Hộ tịch",
    "chung-thuc|Chứng thực",
    "nuoi-con-nuoi|Nuôi con nuôi",
    "bao-tro-xa-hoi|Bảo trợ xã hội",
    "nguoi-co-cong|Người có công",
    "tre-em|Trẻ em",
    "ho-kinh-doanh|Thành lập và hoạt động của hộ kinh doanh",
    "dat-dai|Đất đai",
    "moi-truong|Môi trường",
    "lam-nghiep|Lâm nghiệp",
    "thuy-loi|Thủy lợi",
    "phong-chong-thien-tai|Phòng, chống thiên tai",
    "giao-duc-dao-tao|Giáo dục và Đào tạo",
    "van-hoa-co-so|Văn hóa cơ sở",
    "thi-dua-khen-thuong|Thi đua – Khen thưởng",
    "tin-nguong-ton-giao|Tín ngưỡng, tôn giáo",
    "hoa-giai-co-so|Hòa giải ở cơ sở",
    "boi-thuong-nha-nuoc|Bồi thường nhà nước",
    "tiep-cong-dan|Tiếp công dân",
    "giai-quyet-khieu-nai|Giải quyết khiếu nại",
    "giai-quyet-to-cao|Giải quyết tố cáo",
    "phong-chong-tham-nhung|Phòng, chống tham nhũng",
)
