"""The settings of the "Tạo hồ sơ" action of collective.easyform.

easyform keeps a form's actions as a supermodel XML string
(``actions_model``): every setting below is written to and read from that
XML by plone.supermodel's ``BaseHandler``, so they are plain text lines and
booleans.  The procedure is named by its national code, which survives
export, import and copying a form to another site.
"""

from collective.easyform.interfaces import IAction
from collective.easyform.interfaces import IEasyFormLayer
from luanthanh.policy.content.procedure import validate_code
from luanthanh.policy.fields import switch
from luanthanh.policy.i18n import _
from zope import schema


FIELD_ID_HELP = _(
    "help_create_dossier_field_id",
    default="Mã (short name) của trường trên biểu mẫu; để trống nếu biểu mẫu "
    "không hỏi thông tin này.",
)


def _form_field(title, default, description=FIELD_ID_HELP, required=False):
    """The short name of a field of the form that holds one applicant's detail."""
    return schema.TextLine(
        title=title, description=description, default=default, required=required
    )


class ICreateDossier(IAction):
    """Tạo một hồ sơ trong Sổ theo dõi hồ sơ từ mỗi lần gửi biểu mẫu."""

    procedure_code = schema.TextLine(
        title=_("label_create_dossier_procedure", default="Mã thủ tục hành chính"),
        description=_(
            "help_create_dossier_procedure",
            default="Mã của thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193. "
            "Hồ sơ được tạo cho thủ tục có mã này; thủ tục phải cho phép nộp "
            "trực tuyến (toàn trình hoặc một phần).",
        ),
        required=True,
        constraint=validate_code,
    )

    name_field = _form_field(
        _("label_create_dossier_name_field", default="Trường họ và tên"),
        "ho_ten",
        _(
            "help_create_dossier_name_field",
            default="Mã của trường trên biểu mẫu chứa họ và tên người nộp.",
        ),
        required=True,
    )
    id_number_field = _form_field(
        _(
            "label_create_dossier_id_number_field",
            default="Trường số định danh cá nhân",
        ),
        "so_cccd",
    )
    phone_field = _form_field(
        _("label_create_dossier_phone_field", default="Trường số điện thoại"),
        "so_dien_thoai",
        _(
            "help_create_dossier_phone_field",
            default="Mã của trường trên biểu mẫu chứa số điện thoại người nộp "
            "(bắt buộc đối với mọi hồ sơ).",
        ),
        required=True,
    )
    email_field = _form_field(
        _("label_create_dossier_email_field", default="Trường thư điện tử"),
        "email",
    )
    address_field = _form_field(
        _("label_create_dossier_address_field", default="Trường địa chỉ"),
        "dia_chi",
    )
    consent_field = _form_field(
        _(
            "label_create_dossier_consent_field",
            default="Trường đồng ý xử lý dữ liệu cá nhân",
        ),
        "dong_y",
        _(
            "help_create_dossier_consent_field",
            default="Mã của ô đánh dấu đồng ý (kiểu Có/Không) trên biểu mẫu. Nhãn "
            "và mô tả của ô được lưu vào hồ sơ cùng thời điểm đồng ý (Luật Bảo "
            "vệ dữ liệu cá nhân số 91/2025/QH15). Không nhận hồ sơ khi chưa "
            "đánh dấu.",
        ),
        required=True,
    )
    delivery_field = _form_field(
        _(
            "label_create_dossier_delivery_field",
            default="Trường đăng ký nhận kết quả",
        ),
        "nhan_ket_qua",
        _(
            "help_create_dossier_delivery_field",
            default="Mã của câu hỏi “Đăng ký nhận kết quả tại” (lựa chọn center, "
            "post hoặc online). Biểu mẫu không hỏi: nhận tại Trung tâm.",
        ),
    )
    delivery_address_field = _form_field(
        _(
            "label_create_dossier_delivery_address_field",
            default="Trường địa chỉ nhận kết quả qua bưu chính",
        ),
        "dia_chi_nhan_ket_qua",
    )
    send_confirmation = switch(
        _(
            "label_create_dossier_send_confirmation",
            default="Gửi thư xác nhận cho người nộp",
        ),
        description=_(
            "help_create_dossier_send_confirmation",
            default="Khi người nộp cho biết thư điện tử: gửi mã hồ sơ, thời hạn "
            "giải quyết và đường dẫn tra cứu.",
        ),
        default=True,
    )


class IEasyFormPolicyLayer(IEasyFormLayer):
    """Our easyform views and REST adapters, ahead of easyform's own.

    A request has both layers; this one extends easyform's, so a view or
    adapter registered for it wins over easyform's registration for
    ``IEasyFormLayer`` (or for any request).
    """
