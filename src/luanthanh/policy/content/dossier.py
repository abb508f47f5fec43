"""The dossier (hồ sơ) and the officials' tracking book (sổ theo dõi hồ sơ).

The field ids are the API (plone.restapi, imports, statistics): keep them.
Dates are timezone-aware and shown in Asia/Ho_Chi_Minh.  What the workflow
sets (received_at, due_date, resolved_at, returned_at, timeliness, history)
is read-only in forms and in the REST API; only the workflow and the importers
write it.
"""

from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import CCCD_RE
from luanthanh.policy.normalize import normalize_phone
from plone.app.vocabularies.catalog import CatalogSource
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.schema import Email
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


class InvalidIdNumber(schema.ValidationError):
    __doc__ = _(
        "error_id_number",
        default="Số căn cước công dân (CCCD) gồm đúng 12 chữ số.",
    )


class InvalidPhone(schema.ValidationError):
    __doc__ = _(
        "error_phone",
        default="Số điện thoại không hợp lệ: dùng số di động 10 chữ số (ví dụ "
        "0912 345 678) hoặc số cố định có mã vùng (ví dụ 0237 3852 123).",
    )


def validate_phone(value: str) -> bool:
    if not normalize_phone(value):
        raise InvalidPhone(value)
    return True


def validate_id_number(value: str) -> bool:
    if not CCCD_RE.match(value or ""):
        raise InvalidIdNumber(value)
    return True


class IApplicant(model.Schema):
    """Người nộp hồ sơ: who submits a dossier (the counter intake form asks this)."""

    applicant_name = schema.TextLine(
        title=_("label_applicant_name", default="Họ và tên người nộp"),
        required=True,
    )
    applicant_id_number = schema.TextLine(
        title=_("label_applicant_id_number", default="Số CCCD"),
        description=_("help_applicant_id_number", default="12 chữ số."),
        required=False,
        constraint=validate_id_number,
    )
    applicant_phone = schema.TextLine(
        title=_("label_applicant_phone", default="Số điện thoại"),
        required=True,
        constraint=validate_phone,
    )
    applicant_email = Email(
        title=_("label_applicant_email", default="Thư điện tử"),
        required=False,
    )
    applicant_address = schema.Text(
        title=_("label_applicant_address", default="Địa chỉ"),
        required=False,
        default="",
    )


