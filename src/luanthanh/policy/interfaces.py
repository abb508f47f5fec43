"""Interfaces of luanthanh.policy: the browser layer and the site settings."""

from luanthanh.policy.config import DEFAULT_MAX_DOSSIER_MB
from luanthanh.policy.config import DEFAULT_MAX_FILE_MB
from luanthanh.policy.config import NATIONAL_FIELD_LINES
from luanthanh.policy.fields import lines
from luanthanh.policy.fields import number
from luanthanh.policy.fields import optional_line
from luanthanh.policy.fields import optional_text
from luanthanh.policy.fields import switch
from luanthanh.policy.i18n import _
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import re


class IBrowserLayer(IDefaultBrowserLayer):
    """Browser layer, active once ``luanthanh.policy:default`` is installed."""


class IDossierCatalogTool(Interface):
    """The dossier catalog (``portal_dossier_catalog``), a local utility.

    Dossiers and everything inside a dossier folder are indexed there and
    never in ``portal_catalog``: see :mod:`luanthanh.policy.dossiers.catalog_tool`.
    """


class IUploadService(Interface):
    """Marker of the REST services whose body is a file (``multipart/form-data``
    or a raw CSV/XLSX body): the one exception to "JSON services take JSON
    only"; they check the media type and the CSRF token themselves."""


class IPrivateAnswer(Interface):
    """Request marker: no cache may keep or share the answer.

    The online forms (their signed stamp, the thank-you page with the new
    dossier's code), the lookup page and the lookup and rating services mark
    their request with it; ``security/headers.py`` then answers
    ``Cache-Control: no-store, private``, in one place (issue #14, finding 12).
    """


class INoticesFolder(Interface):
    """Marker of the ``thong-bao`` section: its feed lists the newest notices."""


class ISiteSettings(Interface):
    """The center's contact details, kept in the registry.

    Records are stored under the prefix ``luanthanh.policy.site`` and edited in
    the control panel ``@@luanthanh-settings``.  The name is shown in the
    header of every page; the responsible agency, address, hotline, e-mail
    and opening hours in its footer and on the page "Giới thiệu Trung tâm";
    ``popular_procedures`` on the home page.
    """

    center_name = schema.TextLine(
        title=_("label_center_name", default="Tên trung tâm"),
        default="Trung tâm Phục vụ hành chính công xã Luận Thành",
        required=True,
    )

    agency = optional_line(
        _("label_center_agency", default="Cơ quan chủ quản"),
        default="Ủy ban nhân dân xã Luận Thành",
    )

    address = optional_line(
        _("label_center_address", default="Địa chỉ"),
        default="Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa",
    )
    hotline = optional_line(_("label_center_hotline", default="Đường dây nóng"))
    email = optional_line(_("label_center_email", default="Thư điện tử"))

    public_url = optional_line(
        _("label_public_url", default="Địa chỉ trang web của Trung tâm"),
        description=_(
            "help_public_url",
            default="Địa chỉ công khai của trang, ví dụ https://motcua.example.vn "
            "(không có dấu / ở cuối). Các liên kết trong thư điện tử gửi người nộp "
            "hồ sơ và cán bộ được tạo từ địa chỉ này.",
        ),
    )

    opening_hours = optional_text(
        _("label_opening_hours", default="Giờ làm việc"),
        description=_(
            "help_opening_hours",
            default="Mỗi dòng một khung giờ, hiển thị ở chân trang.",
        ),
        default=(
            "Thứ Hai – Thứ Sáu: sáng 7:00 – 11:30, chiều 13:30 – 17:00\n"
            "Thứ Bảy, Chủ nhật và ngày lễ: nghỉ"
        ),
    )

    popular_procedures = lines(
        _("label_popular_procedures", default="Thủ tục thường dùng"),
        description=_(
            "help_popular_procedures",
            default="Mã các thủ tục hiện ở trang chủ, mỗi dòng một mã, theo thứ tự "
            "hiển thị. Mã không có hoặc thủ tục chưa công khai được bỏ qua.",
        ),
        default=[
            "1.001193",
            "1.000894",
            "1.000656",
            "1.004873",
            "2.000815",
            "1.001612",
        ],
    )


