"""The administrative procedure (thủ tục hành chính) and its catalogue folder.

The field ids are the API (plone.restapi, import and export): keep them.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.row import DictRow
from datetime import time
from luanthanh.policy.content.documents import flags
from luanthanh.policy.fields import lines
from luanthanh.policy.fields import number
from luanthanh.policy.fields import optional_line
from luanthanh.policy.fields import optional_text
from luanthanh.policy.fields import PICK_PROCEDURES
from luanthanh.policy.fields import procedures
from luanthanh.policy.i18n import _
from plone import api
from plone.app.textfield import RichText
from plone.app.vocabularies.catalog import CatalogSource
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

import re


CODE_RE = re.compile(r"^\d+(\.\d+)+(\.[A-Z]\d{2})?$")


class InvalidProcedureCode(schema.ValidationError):
    __doc__ = _(
        "error_procedure_code",
        default="Mã thủ tục chỉ gồm chữ số và dấu chấm, ví dụ 1.001193 hoặc "
        "1.001193.H56.",
    )


def validate_code(value: str) -> bool:
    """A national procedure code: digits and dots, optionally a province suffix."""
    if not CODE_RE.match(value or ""):
        raise InvalidProcedureCode(value)
    return True


class IRequiredDocument(model.Schema):
    """One row of the checklist of documents (thành phần hồ sơ)."""

    name = schema.TextLine(
        title=_("label_document_name", default="Tên giấy tờ"),
        required=True,
    )
    originals = number(
        _("label_document_originals", default="Bản chính"), default=1, minimum=0
    )
    copies = number(_("label_document_copies", default="Bản sao"), default=0, minimum=0)
    note = optional_line(_("label_document_note", default="Ghi chú"), missing_value="")
    template_url = optional_line(
        _("label_document_template", default="Mẫu đơn, tờ khai (liên kết)"),
        description=_(
            "help_document_template",
            default="Đường dẫn tải mẫu: địa chỉ http(s) hoặc đường dẫn trong trang.",
        ),
        missing_value="",
    )
    mandatory = schema.Bool(
        title=_("label_document_mandatory", default="Bắt buộc"),
        description=_(
            "help_document_mandatory",
            default="Bỏ chọn nếu chỉ nộp trong một số trường hợp (nếu có).",
        ),
        required=False,
        default=True,
    )
    online = schema.Bool(
        title=_("label_document_online", default="Nộp trực tuyến"),
        description=_(
            "help_document_online",
            default="Bỏ chọn nếu giấy tờ chỉ xuất trình tại quầy, không tải lên.",
        ),
        required=False,
        default=True,
    )


class IProcedure(model.Schema):
    """Thủ tục hành chính."""

    code = schema.TextLine(
        title=_("label_procedure_code", default="Mã thủ tục"),
        description=_(
            "help_procedure_code",
            default="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ "
            "1.001193.",
        ),
        required=True,
        constraint=validate_code,
    )

    field = schema.Choice(
        title=_("label_procedure_field", default="Nhóm lĩnh vực"),
        vocabulary="luanthanh.policy.fields",
        required=True,
    )

    national_field = schema.Choice(
        title=_(
            "label_procedure_national_field", default="Lĩnh vực (danh mục quốc gia)"
        ),
        description=_(
            "help_procedure_national_field",
            default="Lĩnh vực của thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục "
            "hành chính, ví dụ Hộ tịch, Chứng thực.",
        ),
        vocabulary="luanthanh.policy.national_fields",
        required=False,
    )

    processing_days = number(
        _("label_processing_days", default="Thời hạn giải quyết (ngày làm việc)"),
        0,
        minimum=0,
        description=_(
            "help_processing_days",
            default="Số ngày làm việc; 0 là giải quyết trong ngày.",
        ),
    )

    same_day_cutoff = schema.Time(
        title=_("label_same_day_cutoff", default="Giờ tiếp nhận để trả trong ngày"),
        description=_(
            "help_same_day_cutoff",
            default="Chỉ dùng khi thời hạn là 0: hồ sơ nhận sau giờ này được trả "
            "vào ngày làm việc tiếp theo.",
        ),
        required=False,
        default=time(15, 0),
    )

    processing_note = optional_text(
        _("label_processing_note", default="Ghi chú về thời hạn")
    )

    online_level = schema.Choice(
        title=_("label_online_level", default="Mức độ trực tuyến"),
        vocabulary="luanthanh.policy.online_levels",
        required=True,
        default="none",
    )

    directives.widget("channels", CheckBoxFieldWidget)
    channels = schema.Set(
        title=_("label_channels", default="Cách thức nộp hồ sơ"),
        value_type=schema.Choice(vocabulary="luanthanh.policy.channels"),
        required=False,
        default={"direct"},
    )

    fee = number(
        _("label_fee", default="Phí, lệ phí (đồng)"),
        0,
        minimum=0,
        description=_("help_fee", default="0 là không thu phí, lệ phí."),
    )
    fee_note = optional_line(_("label_fee_note", default="Ghi chú về phí, lệ phí"))
    implementing_agency = optional_line(
        _("label_implementing_agency", default="Cơ quan thực hiện"),
        default="Ủy ban nhân dân xã Luận Thành",
    )

    directives.widget("audience", CheckBoxFieldWidget)
    audience = schema.Set(
        title=_("label_audience", default="Đối tượng thực hiện"),
        value_type=schema.Choice(vocabulary="luanthanh.policy.audiences"),
        required=False,
        default={"citizen"},
    )

    directives.widget("required_documents", DataGridFieldWidgetFactory)
    required_documents = schema.List(
        title=_("label_required_documents", default="Thành phần hồ sơ"),
        value_type=DictRow(
            title=_("label_required_document", default="Giấy tờ"),
            schema=IRequiredDocument,
        ),
        required=False,
        default=[],
    )

    steps = RichText(
        title=_("label_steps", default="Trình tự thực hiện"),
        required=False,
    )

    conditions = RichText(
        title=_("label_conditions", default="Yêu cầu, điều kiện"),
        required=False,
    )

    result = optional_text(_("label_result", default="Kết quả thực hiện"))
    legal_basis = lines(
        _("label_legal_basis", default="Căn cứ pháp lý"),
        default=[],
        description=_("help_legal_basis", default="Mỗi dòng một văn bản."),
    )

    directives.widget(
        "form",
        pattern_options={"selectableTypes": ["EasyForm"]},
    )
    form = RelationChoice(
        title=_("label_procedure_form", default="Biểu mẫu nộp hồ sơ trực tuyến"),
        source=CatalogSource(portal_type="EasyForm"),
        required=False,
    )

    directives.widget("interlinked", pattern_options=PICK_PROCEDURES)
    interlinked = procedures(_("label_interlinked", default="Thủ tục liên thông"))

    @invariant
    def code_is_unique(data):
        """No two procedures of the site share a national code."""
        try:
            code = data.code
        except AttributeError:
            return
        if not code:
            return
        context = getattr(data, "__context__", None)
        own_uid = IUUID(context, None) if IProcedure.providedBy(context) else None
        if find_by_code(code, exclude_uid=own_uid):
            raise Invalid(
                _(
                    "error_procedure_code_taken",
                    default="Mã thủ tục ${code} đã được dùng cho một thủ tục khác.",
                    mapping={"code": code},
                )
            )

    model.fieldset(
        "time_fee",
        label=_("fieldset_time_fee", default="Thời hạn và phí"),
        fields=[
            "processing_days",
            "same_day_cutoff",
            "processing_note",
            "fee",
            "fee_note",
        ],
    )
    model.fieldset(
        "documents",
        label=_("fieldset_documents", default="Hồ sơ và trình tự"),
        fields=["required_documents", "steps", "conditions", "result", "legal_basis"],
    )
    model.fieldset(
        "links",
        label=_("fieldset_links", default="Liên kết"),
        fields=["form", "interlinked"],
    )


def find_by_code(code: str, exclude_uid: str | None = None) -> list:
    """Catalog brains of the procedures with this national code."""
    brains = api.content.find(
        portal_type="Procedure", procedure_code=code, unrestricted=True
    )
    return [b for b in brains if exclude_uid != b.UID]


def checklist(procedure) -> list[dict]:
    """The documents to submit (thành phần hồ sơ), numbered from 1, with the
    empty cells of the grid filled in and the flags ``mandatory`` and
    ``online`` (:func:`luanthanh.policy.content.documents.flags`); none
    without a procedure."""
    rows = getattr(procedure, "required_documents", None) or ()
    return [
        {
            "number": number,
            "name": row.get("name") or "",
            "originals": row.get("originals") or 0,
            "copies": row.get("copies") or 0,
            "note": row.get("note") or "",
            "template_url": (row.get("template_url") or "").strip(),
            **flags(row),
        }
        for number, row in enumerate(rows, start=1)
    ]


@implementer(IProcedure)
class Procedure(Container):
    """A procedure; it may hold the File items of its templates (biểu mẫu)."""


class IProcedureFolder(model.Schema):
    """Danh mục thủ tục hành chính."""


@implementer(IProcedureFolder)
class ProcedureFolder(Container):
    """The catalogue: holds only Procedures."""


__all__ = [
    "IProcedure",
    "IProcedureFolder",
    "IRequiredDocument",
    "Procedure",
    "ProcedureFolder",
]
