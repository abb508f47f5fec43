"""Demo content of the public site: 15 directive documents with their PDF,
notices and the center's pages.  Every item says it is sample data; running
the demo profile again adds only what is missing.

The numbers, dates and signers of the documents are plausible but invented.
"""

from DateTime import DateTime
from datetime import date
from luanthanh.policy.config import logger
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.setuphandlers.pdf import make_pdf
from luanthanh.policy.vocabularies import DOCUMENT_TYPES
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.namedfile.file import NamedBlobFile
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified


DEMO_MARK = "Dữ liệu mẫu (sample data)"
UBND = "Ủy ban nhân dân xã Luận Thành"
CHU_TICH = "Chủ tịch Ủy ban nhân dân xã"
PHO_CHU_TICH = "Phó Chủ tịch Ủy ban nhân dân xã"
GIAM_DOC = "Giám đốc Trung tâm Phục vụ hành chính công xã"

HO_TICH = ["1.001193", "1.000656", "1.000894", "1.004873", "2.000635"]
KINH_TE = ["1.001612", "2.000720", "1.001570", "1.001266", "2.000575"]
XA_HOI = ["1.001731", "1.001776", "1.001699", "1.001653"]

# number, type, issued, effective, signer, trích yếu, related procedure codes
DOCUMENTS = (
    (
        "01/QĐ-UBND",
        "quyet-dinh",
        date(2025, 7, 1),
        date(2025, 7, 1),
        CHU_TICH,
        "Về việc thành lập Trung tâm Phục vụ hành chính công xã Luận Thành",
        [],
    ),
    (
        "02/QĐ-UBND",
        "quyet-dinh",
        date(2025, 7, 1),
        date(2025, 7, 1),
        CHU_TICH,
        "Về việc ban hành Quy chế tổ chức và hoạt động của Trung tâm Phục vụ "
        "hành chính công xã Luận Thành",
        [],
    ),
    (
        "05/KH-UBND",
        "ke-hoach",
        date(2025, 7, 3),
        None,
        CHU_TICH,
        "Triển khai thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
        "thủ tục hành chính trên địa bàn xã năm 2025",
        [],
    ),
    (
        "08/QĐ-UBND",
        "quyet-dinh",
        date(2025, 7, 7),
        date(2025, 7, 7),
        CHU_TICH,
        "Về việc công bố danh mục thủ tục hành chính tiếp nhận và trả kết quả "
        "tại Trung tâm Phục vụ hành chính công xã",
        HO_TICH + KINH_TE + XA_HOI,
    ),
    (
        "10/QĐ-UBND",
        "quyet-dinh",
        date(2025, 7, 10),
        date(2025, 7, 10),
        CHU_TICH,
        "Về việc phân công công chức làm việc tại Bộ phận tiếp nhận và trả kết "
        "quả của Trung tâm",
        [],
    ),
    (
        "12/TB-UBND",
        "thong-bao",
        date(2025, 7, 15),
        None,
        PHO_CHU_TICH,
        "Thời gian làm việc, tiếp nhận và trả kết quả hồ sơ của Trung tâm Phục "
        "vụ hành chính công xã",
        [],
    ),
    (
        "15/QĐ-UBND",
        "quyet-dinh",
        date(2025, 7, 21),
        date(2025, 8, 1),
        CHU_TICH,
        "Về việc phê duyệt quy trình nội bộ giải quyết thủ tục hành chính lĩnh "
        "vực hộ tịch",
        HO_TICH,
    ),
    (
        "20/UBND-VP",
        "cong-van",
        date(2025, 8, 4),
        None,
        PHO_CHU_TICH,
        "Về việc đẩy mạnh tiếp nhận hồ sơ trực tuyến và thanh toán phí, lệ phí "
        "không dùng tiền mặt",
        ["1.001193", "1.004873", "1.001612"],
    ),
    (
        "03/CT-UBND",
        "chi-thi",
        date(2025, 8, 15),
        date(2025, 8, 15),
        CHU_TICH,
        "Về tăng cường kỷ luật, kỷ cương hành chính, nâng cao chất lượng phục "
        "vụ người dân, doanh nghiệp",
        [],
    ),
    (
        "01/QC-UBND",
        "quy-che",
        date(2025, 9, 1),
        date(2025, 9, 1),
        CHU_TICH,
        "Quy chế phối hợp giữa Trung tâm Phục vụ hành chính công và các phòng "
        "chuyên môn trong giải quyết thủ tục hành chính",
        [],
    ),
    (
        "30/KH-UBND",
        "ke-hoach",
        date(2025, 9, 10),
        None,
        PHO_CHU_TICH,
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính giai đoạn 2025 – 2026",
        [],
    ),
    (
        "35/BC-UBND",
        "bao-cao",
        date(2025, 10, 5),
        None,
        PHO_CHU_TICH,
        "Kết quả giải quyết thủ tục hành chính quý III năm 2025",
        [],
    ),
    (
        "40/QĐ-UBND",
        "quyet-dinh",
        date(2025, 10, 20),
        date(2025, 11, 1),
        CHU_TICH,
        "Về việc phê duyệt quy trình nội bộ giải quyết thủ tục hành chính lĩnh "
        "vực thành lập và hoạt động của hộ kinh doanh",
        KINH_TE,
    ),
    (
        "45/TB-TTPVHCC",
        "thong-bao",
        date(2025, 11, 14),
        None,
        GIAM_DOC,
        "Về việc lấy ý kiến đánh giá sự hài lòng của người dân, doanh nghiệp "
        "đối với việc giải quyết thủ tục hành chính",
        [],
    ),
    (
        "52/BC-UBND",
        "bao-cao",
        date(2025, 12, 22),
        None,
        CHU_TICH,
        "Sơ kết 6 tháng hoạt động của Trung tâm Phục vụ hành chính công xã",
        [],
    ),
)