def _valid_field_lines(value: list[str]) -> bool:
    tokens = set()
    for line in value or ():
        token = line.partition("|")[0].strip()
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", token) or token in tokens:
            raise FieldLinesInvalid(line)
        tokens.add(token)
    return True


class FieldLinesInvalid(schema.ValidationError):
    __doc__ = _(
        "error_field_lines",
        default="Mỗi dòng có dạng ma-linh-vuc|Tên lĩnh vực; mã chỉ gồm chữ thường "
        "không dấu, chữ số và dấu gạch ngang, không trùng nhau.",
    )


class IProcedureSettings(Interface):
    """Settings of the procedure catalogue (prefix ``luanthanh.policy``)."""

    fields = lines(
        _("label_fields", default="Nhóm lĩnh vực"),
        description=_(
            "help_fields",
            default="Mỗi dòng một lĩnh vực, dạng ma-linh-vuc|Tên lĩnh vực. Không "
            "đổi mã của lĩnh vực đã có thủ tục.",
        ),
        default=[
            "kinh-te|Kinh tế",
            "van-hoa-xa-hoi|Văn hóa – Xã hội",
            "tu-phap-ho-tich|Tư pháp – Hộ tịch",
        ],
        constraint=_valid_field_lines,
        required=True,
    )


class INationalFieldSettings(Interface):
    """The national list of lĩnh vực (prefix ``luanthanh.policy``).

    The official lĩnh vực of the Cơ sở dữ liệu quốc gia về thủ tục hành
    chính, beside the center's reporting groups (``fields``).
    """

    national_fields = lines(
        _("label_national_fields", default="Lĩnh vực theo danh mục quốc gia"),
        description=_(
            "help_national_fields",
            default="Mỗi dòng một lĩnh vực, dạng ma-linh-vuc|Tên lĩnh vực, đúng tên "
            "trên Cơ sở dữ liệu quốc gia về thủ tục hành chính. Không đổi mã "
            "của lĩnh vực đã có thủ tục.",
        ),
        default=list(NATIONAL_FIELD_LINES),
        constraint=_valid_field_lines,
        required=True,
    )


class AgencyCodeInvalid(schema.ValidationError):
    __doc__ = _(
        "error_agency_code",
        default="Mã cơ quan chỉ gồm chữ, số và dấu chấm, ví dụ 000.00.99.H56.",
    )


