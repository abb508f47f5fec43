"""Upgrade 1023 → 1024: the online forms ask how the result is received."""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from luanthanh.policy import api as lt_api
from luanthanh.policy.onlineforms.xml import delivery_fieldset
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.testing.builders import make_form_procedures
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from luanthanh.policy.upgrades.v1024 import upgrade
from plone import api
from zope.schema import getFieldsInOrder


PROFILE = "luanthanh.policy:default"
DELIVERY = ["nhan_ket_qua", "dia_chi_nhan_ket_qua"]


def field_ids(form) -> list[str]:
    return [name for name, _field in getFieldsInOrder(get_schema(form))]


def without_question(form) -> None:
    """The form as a site before 1024 has it: no question on the result."""
    form.fields_model = form.fields_model.replace(delivery_fieldset(), "")
    assert "nhan_ket_qua" not in field_ids(form)


def test_forms_gain_the_question(portal, officials):
    with api.env.adopt_roles(["Manager"]):
        make_form_procedures(portal)
        demo = demo_forms(portal)
        procedure = make_procedure(
            portal,
            id="khai-tu",
            title="Đăng ký khai tử",
            code="1.000656",
            channels={"direct", "online"},
            required_documents=[required_document("Giấy báo tử")],
        )
        generated = lt_api.procedure.generate_form(procedure).form
    forms = [*demo, generated]
    for form in forms:
        # Positive control: a new form asks it, before the consent.
        ids = field_ids(form)
        assert ids[ids.index("cam_doan") - 2 : ids.index("cam_doan")] == DELIVERY
        without_question(form)
    # An editor's own field stays where it is.
    generated.fields_model = generated.fields_model.replace(
        "</schema>",
        '<field name="ghi_chu" type="zope.schema.Text"><title>Ghi chú thêm</title>'
        "<required>False</required></field></schema>",
    )
    before = {form.getId(): field_ids(form) for form in forms}
    actions = {form.getId(): form.actions_model for form in forms}
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.setLastVersionForProfile(PROFILE, "1023")

    setup_tool.upgradeProfile(PROFILE, dest="1024")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1024",)
    for form in forms:
        ids = field_ids(form)
        old = before[form.getId()]
        consent = old.index("cam_doan")
        assert ids == [*old[:consent], *DELIVERY, *old[consent:]], form.getId()
        schema = get_schema(form)
        assert schema["nhan_ket_qua"].title == "Đăng ký nhận kết quả tại"
        assert schema["nhan_ket_qua"].default == "center"
        assert [t.value for t in schema["nhan_ket_qua"].vocabulary] == [
            "center",
            "post",
            "online",
        ]
        assert form.actions_model == actions[form.getId()]
        [action] = [a for _n, a in getFieldsInOrder(get_actions(form))]
        assert action.delivery_field == "nhan_ket_qua"
    assert field_ids(generated)[-1] == "ghi_chu"
    # Idempotent: a second run adds nothing.
    models = [form.fields_model for form in forms]
    upgrade(setup_tool)
    assert [form.fields_model for form in forms] == models
