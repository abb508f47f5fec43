"""Forms generated from a procedure: exactly the expected fields, regeneration
that keeps an editor's work, the whole catalogue, idempotent."""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from luanthanh.policy import api as lt_api
from luanthanh.policy.errors import Conflict
from luanthanh.policy.onlineforms import xml as form_xml
from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from plone import api
from plone.app.textfield.value import RichTextValue
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.schema import getFieldsInOrder

import pytest


DOCUMENTS = [
    required_document("Tờ khai đăng ký khai sinh", note="Theo mẫu"),
    required_document("Giấy chứng nhận kết hôn của cha, mẹ", 0, 1, note="Nếu có."),
    required_document("Căn cước của người yêu cầu", 0, 0, note="Xuất trình."),
]
APPLICANT = ["ho_ten", "so_cccd", "so_dien_thoai", "email", "dia_chi"]
DELIVERY = ["nhan_ket_qua", "dia_chi_nhan_ket_qua"]


@pytest.fixture
def procedure(portal, officials):
    return make_procedure(
        portal,
        id="khai-sinh",
        title="Đăng ký khai sinh",
        code="1.001193",
        processing_days=0,
        fee=0,
        fee_note="Miễn lệ phí",
        result="Giấy khai sinh bản chính",
        channels={"direct", "online", "postal"},
        conditions=RichTextValue("<p>Trẻ em sinh ra còn sống.</p>"),
        required_documents=DOCUMENTS,
    )


def field_ids(form) -> list[str]:
    return [name for name, _field in getFieldsInOrder(get_schema(form))]


def test_generation_gives_exactly_the_expected_fields(procedure):
    result = lt_api.procedure.generate_form(procedure)

    form = result.form
    assert result.created is True
    assert result.changes.as_dict()["added"] == ["giay_to_1", "giay_to_2"]
    assert form.portal_type == "EasyForm"
    assert form.aq_parent.getId() == "nop-ho-so"
    assert procedure.form.to_object == form
    assert field_ids(form) == [
        *APPLICANT,
        "giay_to_1",
        "giay_to_2",
        *DELIVERY,
        "cam_doan",
        "dong_y",
    ]
    schema = get_schema(form)
    assert schema["nhan_ket_qua"].title == "Đăng ký nhận kết quả tại"
    assert schema["nhan_ket_qua"].required is True
    assert schema["nhan_ket_qua"].default == "center"
    assert [t.value for t in schema["nhan_ket_qua"].vocabulary] == [
        "center",
        "post",
        "online",
    ]
    assert schema["dia_chi_nhan_ket_qua"].required is False  # the action checks
    assert schema["giay_to_1"].title == "Tờ khai đăng ký khai sinh"
    assert schema["giay_to_1"].description == "Theo mẫu"
    assert schema["giay_to_1"].required is True
    assert schema["giay_to_2"].title == "Giấy chứng nhận kết hôn của cha, mẹ"
    assert schema["giay_to_2"].required is False  # optional ("Nếu có.")
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in schema["dong_y"].description
    [action] = [a for _n, a in getFieldsInOrder(get_actions(form))]
    assert action.procedure_code == "1.001193"
    assert action.name_field == "ho_ten" and action.consent_field == "dong_y"
    prologue = form.formPrologue.raw
    for text in (
        "Trong ngày làm việc",
        "Không thu phí, lệ phí (Miễn lệ phí)",
        "Giấy khai sinh bản chính",
        "bưu chính",
        "Trẻ em sinh ra còn sống.",
        "Căn cước của người yêu cầu",  # shown at the counter, not uploaded
    ):
        assert text in prologue, text
    assert api.content.get_state(form) == "published"