def _valid_agency_code(value: str) -> bool:
    if not re.fullmatch(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*", value or ""):
        raise AgencyCodeInvalid(value)
    return True


#: How long access logs are kept: five years by default, the limitation
#: period of the less serious crimes in the Criminal Code 2015 (art. 27),
#: which covers an official's misuse of personal data: the log lives as long
#: as anyone may have to answer for a reading.  The commune changes it in the
#: control panel; the floor below is our own policy.
ACCESS_LOG_RETENTION_DAYS = 1826
#: Nobody, the administrator included, keeps access logs for less than a year.
ACCESS_LOG_MIN_RETENTION_DAYS = 366


class IDossierSettings(Interface):
    """Settings of dossiers (prefix ``luanthanh.policy.dossier``)."""

    agency_code = schema.TextLine(
        title=_("label_agency_code", default="Mã cơ quan"),
        description=_(
            "help_agency_code",
            default="Đầu mã hồ sơ, theo mã định danh của cơ quan, ví dụ "
            "000.00.99.H56. Mã hồ sơ có dạng <mã cơ quan>-<yymmdd>-<số thứ tự>.",
        ),
        default="000.00.99.H56",
        required=True,
        constraint=_valid_agency_code,
    )

    assignees = schema.Dict(
        title=_("label_assignees", default="Cán bộ phụ trách theo lĩnh vực"),
        description=_(
            "help_assignees",
            default="Mã lĩnh vực → tên đăng nhập của cán bộ phụ trách. Hồ sơ được "
            "tiếp nhận sẽ tự động chuyển cho cán bộ này.",
        ),
        key_type=schema.TextLine(title=_("label_field_token", default="Mã lĩnh vực")),
        value_type=schema.TextLine(title=_("label_official", default="Cán bộ")),
        required=False,
        default={},
    )

    access_log_retention_days = number(
        _(
            "label_access_log_retention",
            default="Thời gian lưu nhật ký truy cập (ngày)",
        ),
        ACCESS_LOG_RETENTION_DAYS,
        minimum=ACCESS_LOG_MIN_RETENTION_DAYS,
        description=_(
            "help_access_log_retention",
            default="Nhật ký truy cập hồ sơ và nhật ký tra cứu cũ hơn thời gian này "
            "được xóa (ít nhất 366 ngày; mặc định 5 năm). Nhật ký không bao giờ "
            "bị xóa theo số dòng.",
        ),
    )


class IOnlineSettings(Interface):
    """Online submission, status lookup and uploads (prefix
    ``luanthanh.policy.online``)."""

    max_file_mb = number(
        _("label_max_file_mb", default="Dung lượng tối đa mỗi tệp (MB)"),
        DEFAULT_MAX_FILE_MB,
    )
    max_dossier_mb = number(
        _("label_max_dossier_mb", default="Dung lượng tối đa mỗi hồ sơ (MB)"),
        DEFAULT_MAX_DOSSIER_MB,
    )
    honeypot_enabled = switch(
        _("label_honeypot", default="Bật bẫy chống máy gửi tự động (honeypot)"),
        default=True,
    )
    submission_limit = number(
        _("label_submission_limit", default="Số lần nộp tối đa của một địa chỉ IP"),
        20,
        minimum=0,
        description=_(
            "help_submission_limit",
            default="Trong khoảng thời gian dưới đây; 0 là không giới hạn.",
        ),
    )
    submission_window_minutes = number(
        _(
            "label_submission_window",
            default="Khoảng thời gian tính giới hạn nộp (phút)",
        ),
        60,
    )
    stamp_max_age_hours = number(
        _("label_stamp_max_age", default="Thời hạn của một biểu mẫu đã mở (giờ)"),
        24,
        minimum=1,
        description=_(
            "help_stamp_max_age",
            default="Biểu mẫu nộp hồ sơ mở quá thời gian này phải tải lại trước "
            "khi gửi.",
        ),
    )
    lookup_limit = number(
        _("label_lookup_limit", default="Số lần tra cứu tối đa của một địa chỉ IP"),
        10,
    )
    lookup_window_minutes = number(
        _(
            "label_lookup_window",
            default="Khoảng thời gian tính giới hạn tra cứu (phút)",
        ),
        10,
    )


class ILoginSettings(Interface):
    """Brute-force protection of the login (prefix ``luanthanh.policy.login``)."""

    max_failures = number(
        _("label_login_max_failures", default="Số lần đăng nhập sai tối đa"),
        5,
        description=_(
            "help_login_max_failures",
            default="Cho một tên đăng nhập từ một địa chỉ IP, trong khoảng thời "
            "gian dưới đây; sau đó mọi lần đăng nhập bị từ chối đến hết khoảng "
            "thời gian.",
        ),
    )
    window_minutes = number(
        _("label_login_window", default="Khoảng thời gian khóa đăng nhập (phút)"),
        15,
    )


class IDossierImportedEvent(IObjectEvent):
    """A historic dossier was added by the import.

    The import adds dossiers without ``IObjectAddedEvent`` (see
    ``exchange/dossiers/writing.py``): what must happen to every new dossier,
    however it arrives, subscribes to this event as well.
    """


@implementer(IDossierImportedEvent)
class DossierImportedEvent(ObjectEvent):
    """See :class:`IDossierImportedEvent`."""