class IDossier(IApplicant):
    """Hồ sơ thủ tục hành chính."""

    directives.mode(code="display")
    code = schema.TextLine(
        title=_("label_dossier_code", default="Mã hồ sơ"),
        required=False,
        readonly=True,
    )

    directives.widget(
        "procedure",
        pattern_options={"selectableTypes": ["Procedure"]},
    )
    procedure = RelationChoice(
        title=_("label_dossier_procedure", default="Thủ tục hành chính"),
        source=CatalogSource(portal_type="Procedure"),
        required=True,
    )

    model.fieldset(
        "applicant",
        label=_("fieldset_applicant", default="Người nộp hồ sơ"),
        fields=[
            "applicant_name",
            "applicant_id_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
        ],
    )
    channel = schema.Choice(
        title=_("label_dossier_channel", default="Hình thức nộp"),
        vocabulary="luanthanh.policy.channels",
        required=True,
        default="direct",
    )
    priority = schema.Bool(
        title=_("label_dossier_priority", default="Ưu tiên (người yếu thế)"),
        description=_(
            "help_dossier_priority",
            default="Người cao tuổi, người khuyết tật, phụ nữ mang thai… Hồ sơ ưu "
            "tiên đứng đầu mọi hàng chờ.",
        ),
        required=False,
        default=False,
    )

    model.fieldset(
        "dates",
        label=_("fieldset_dates", default="Thời gian"),
        fields=[
            "submitted_at",
            "received_at",
            "due_date",
            "resolved_at",
            "closed_at",
            "returned_at",
            "timeliness",
        ],
    )
    directives.omitted(
        "submitted_at",
        "received_at",
        "due_date",
        "resolved_at",
        "closed_at",
        "returned_at",
    )
    submitted_at = schema.Datetime(
        title=_("label_submitted_at", default="Ngày nộp"), required=False, readonly=True
    )
    received_at = schema.Datetime(
        title=_("label_received_at", default="Ngày tiếp nhận"),
        required=False,
        readonly=True,
    )
    due_date = schema.Datetime(
        title=_("label_due_date", default="Ngày hẹn trả kết quả"),
        required=False,
        readonly=True,
    )
    resolved_at = schema.Datetime(
        title=_("label_resolved_at", default="Ngày giải quyết xong"),
        required=False,
        readonly=True,
    )
    closed_at = schema.Datetime(
        title=_("label_closed_at", default="Ngày kết thúc xử lý"),
        description=_(
            "help_closed_at",
            default="Khi hồ sơ được giải quyết (phê duyệt hoặc từ chối), rút hoặc "
            "dừng giải quyết.",
        ),
        required=False,
        readonly=True,
    )
    returned_at = schema.Datetime(
        title=_("label_returned_at", default="Ngày trả kết quả"),
        required=False,
        readonly=True,
    )
    directives.omitted("timeliness")
    timeliness = schema.Choice(
        title=_("label_timeliness", default="Kết quả đúng hạn"),
        vocabulary="luanthanh.policy.timeliness",
        required=False,
        readonly=True,
    )

    model.fieldset(
        "processing",
        label=_("fieldset_processing", default="Xử lý"),
        fields=["result_file", "assigned_to", "notes"],
    )
    result_file = NamedBlobFile(
        title=_("label_result_file", default="Kết quả đã số hóa"),
        required=False,
    )
    directives.omitted("assigned_to")
    assigned_to = schema.TextLine(
        title=_("label_assigned_to", default="Cán bộ xử lý"),
        required=False,
        readonly=True,
    )
    notes = schema.Text(
        title=_("label_notes", default="Ghi chú nội bộ"),
        description=_(
            "help_notes", default="Chỉ cán bộ xem được; không bao giờ gửi cho công dân."
        ),
        required=False,
        default="",
    )

    model.fieldset(
        "online",
        label=_("fieldset_online", default="Nộp trực tuyến"),
        fields=[
            "form_data",
            "consent_text",
            "consented_at",
            "rating",
            "rating_comment",
            "rated_at",
        ],
    )
    directives.omitted("form_data")
    form_data = schema.List(
        title=_("label_form_data", default="Nội dung tờ khai trực tuyến"),
        description=_(
            "help_form_data",
            default="Mọi câu trả lời của công dân trên biểu mẫu: nhãn và giá trị.",
        ),
        value_type=schema.Dict(key_type=schema.TextLine(), value_type=schema.Field()),
        required=False,
        readonly=True,
        default=[],
    )
    directives.omitted("consent_text", "consented_at")
    consent_text = schema.Text(
        title=_("label_consent_text", default="Nội dung đã đồng ý"),
        description=_(
            "help_consent_text",
            default="Lời đồng ý xử lý dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân "
            "số 91/2025/QH15) mà công dân đã đánh dấu.",
        ),
        required=False,
        readonly=True,
    )
    consented_at = schema.Datetime(
        title=_("label_consented_at", default="Thời điểm đồng ý"),
        required=False,
        readonly=True,
    )
    directives.omitted("rating", "rating_comment", "rated_at")
    rating = schema.Choice(
        title=_("label_rating", default="Mức độ hài lòng"),
        vocabulary="luanthanh.policy.rating_levels",
        required=False,
        readonly=True,
    )
    rating_comment = schema.Text(
        title=_("label_rating_comment", default="Góp ý của công dân"),
        required=False,
        readonly=True,
    )
    rated_at = schema.Datetime(
        title=_("label_rated_at", default="Thời điểm đánh giá"),
        required=False,
        readonly=True,
    )

    directives.omitted("history")
    history = schema.List(
        title=_("label_history", default="Quá trình xử lý"),
        value_type=schema.Dict(key_type=schema.TextLine(), value_type=schema.Field()),
        required=False,
        readonly=True,
        default=[],
    )

    # Written by the workflow, the slips and the online forms; never by a form
    # or a REST PATCH (read-only, omitted from the forms).
    directives.omitted(
        "supplement_request", "supplement_requested_at", "apologies", "submission_token"
    )
    #: What the citizen must add (the reason of the last request for supplement).
    supplement_request = schema.Text(
        title=_("label_supplement_request", default="Nội dung yêu cầu bổ sung"),
        required=False,
        readonly=True,
    )
    #: While waiting for the supplement: the deadline is suspended since then.
    supplement_requested_at = schema.Datetime(
        title=_("label_supplement_requested_at", default="Thời điểm yêu cầu bổ sung"),
        required=False,
        readonly=True,
    )
    #: One record per apology letter (mẫu 04): time, actor, new_date, reason.
    apologies = schema.List(
        title=_("label_apologies", default="Các lần xin lỗi, hẹn lại ngày trả"),
        value_type=schema.Dict(key_type=schema.TextLine(), value_type=schema.Field()),
        required=False,
        readonly=True,
        default=[],
    )
    #: One per rendered online form, so that a double submit makes one dossier.
    submission_token = schema.TextLine(
        title=_("label_submission_token", default="Mã phiên nộp trực tuyến"),
        required=False,
        readonly=True,
    )


@implementer(IDossier)
class Dossier(Container):
    """A dossier; its attachments are the File items it holds."""

    code = ""
    submitted_at = None
    received_at = None
    due_date = None
    resolved_at = None
    closed_at = None
    returned_at = None
    timeliness = None
    assigned_to = ""
    history = ()
    form_data = ()
    consent_text = None
    consented_at = None
    rating = None
    rating_comment = None
    rated_at = None
    supplement_request = None
    supplement_requested_at = None
    apologies = ()
    submission_token = None  # one per rendered online form: no double dossiers


class IDossierFolder(model.Schema):
    """Sổ theo dõi hồ sơ."""


@implementer(IDossierFolder)
class DossierFolder(Container):
    """The tracking book: a BTree folder without ordering.

    Plone's default ordering keeps a list of every id, which grows with each
    dossier and conflicts on every concurrent add; the "unordered" ordering
    adapter of plone.folder keeps nothing.
    """

    _ordering = "unordered"
