"""The declaration of an online dossier, read from its ``form_data``."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_form_procedures
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from Products.CMFCore.indexing import processQueue
from zope.component import getMultiAdapter

import pytest


def row(field, label, value, fieldset="", kind="text", applicant=False):
    return {
        "field": field,
        "label": label,
        "value": value,
        "fieldset": fieldset,
        "kind": kind,
        "applicant": applicant,
    }


DOCUMENTS = "Thành phần hồ sơ"
PLEDGE = "Cam kết và đồng ý"
#: A form generated from the catalogue: the applicant, one upload per
#: required document, the consent and the solemn declaration.
GENERATED = [
    row("ho_ten", "Họ và tên", "Trần Thị Bình", applicant=True),
    row("so_cccd", "Số CCCD", "038190004321", applicant=True),
    row("so_dien_thoai", "Số điện thoại", "0912 000 111", applicant=True),
    row("email", "Thư điện tử", "", applicant=True),
    row("dia_chi", "Địa chỉ", "Thôn Đông", applicant=True),
    row("giay_to_1", "Tờ khai", "to-khai.pdf", DOCUMENTS, "file"),
    row("giay_to_2", "Bản sao giấy tờ", "scan.pdf", DOCUMENTS, "file"),
    row("giay_to_3", "Giấy ủy quyền", "", DOCUMENTS, "file"),
    row("giay_to_4", "Ảnh", "scan.pdf", DOCUMENTS, "file"),
    row("cam_doan", "Tôi cam đoan…", "Có", PLEDGE, "consent"),
    row("dong_y", "Tôi đồng ý…", "Có", PLEDGE, "consent"),
]


@pytest.fixture
def generated(portal, procedure):
    dossier = make_dossier(portal, procedure, form_data=GENERATED)
    attach_file(dossier, "to-khai.pdf", "to-khai.pdf", b"%PDF-1.4 a")
    attach_file(dossier, "scan.pdf", "scan.pdf", b"%PDF-1.4 b")
    attach_file(dossier, "scan-2.pdf", "scan.pdf", b"%PDF-1.4 c")
    processQueue()
    return dossier


def test_generated_form(generated):
    with api.env.adopt_user(username="motcua"):  # the desk sees the files
        declared = dossier_api.declaration(generated)
    assert [s.title for s in declared.sections] == ["", DOCUMENTS, PLEDGE]
    applicant, documents, pledge = declared.sections
    assert [a.field for a in applicant.answers][:2] == ["ho_ten", "so_cccd"]
    assert all(a.applicant for a in applicant.answers)
    # Each upload with its own attachment, the same file name twice in order.
    files = {a.field: a.file for a in documents.answers}
    base = generated.absolute_url()
    assert files["giay_to_1"]["url"] == f"{base}/to-khai.pdf/@@download/file"
    assert files["giay_to_2"]["url"] == f"{base}/scan.pdf/@@download/file"
    assert files["giay_to_3"] is None
    assert files["giay_to_4"]["url"] == f"{base}/scan-2.pdf/@@download/file"
    assert files["giay_to_1"]["size"]
    assert declared.answered[f"{base}/scan-2.pdf/@@download/file"] == "Ảnh"
    # The consent boxes apart, once each.
    assert pledge.answers == []
    assert [a.field for a in pledge.consents] == ["cam_doan", "dong_y"]
    assert all(a.checked for a in pledge.consents)


def test_generated_form_has_no_main_facts(generated):
    """Only the applicant, the documents and the pledge: nothing to name."""
    assert dossier_api.main_facts(generated) is None


def test_counter_dossier(dossier):
    assert not dossier_api.declaration(dossier)
    assert dossier_api.main_facts(dossier) is None


def test_main_facts(portal, procedure):
    dossier = make_dossier(
        portal,
        procedure,
        form_data=[
            row("ho_ten", "Họ và tên", "Nguyễn Văn An", applicant=True),
            row("quan_he", "Quan hệ", "Cha", kind="choice"),
            row("ho_ten_tre", "Họ và tên trẻ", "Nguyễn Minh Khôi", "Trẻ"),
            row("khai_sinh_roi", "Đã khai sinh", "Không", "Trẻ", "bool"),
            row("ngay_sinh", "Ngày sinh", "20/11/2025", "Trẻ", "date"),
            row("ghi_chu", "Ghi chú", "", "Trẻ"),
            row("gioi_tinh", "Giới tính", "Nam", "Trẻ", "choice"),
            row("dan_toc", "Dân tộc", "Kinh", "Trẻ"),
            row("ho_ten_me", "Họ và tên mẹ", "Lê Thị Hoa", "Cha mẹ"),
        ],
    )
    facts = dossier_api.main_facts(dossier)
    assert facts.title == "Trẻ"
    assert [(a.label, a.value) for a in facts.answers] == [
        ("Họ và tên trẻ", "Nguyễn Minh Khôi"),
        ("Ngày sinh", "20/11/2025"),
        ("Giới tính", "Nam"),
    ]
    assert len(dossier_api.main_facts(dossier, limit=2).answers) == 2


def test_older_rows_take_the_current_form(portal, officials):
    """Rows written before the fieldsets were kept: from today's form; a field
    the form no longer has stays in the first group, by its label or id."""
    procedures = make_form_procedures(portal)
    with api.env.adopt_roles(["Manager"]):
        demo_forms(portal)
    dossier = make_dossier(
        portal,
        procedures["1.001193"],
        form_data=[
            {"field": "ho_ten", "label": "Họ tên", "value": "Nguyễn Văn An"},
            {"field": "ho_ten_tre", "label": "Tên trẻ", "value": "Khôi"},
            {"field": "ngay_sinh", "label": "", "value": "20/11/2025"},
            {"field": "giay_chung_sinh", "label": "GCS", "value": "gcs.pdf"},
            {"field": "da_xoa", "value": "x"},
            {"field": "dong_y", "label": "Đồng ý", "value": "Có"},
        ],
    )
    attach_file(dossier, "gcs.pdf", "gcs.pdf", b"%PDF-1.4 a")
    processQueue()
    with api.env.adopt_user(username="motcua"):  # the desk sees the files
        declared = dossier_api.declaration(dossier)
    titles = [s.title for s in declared.sections]
    assert titles == [
        "",
        "Người được khai sinh",
        "Giấy tờ kèm theo",
        "",
        "Cam kết và đồng ý",
    ]
    child = declared.sections[1].answers
    assert [(a.label, a.kind) for a in child] == [
        ("Tên trẻ", "text"),  # the label kept at submission wins
        ("Ngày, tháng, năm sinh", "date"),  # none kept: today's
    ]
    [upload] = declared.sections[2].answers
    assert upload.kind == "file" and upload.file["title"] == "gcs.pdf"
    [gone] = declared.sections[3].answers
    assert (gone.label, gone.value) == ("da_xoa", "x")
    [consent] = declared.sections[4].consents
    assert consent.checked
    assert dossier_api.main_facts(dossier).answers[0].value == "Khôi"


def test_form_data_cannot_be_written(generated, http_request):
    """Read-only: neither the REST API nor the edit form writes it."""
    with api.env.adopt_roles(["Manager"]):
        getMultiAdapter((generated, http_request), IDeserializeFromJson)(
            data={"form_data": [row("ho_ten", "Họ và tên", "Kẻ gian")], "notes": "ok"}
        )
    assert generated.form_data[0]["value"] == "Trần Thị Bình"
    assert generated.notes == "ok"