NOTICES = (
    (
        "lich-tiep-nhan-ho-so-dip-tet",
        "Lịch tiếp nhận hồ sơ dịp Tết Nguyên đán",
        "Trung tâm nghỉ theo lịch nghỉ Tết của cơ quan nhà nước; hồ sơ trực tuyến "
        "vẫn được tiếp nhận và xử lý từ ngày làm việc đầu tiên sau Tết.",
    ),
    (
        "huong-dan-nop-ho-so-truc-tuyen",
        "Hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công",
        "Người dân có thể nộp hồ sơ khai sinh, khai tử, xác nhận tình trạng hôn "
        "nhân và nhiều thủ tục khác mà không cần đến Trung tâm.",
    ),
    (
        "thanh-toan-khong-dung-tien-mat",
        "Trung tâm nhận thanh toán phí, lệ phí không dùng tiền mặt",
        "Phí, lệ phí được nộp bằng chuyển khoản hoặc mã QR ngay tại quầy; Trung "
        "tâm không thu tiền mặt.",
    ),
    (
        "lay-y-kien-danh-gia-hai-long",
        "Mời người dân đánh giá mức độ hài lòng",
        "Sau khi nhận kết quả, ông/bà có thể đánh giá chất lượng phục vụ tại "
        "quầy hoặc trên trang tra cứu hồ sơ.",
    ),
)


def _html(*paragraphs: str) -> str:
    return "".join(paragraphs)


def _rich(html: str) -> RichTextValue:
    """A new value for each object: a RichTextValue holds a persistent part
    and must never be shared between objects or databases."""
    return RichTextValue(html, "text/html", "text/x-html-safe")


ABOUT_PAGES = (
    (
        "linh-vuc-va-can-bo",
        "Các lĩnh vực và cán bộ phụ trách",
        "Ba nhóm lĩnh vực thủ tục hành chính được tiếp nhận tại Trung tâm.",
        _html(
            "<p>Trung tâm tiếp nhận hồ sơ của ba nhóm lĩnh vực. Mỗi lĩnh vực có "
            "công chức chuyên môn của Ủy ban nhân dân xã được cử đến làm việc tại "
            "Bộ phận tiếp nhận và trả kết quả, theo quyết định phân công của Chủ "
            "tịch Ủy ban nhân dân xã.</p>",
            "<h2>Tư pháp – Hộ tịch</h2>",
            "<p>Khai sinh, khai tử, kết hôn, xác nhận tình trạng hôn nhân, nhận "
            "cha, mẹ, con, cải chính hộ tịch, trích lục hộ tịch, chứng thực bản "
            "sao và chữ ký. Phụ trách: công chức Tư pháp – Hộ tịch.</p>",
            "<h2>Văn hóa – Xã hội</h2>",
            "<p>Trợ cấp xã hội hằng tháng, hỗ trợ mai táng phí, xác định mức độ "
            "khuyết tật, thông báo tổ chức lễ hội. Phụ trách: công chức Văn hóa "
            "– Xã hội.</p>",
            "<h2>Kinh tế</h2>",
            "<p>Đăng ký, thay đổi, tạm ngừng và chấm dứt hoạt động hộ kinh doanh. "
            "Phụ trách: công chức Kinh tế.</p>",
            "<p>Lãnh đạo Ủy ban nhân dân xã phê duyệt kết quả theo thẩm quyền; "
            "Giám đốc Trung tâm điều hành hoạt động hằng ngày.</p>",
            f"<p><em>{DEMO_MARK}</em></p>",
        ),
    ),
    (
        "cac-khu-vuc-phuc-vu",
        "Năm khu vực phục vụ",
        "Trung tâm được bố trí thành năm khu vực để người dân được phục vụ "
        "thuận tiện nhất.",
        _html(
            "<ol>",
            "<li><strong>Khu vực chờ</strong>: ghế ngồi, nước uống, máy lấy số thứ "
            "tự; người dân chờ đến lượt theo số trên màn hình.</li>",
            "<li><strong>Khu vực tiếp nhận và trả kết quả</strong>: các quầy của "
            "Bộ phận Một cửa theo từng lĩnh vực, nơi kiểm tra, nhận hồ sơ và trả "
            "kết quả.</li>",
            "<li><strong>Khu vực hỗ trợ số hóa</strong>: máy scan, máy tính và "
            "cán bộ hướng dẫn người dân tự số hóa giấy tờ, nộp hồ sơ trực "
            "tuyến.</li>",
            "<li><strong>Khu vực tra cứu thủ tục</strong>: màn hình cảm ứng để tra "
            "cứu thủ tục, thành phần hồ sơ, phí, lệ phí và in danh mục giấy "
            "tờ.</li>",
            "<li><strong>Khu vực ưu tiên</strong>: dành cho người cao tuổi, người "
            "khuyết tật, phụ nữ mang thai và người có con nhỏ.</li>",
            "</ol>",
            f"<p><em>{DEMO_MARK}</em></p>",
        ),
    ),
    (
        "nguyen-tac-3-khong",
        "Nguyên tắc “3 không”",
        "Không khoảng cách, không giấy tờ thừa, không dùng tiền mặt.",
        _html(
            "<p>Trung tâm phục vụ người dân, doanh nghiệp theo tiêu chí “3 không”:</p>",
            "<ul>",
            "<li><strong>Không khoảng cách</strong>: hồ sơ được nộp trực tuyến, "
            "qua bưu chính hoặc tại bất kỳ quầy nào; người dân không phải đi lại "
            "nhiều lần.</li>",
            "<li><strong>Không giấy tờ thừa</strong>: chỉ yêu cầu đúng thành phần "
            "hồ sơ đã công bố; thông tin đã có trong cơ sở dữ liệu quốc gia thì "
            "không yêu cầu nộp lại.</li>",
            "<li><strong>Không dùng tiền mặt</strong>: phí, lệ phí được nộp bằng "
            "chuyển khoản hoặc mã QR.</li>",
            "</ul>",
            "<p>Từ ngày 01/7/2025, chính quyền địa phương tổ chức theo mô hình hai "
            "cấp (tỉnh và xã); Ủy ban nhân dân xã giải quyết phần lớn thủ tục "
            "hành chính gần dân nhất, qua Trung tâm.</p>",
            f"<p><em>{DEMO_MARK}</em></p>",
        ),
    ),
)


