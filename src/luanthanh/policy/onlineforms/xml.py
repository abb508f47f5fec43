"""Supermodel XML builders of the online forms (EasyForm).

easyform keeps the fields and the actions as supermodel XML
(``fields_model``, ``actions_model``): the generated forms
(:mod:`.generate`) and the hand-made demo forms
(:mod:`luanthanh.policy.setuphandlers.demo_forms`) are written with these.
"""

from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr


SECTION = "nop-ho-so"
SECTION_LAYOUT = "nop-ho-so"

NAMESPACES = (
    'xmlns="http://namespaces.plone.org/supermodel/schema" '
    'xmlns:easyform="http://namespaces.plone.org/supermodel/easyform" '
    'xmlns:form="http://namespaces.plone.org/supermodel/form"'
)
RADIO = "z3c.form.browser.radio.RadioFieldWidget"
FILE = "plone.namedfile.field.NamedBlobFile"

CONSENT_TITLE = "Tôi đồng ý cho xử lý dữ liệu cá nhân (bắt buộc)"
CONSENT_TEXT = (
    "Tôi đồng ý để Ủy ban nhân dân xã Luận Thành (Trung tâm Phục vụ hành chính "
    "công xã) thu thập và xử lý các dữ liệu cá nhân tôi khai trên biểu mẫu này "
    "và trong các giấy tờ đính kèm, gồm cả số định danh cá nhân, chỉ nhằm tiếp "
    "nhận, giải quyết thủ tục hành chính, liên hệ với tôi và trả kết quả, theo "
    "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15. Dữ liệu được lưu theo thời "
    "hạn lưu trữ hồ sơ thủ tục hành chính và chỉ cung cấp cho cơ quan có thẩm "
    "quyền theo quy định của pháp luật. Tôi có quyền được biết, xem, yêu cầu "
    "chỉnh sửa dữ liệu và rút lại sự đồng ý bằng cách liên hệ Trung tâm; việc "
    "rút lại không ảnh hưởng đến việc xử lý đã thực hiện trước đó."
)
FILE_HELP = "Tệp PDF, ảnh JPEG/PNG hoặc văn bản Word (DOCX), tối đa 10 MB mỗi tệp."


# XML builders ----------------------------------------------------------------


def field(
    name: str,
    type_: str,
    title: str,
    description: str = "",
    required: bool = True,
    validators: tuple[str, ...] = (),
    widget: str = "",
    values: tuple[str, ...] = (),
    default: str | None = None,
) -> str:
    """One ``<field>`` of an easyform fields model."""
    attributes = f"name={quoteattr(name)} type={quoteattr(type_)}"
    if validators:
        attributes += f" easyform:validators={quoteattr('|'.join(validators))}"
    if widget:
        attributes += f" form:widget={quoteattr(widget)}"
    parts = [f"<title>{escape(title)}</title>"]
    if description:
        parts.append(f"<description>{escape(description)}</description>")
    parts.append(f"<required>{required}</required>")
    if default is not None:
        parts.append(f"<default>{escape(default)}</default>")
    if values:
        elements = "".join(f"<element>{escape(v)}</element>" for v in values)
        parts.append(f"<values>{elements}</values>")
    return f"<field {attributes}>{''.join(parts)}</field>"


def fieldset(name: str, label: str, *fields: str) -> str:
    """A ``<fieldset>`` holding ``fields``."""
    return (
        f"<fieldset name={quoteattr(name)} label={quoteattr(label)}>"
        f"{''.join(fields)}</fieldset>"
    )