def test_regeneration_keeps_an_editors_field(procedure):
    form = lt_api.procedure.generate_form(procedure).form
    # An editor adds a field of their own, and an action.
    form.fields_model = form.fields_model.replace(
        "</schema>",
        '<field name="ghi_chu" type="zope.schema.Text"><title>Ghi chú thêm</title>'
        "<required>False</required></field></schema>",
    )
    form.actions_model = form.actions_model.replace(
        "</schema>",
        '<field name="luu" type="collective.easyform.actions.SaveData">'
        "<title>Lưu</title></field></schema>",
    )
    # The procedure changes: a document renamed, one removed, one added.
    procedure.required_documents = [
        required_document("Tờ khai đăng ký khai sinh (mẫu mới)", note="Theo mẫu"),
        required_document("Căn cước của người yêu cầu", 0, 0),
        required_document("Giấy chứng sinh"),
    ]

    result = lt_api.procedure.generate_form(procedure)

    assert result.created is False
    assert result.form == form
    assert result.changes.as_dict() == {
        "added": ["giay_to_3"],
        "relabelled": ["giay_to_1"],
        "updated": [],
        "removed": ["giay_to_2"],
    }
    ids = field_ids(form)
    assert ids == [
        *APPLICANT,
        "giay_to_1",
        "giay_to_3",
        *DELIVERY,
        "cam_doan",
        "dong_y",
        "ghi_chu",
    ]
    assert get_schema(form)["giay_to_1"].title == "Tờ khai đăng ký khai sinh (mẫu mới)"
    assert [n for n, _a in getFieldsInOrder(get_actions(form))] == ["tao_ho_so", "luu"]
    # Run again: nothing changes.
    again = lt_api.procedure.generate_form(procedure)
    assert not again.changes
    assert field_ids(form) == ids


def test_a_hand_made_form_is_not_rewritten(portal, procedure):
    hand_made = make_content(portal["nop-ho-so"], "EasyForm", id="tay", title="Tay")
    lt_api.procedure.generate_form(procedure)  # links a generated form
    procedure.form = RelationValue(getUtility(IIntIds).getId(hand_made))
    with pytest.raises(Conflict):
        lt_api.procedure.generate_form(procedure)


def test_whole_catalogue_is_idempotent(portal, officials):
    full = make_procedure(portal, id="a", code="1.000001", online_level="full")
    partial = make_procedure(portal, id="b", code="1.000002", online_level="partial")
    make_procedure(portal, id="c", code="1.000003", online_level="none")

    created = lt_api.procedure.generate_forms()

    assert sorted(r.form.getId() for r in created) == ["a", "b"]
    assert full.form.to_object.getId() == "a"
    assert partial.form.to_object.getId() == "b"
    forms = set(portal["nop-ho-so"].objectIds())
    assert lt_api.procedure.generate_forms() == []  # idempotent
    assert set(portal["nop-ho-so"].objectIds()) == forms


def test_the_limits_said_are_the_control_panels(procedure):
    """The introduction and an upload without a note give the upload limits
    of the control panel, not fixed figures."""
    api.portal.set_registry_record("luanthanh.policy.online.max_file_mb", 5)
    api.portal.set_registry_record("luanthanh.policy.online.max_dossier_mb", 20)
    procedure.required_documents = [
        dict(row, note="") for row in procedure.required_documents
    ]
    form = lt_api.procedure.generate_form(procedure).form
    assert "tối đa 5 MB mỗi tệp và 20 MB mỗi hồ sơ" in form.formPrologue.raw
    assert get_schema(form)["giay_to_1"].description.endswith("tối đa 5 MB mỗi tệp.")


def test_regeneration_adds_the_question_on_the_result(procedure):
    """A form generated before the question existed gains it, once."""
    form = lt_api.procedure.generate_form(procedure).form
    form.fields_model = form.fields_model.replace(form_xml.delivery_fieldset(), "")
    assert "nhan_ket_qua" not in field_ids(form)

    result = lt_api.procedure.generate_form(procedure)

    assert result.changes.as_dict()["added"] == DELIVERY
    ids = field_ids(form)
    assert ids[ids.index("cam_doan") - 2 : ids.index("cam_doan")] == DELIVERY
    assert not lt_api.procedure.generate_form(procedure).changes
