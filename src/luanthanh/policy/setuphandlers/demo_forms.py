"""Demo online forms (EasyForm) in ``nop-ho-so``, one per sample procedure.

Each form is ready to use: Vietnamese fields with our validators (CCCD,
phone, e-mail, allowed files), the consent box worded for the Personal Data
Protection Law (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15), the action
"Tạo hồ sơ" set to the procedure's code, published and linked from the
procedure (``form``).  The honeypot and the signed stamp are added to every
form with that action by :mod:`luanthanh.policy.easyform.guard`.

easyform keeps the fields and the actions as supermodel XML
(``fields_model``, ``actions_model``): they are written here as XML.
Running the profile again creates only what is missing and never overwrites
a form an editor has changed.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.onlineforms.generate import configure_form
from luanthanh.policy.setuphandlers.demo_form_xml import applicant_fields
from luanthanh.policy.setuphandlers.demo_form_xml import COMMITMENT
from luanthanh.policy.setuphandlers.demo_form_xml import consent_fieldset
from luanthanh.policy.setuphandlers.demo_form_xml import create_dossier_action
from luanthanh.policy.setuphandlers.demo_form_xml import delivery_fieldset
from luanthanh.policy.setuphandlers.demo_form_xml import DEMO_MARK
from luanthanh.policy.setuphandlers.demo_form_xml import DemoForm
from luanthanh.policy.setuphandlers.demo_form_xml import field
from luanthanh.policy.setuphandlers.demo_form_xml import fieldset
from luanthanh.policy.setuphandlers.demo_form_xml import model
from luanthanh.policy.setuphandlers.demo_form_xml import RADIO
from luanthanh.policy.setuphandlers.demo_form_xml import SECTION
from luanthanh.policy.setuphandlers.demo_form_xml import SECTION_LAYOUT
from luanthanh.policy.setuphandlers.demo_form_xml import upload
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified


KHAI_SINH = DemoForm(
    id="dang-ky-khai-sinh",
    procedure_code="1.001193",
    title="Tờ khai đăng ký khai sinh trực tuyến",
    description="Nộp hồ sơ đăng ký khai sinh cho trẻ em: khai thông tin, đính "
    "kèm Giấy chứng sinh, nhận mã hồ sơ để tra cứu.",
    fields_model=model(
        applicant_fields(),
        field(
            "quan_he",
            "zope.schema.Choice",
            "Quan hệ với người được khai sinh",
            widget=RADIO,
            values=("Cha", "Mẹ", "Ông, bà", "Người thân thích khác"),
        ),
        fieldset(
            "nguoi_duoc_khai_sinh",
            "Người được khai sinh",
            field("ho_ten_tre", "zope.schema.TextLine", "Họ, chữ đệm và tên của trẻ"),
            field("ngay_sinh", "zope.schema.Date", "Ngày, tháng, năm sinh"),
            field(
                "gioi_tinh",
                "zope.schema.Choice",
                "Giới tính",
                widget=RADIO,
                values=("Nam", "Nữ"),
            ),
            field(
                "noi_sinh",
                "zope.schema.TextLine",
                "Nơi sinh",
                "Tên cơ sở y tế và xã, tỉnh; hoặc địa chỉ nơi sinh.",
            ),
            field("dan_toc", "zope.schema.TextLine", "Dân tộc", default="Kinh"),
            field("quoc_tich", "zope.schema.TextLine", "Quốc tịch", default="Việt Nam"),
        ),
        fieldset(
            "cha_me",
            "Cha, mẹ của trẻ",
            field("ho_ten_me", "zope.schema.TextLine", "Họ, chữ đệm và tên người mẹ"),
            field(
                "so_cccd_me",
                "zope.schema.TextLine",
                "Số định danh cá nhân của người mẹ",
                required=False,
                validators=("luanthanh.isCCCD",),
            ),
            field(
                "ho_ten_cha",
                "zope.schema.TextLine",
                "Họ, chữ đệm và tên người cha",
                "Để trống nếu chưa xác định được cha.",
                required=False,
            ),
            field(
                "so_cccd_cha",
                "zope.schema.TextLine",
                "Số định danh cá nhân của người cha",
                required=False,
                validators=("luanthanh.isCCCD",),
            ),
        ),
        fieldset(
            "giay_to",
            "Giấy tờ kèm theo",
            upload("giay_chung_sinh", "Giấy chứng sinh"),
            upload(
                "giay_ket_hon",
                "Giấy chứng nhận kết hôn của cha, mẹ (nếu có)",
                required=False,
            ),
            upload(
                "van_ban_uy_quyen",
                "Văn bản ủy quyền (khi nộp thay)",
                required=False,
            ),
        ),
        delivery_fieldset(),
        consent_fieldset(COMMITMENT),
    ),
)

HON_NHAN = DemoForm(
    id="xac-nhan-tinh-trang-hon-nhan",
    procedure_code="1.004873",
    title="Tờ khai cấp Giấy xác nhận tình trạng hôn nhân trực tuyến",
    description="Đề nghị cấp Giấy xác nhận tình trạng hôn nhân để kết hôn hoặc "
    "sử dụng vào mục đích khác.",
    fields_model=model(
        applicant_fields(),
        fieldset(
            "noi_dung",
            "Nội dung đề nghị",
            field("ngay_sinh", "zope.schema.Date", "Ngày, tháng, năm sinh"),
            field(
                "gioi_tinh",
                "zope.schema.Choice",
                "Giới tính",
                widget=RADIO,
                values=("Nam", "Nữ"),
            ),
            field(
                "tinh_trang_hon_nhan",
                "zope.schema.Choice",
                "Tình trạng hôn nhân hiện nay",
                values=(
                    "Chưa đăng ký kết hôn với ai",
                    "Đã đăng ký kết hôn, đã ly hôn",
                    "Đã đăng ký kết hôn, vợ hoặc chồng đã chết",
                    "Đang có vợ hoặc chồng",
                ),
            ),
            field(
                "muc_dich",
                "zope.schema.TextLine",
                "Mục đích sử dụng Giấy xác nhận",
                "Ví dụ: để đăng ký kết hôn với ông Trần Văn Bình tại UBND xã Luận "
                "Thành; hoặc để bổ sung hồ sơ vay vốn.",
            ),
            field(
                "noi_cu_tru_truoc",
                "zope.schema.Text",
                "Nơi cư trú trước đây",
                "Khai nếu đã thay đổi nơi thường trú từ khi đủ tuổi kết hôn.",
                required=False,
            ),
            field(
                "so_ban",
                "zope.schema.Int",
                "Số bản đề nghị cấp",
                default="1",
            ),
        ),
        fieldset(
            "giay_to",
            "Giấy tờ kèm theo",
            upload(
                "giay_to_ly_hon",
                "Giấy tờ chứng minh việc ly hôn hoặc vợ, chồng đã chết (nếu có)",
                required=False,
            ),
            upload(
                "giay_xac_nhan_cu",
                "Giấy xác nhận tình trạng hôn nhân đã cấp trước đây (nếu có)",
                required=False,
            ),
            upload(
                "van_ban_uy_quyen",
                "Văn bản ủy quyền (khi nộp thay)",
                required=False,
            ),
        ),
        delivery_fieldset(),
        consent_fieldset(COMMITMENT),
    ),
)

MAI_TANG = DemoForm(
    id="ho-tro-chi-phi-mai-tang",
    procedure_code="1.001731",
    title="Tờ khai đề nghị hỗ trợ chi phí mai táng trực tuyến",
    description="Dành cho cơ quan, tổ chức, hộ gia đình hoặc cá nhân đứng ra tổ "
    "chức mai táng đối tượng bảo trợ xã hội.",
    fields_model=model(
        applicant_fields("người đứng ra tổ chức mai táng"),
        field(
            "quan_he_nguoi_mat",
            "zope.schema.TextLine",
            "Quan hệ với người đã mất",
            "Ví dụ: con, vợ, cháu; hoặc tên cơ quan, tổ chức.",
        ),
        fieldset(
            "nguoi_da_mat",
            "Người đã mất",
            field("ho_ten_nguoi_mat", "zope.schema.TextLine", "Họ, chữ đệm và tên"),
            field(
                "so_cccd_nguoi_mat",
                "zope.schema.TextLine",
                "Số định danh cá nhân của người đã mất",
                required=False,
                validators=("luanthanh.isCCCD",),
            ),
            field("ngay_mat", "zope.schema.Date", "Ngày chết"),
            field(
                "doi_tuong",
                "zope.schema.Choice",
                "Người đã mất thuộc diện",
                values=(
                    "Đang hưởng trợ cấp xã hội hằng tháng",
                    "Con của hộ nghèo, hộ cận nghèo",
                    "Người từ đủ 80 tuổi không có lương hưu, trợ cấp bảo hiểm xã hội",
                    "Người thuộc hộ nghèo, hộ cận nghèo",
                    "Trường hợp khác theo Nghị định số 20/2021/NĐ-CP",
                ),
            ),
            field(
                "noi_cu_tru_nguoi_mat",
                "zope.schema.TextLine",
                "Nơi cư trú trước khi mất",
            ),
        ),
        fieldset(
            "nhan_tien",
            "Nhận tiền hỗ trợ",
            field(
                "hinh_thuc_nhan",
                "zope.schema.Choice",
                "Hình thức nhận",
                widget=RADIO,
                values=("Nhận tiền mặt tại xã", "Chuyển khoản"),
            ),
            field(
                "so_tai_khoan",
                "zope.schema.TextLine",
                "Số tài khoản và ngân hàng (khi chuyển khoản)",
                required=False,
            ),
        ),
        fieldset(
            "giay_to",
            "Giấy tờ kèm theo",
            upload(
                "to_khai",
                "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04, Nghị định số "
                "20/2021/NĐ-CP), đã ký",
            ),
            upload(
                "giay_bao_tu",
                "Giấy báo tử hoặc Trích lục khai tử (nếu chưa đăng ký khai tử "
                "liên thông)",
                required=False,
            ),
        ),
        delivery_fieldset(),
        consent_fieldset(COMMITMENT),
    ),
)

DEMO_FORMS = (KHAI_SINH, HON_NHAN, MAI_TANG)

PROLOGUE = (
    "<p>Các mục có dấu * là bắt buộc. Giấy tờ đính kèm: tệp PDF, ảnh JPEG/PNG "
    "hoặc văn bản Word (DOCX), tối đa 10 MB mỗi tệp và 30 MB mỗi hồ sơ. Sau khi "
    "gửi, ông/bà nhận được mã hồ sơ để tra cứu tình trạng giải quyết.</p>"
    f"<p><em>{DEMO_MARK}</em></p>"
)


# Set-up ----------------------------------------------------------------------


def demo_forms(portal) -> list:
    """Create the demo forms that are missing and link them to their procedures."""
    section = portal.get(SECTION)
    if section is None:
        return []
    if section.getLayout() != SECTION_LAYOUT:
        section.setLayout(SECTION_LAYOUT)
    created = []
    for spec in DEMO_FORMS:
        form = section.get(spec.id)
        if form is None:
            form = create_form(section, spec)
            created.append(form)
            logger.info("Demo: created %s", "/".join(form.getPhysicalPath()))
        link_procedure(spec.procedure_code, form)
    return created


def create_form(container, spec: DemoForm):
    form = api.content.create(
        container=container,
        type="EasyForm",
        id=spec.id,
        title=spec.title,
        description=spec.description,
        language="vi",
    )
    form.fields_model = spec.fields_model
    form.actions_model = create_dossier_action(spec.procedure_code)
    configure_form(form, PROLOGUE)
    form.reindexObject()
    api.content.transition(obj=form, to_state="published")
    return form


def link_procedure(code: str, form) -> None:
    """Link the procedure with ``code`` to ``form``, unless it has a form."""
    brains = find_by_code(code)
    if not brains:
        return
    procedure = brains[0].getObject()
    current = procedure.form
    if current is not None and not current.isBroken() and current.to_object:
        return
    procedure.form = RelationValue(getUtility(IIntIds).getId(form))
    modified(procedure)