def _type_title(token: str) -> str:
    return dict(DOCUMENT_TYPES)[token].default


def document_id(number: str) -> str:
    """``15/QĐ-UBND`` → ``15-qd-ubnd``."""
    return queryUtility(IIDNormalizer).normalize(number.replace("/", "-"))


def demo_documents(portal) -> list:
    section = portal.get("van-ban")
    if section is None or section.portal_type != "LegalDocumentFolder":
        return []
    intids = getUtility(IIntIds)
    created = []
    for number, kind, issued, effective, signer, summary, codes in DOCUMENTS:
        doc_id = document_id(number)
        if doc_id in section.objectIds():
            continue
        type_title = _type_title(kind)
        title = f"{type_title} {summary[0].lower()}{summary[1:]}"
        if summary.startswith(type_title):
            title = summary
        pdf = make_pdf(
            [
                f"{UBND.upper()}",
                f"So: {number}",
                f"Ngay ban hanh: {issued:%d/%m/%Y}",
                "",
                type_title.upper(),
                summary,
                "",
                "DU LIEU MAU - SAMPLE DATA. Van ban nay chi dung de trinh dien.",
                "",
                signer,
            ]
        )
        document = api.content.create(
            container=section,
            type="LegalDocument",
            id=doc_id,
            title=title,
            description=DEMO_MARK,
            language="vi",
            document_number=number,
            document_type=kind,
            issued_date=issued,
            effective_from=effective,
            issuer=UBND,
            signer=signer,
            summary=summary,
            file=NamedBlobFile(
                pdf, contentType="application/pdf", filename=f"{doc_id}.pdf"
            ),
        )
        relations = []
        for code in codes:
            brains = find_by_code(code)
            if brains:
                relations.append(RelationValue(intids.getId(brains[0].getObject())))
        if relations:
            document.related_procedures = relations
            modified(document)
        api.content.transition(obj=document, to_state="published")
        created.append(document)
    logger.info("Demo: %d documents created", len(created))
    return created


def demo_more_notices(portal) -> None:
    notices = portal.get("thong-bao")
    if notices is None:
        return
    for notice_id, title, description in NOTICES:
        if notice_id in notices.objectIds():
            continue
        item = api.content.create(
            container=notices,
            type="News Item",
            id=notice_id,
            title=title,
            description=f"{description} [{DEMO_MARK}]",
            text=_rich(f"<p>{description}</p><p><em>{DEMO_MARK}</em></p>"),
            language="vi",
        )
        api.content.transition(obj=item, to_state="published")
        item.setEffectiveDate(DateTime())
        item.reindexObject()


def demo_about_pages(portal) -> None:
    about = portal.get("gioi-thieu")
    if about is None:
        return
    for page_id, title, description, text in ABOUT_PAGES:
        if page_id in about.objectIds():
            continue
        page = api.content.create(
            container=about,
            type="Document",
            id=page_id,
            title=title,
            description=description,
            text=_rich(text),
            language="vi",
        )
        api.content.transition(obj=page, to_state="published")