def model(*parts: str) -> str:
    """A whole supermodel document whose schema holds ``parts``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<model {NAMESPACES}><schema>{''.join(parts)}</schema></model>"
    )


def create_dossier_action(procedure_code: str) -> str:
    """The actions model: only "Tạo hồ sơ", with the default field mapping."""
    return model(
        '<field name="tao_ho_so" type="luanthanh.policy.actions.CreateDossier">'
        "<title>Tạo hồ sơ</title>"
        f"<procedure_code>{escape(procedure_code)}</procedure_code>"
        "<name_field>ho_ten</name_field>"
        "<id_number_field>so_cccd</id_number_field>"
        "<phone_field>so_dien_thoai</phone_field>"
        "<email_field>email</email_field>"
        "<address_field>dia_chi</address_field>"
        "<consent_field>dong_y</consent_field>"
        f"<delivery_field>{DELIVERY_FIELD}</delivery_field>"
        f"<delivery_address_field>{DELIVERY_ADDRESS_FIELD}</delivery_address_field>"
        "<send_confirmation>True</send_confirmation>"
        "</field>"
    )


def applicant_fields(who: str = "người yêu cầu") -> str:
    """The applicant, in the default fieldset (mapped by the action)."""
    return "".join(
        (
            field("ho_ten", "zope.schema.TextLine", f"Họ, chữ đệm và tên {who}"),
            field(
                "so_cccd",
                "zope.schema.TextLine",
                "Số định danh cá nhân",
                "12 chữ số in trên thẻ căn cước.",
                validators=("luanthanh.isCCCD",),
            ),
            field(
                "so_dien_thoai",
                "zope.schema.TextLine",
                "Số điện thoại",
                "Số di động hoặc số cố định có mã vùng, để cán bộ liên hệ khi cần.",
                validators=("luanthanh.isPhone",),
            ),
            field(
                "email",
                "zope.schema.TextLine",
                "Thư điện tử",
                "Không bắt buộc; nếu có, ông/bà nhận thư xác nhận kèm mã hồ sơ.",
                required=False,
                validators=("luanthanh.isEmail",),
            ),
            field("dia_chi", "zope.schema.Text", "Nơi cư trú (địa chỉ liên hệ)"),
        )
    )


#: The question "Đăng ký nhận kết quả tại" (mẫu 01, item 6): its fieldset,
#: its fields (the ids the action "Tạo hồ sơ" reads by default) and choices
#: (the tokens of ``luanthanh.policy.result_delivery``, their titles).
DELIVERY_FIELDSET = "nhan_ket_qua"
DELIVERY_FIELD = "nhan_ket_qua"
DELIVERY_ADDRESS_FIELD = "dia_chi_nhan_ket_qua"
DELIVERY_CHOICES = (
    ("center", "Tại Trung tâm Phục vụ hành chính công"),
    ("post", "Qua dịch vụ bưu chính công ích (gửi đến địa chỉ ghi dưới đây)"),
    ("online", "Trực tuyến: bản điện tử của kết quả gửi đến thư điện tử đã khai"),
)


def delivery_fieldset() -> str:
    """The fieldset "Nhận kết quả": the channel (radio, the center by default)
    and the postal address (the action requires it for post)."""
    elements = "".join(
        f"<element key={quoteattr(key)}>{escape(title)}</element>"
        for key, title in DELIVERY_CHOICES
    )
    choice = (
        f'<field name={quoteattr(DELIVERY_FIELD)} type="zope.schema.Choice" '
        f"form:widget={quoteattr(RADIO)}>"
        "<title>Đăng ký nhận kết quả tại</title>"
        "<required>True</required><default>center</default>"
        f"<values>{elements}</values></field>"
    )
    address = field(
        DELIVERY_ADDRESS_FIELD,
        "zope.schema.Text",
        "Địa chỉ nhận kết quả qua bưu chính",
        "Bắt buộc khi nhận kết quả qua dịch vụ bưu chính công ích: số nhà, "
        "thôn (xóm), xã, tỉnh.",
        required=False,
    )
    return fieldset(DELIVERY_FIELDSET, "Nhận kết quả", choice, address)


def consent_fieldset(*extra: str) -> str:
    """The fieldset "Cam kết và đồng ý": ``extra`` then the consent box."""
    return fieldset(
        "cam_ket",
        "Cam kết và đồng ý",
        *extra,
        field(
            "dong_y",
            "zope.schema.Bool",
            CONSENT_TITLE,
            CONSENT_TEXT,
            required=False,  # the validator says why, beside the box
            validators=("luanthanh.isConsent",),
        ),
    )


def upload(
    name: str, title: str, required: bool = True, description: str = FILE_HELP
) -> str:
    """A file upload checked by our validator (type, size, content)."""
    return field(
        name,
        FILE,
        title,
        description,
        required=required,
        validators=("luanthanh.isAllowedFile",),
    )


COMMITMENT = field(
    "cam_doan",
    "zope.schema.Bool",
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách "
    "nhiệm trước pháp luật về lời cam đoan của mình.",
    required=False,
    validators=("luanthanh.isConsent",),
)
