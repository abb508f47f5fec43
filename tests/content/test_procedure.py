"""The Procedure and ProcedureFolder types: schema, validation, vocabularies."""

from datetime import time
from luanthanh.policy.content.procedure import InvalidProcedureCode
from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.content.procedure import validate_code
from luanthanh.policy.testing.builders import make_draft_procedure
from luanthanh.policy.vocabularies import field_title
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from types import SimpleNamespace
from zope.component import getUtility
from zope.interface import Invalid
from zope.schema import getFields
from zope.schema.interfaces import IVocabularyFactory

import pytest


FIELD_IDS = [
    "code",
    "field",
    "processing_days",
    "same_day_cutoff",
    "processing_note",
    "online_level",
    "channels",
    "fee",
    "fee_note",
    "implementing_agency",
    "audience",
    "required_documents",
    "steps",
    "conditions",
    "result",
    "legal_basis",
    "form",
    "interlinked",
]


def test_schema_field_ids_are_the_api():
    assert set(FIELD_IDS) <= set(getFields(IProcedure))


def test_fti(portal):
    fti = getUtility(IDexterityFTI, name="Procedure")
    assert fti.title == "Thủ tục hành chính"
    assert fti.klass == "luanthanh.policy.content.procedure.Procedure"
    folder_fti = getUtility(IDexterityFTI, name="ProcedureFolder")
    assert folder_fti.allowed_content_types == ("Procedure",)
    assert folder_fti.default_view == "catalogue"


def test_section_is_a_procedure_folder(catalogue):
    assert catalogue.portal_type == "ProcedureFolder"
    assert catalogue.title == "Thủ tục hành chính"


def test_folder_holds_only_procedures(catalogue):
    with api.env.adopt_roles(["Manager"]), pytest.raises(api.exc.InvalidParameterError):
        api.content.create(container=catalogue, type="Document", title="Tin")


def test_defaults(catalogue):
    item = make_draft_procedure(catalogue)
    assert item.same_day_cutoff == time(15, 0)
    assert item.channels == {"direct"}
    assert item.audience == {"citizen"}
    assert item.implementing_agency == "Ủy ban nhân dân xã Luận Thành"
    assert api.content.get_state(item) == "private"


@pytest.mark.parametrize(
    "code", ["1.001193", "2.000777", "1.001193.H56", "1.000894", "3.000123.H26"]
)
def test_valid_codes(code):
    assert validate_code(code) is True


@pytest.mark.parametrize(
    "code",
    ["", "1001193", "1.00119a", "abc", "1.001193.h56", "1..001", "1.001193 ", "Đ.1"],
)
def test_invalid_codes(code):
    with pytest.raises(InvalidProcedureCode):
        validate_code(code)


def test_invalid_code_rejected_by_schema():
    with pytest.raises(InvalidProcedureCode):
        IProcedure["code"].validate("1-001193")


def test_processing_days_not_negative():
    from zope.schema.interfaces import TooSmall

    with pytest.raises(TooSmall):
        IProcedure["processing_days"].validate(-1)
    with pytest.raises(TooSmall):
        IProcedure["fee"].validate(-1000)


def test_code_unique_invariant(catalogue):
    make_draft_procedure(catalogue)

    data = SimpleNamespace(code="1.000894", __context__=catalogue)
    with pytest.raises(Invalid) as error:
        IProcedure.validateInvariants(data)
    assert "1.000894" in str(error.value.args[0].mapping)


def test_code_unique_invariant_allows_itself(catalogue):
    item = make_draft_procedure(catalogue)

    IProcedure.validateInvariants(SimpleNamespace(code="1.000894", __context__=item))


@pytest.mark.parametrize(
    "name,tokens",
    [
        ("luanthanh.policy.fields", ["kinh-te", "van-hoa-xa-hoi", "tu-phap-ho-tich"]),
        ("luanthanh.policy.online_levels", ["full", "partial", "none"]),
        ("luanthanh.policy.channels", ["direct", "online", "postal"]),
        ("luanthanh.policy.audiences", ["citizen", "organization"]),
    ],
)
def test_vocabularies(portal, name, tokens):
    vocabulary = getUtility(IVocabularyFactory, name)(portal)
    assert [term.token for term in vocabulary] == tokens


def test_fields_vocabulary_titles(portal):
    vocabulary = getUtility(IVocabularyFactory, "luanthanh.policy.fields")(portal)
    assert [t.title for t in vocabulary] == [
        "Kinh tế",
        "Văn hóa – Xã hội",
        "Tư pháp – Hộ tịch",
    ]


def test_fields_vocabulary_is_editable(portal):
    api.portal.set_registry_record(
        "luanthanh.policy.fields",
        ["kinh-te|Kinh tế", "dat-dai|Đất đai", ""],
    )
    vocabulary = getUtility(IVocabularyFactory, "luanthanh.policy.fields")(portal)
    assert [(t.token, t.title) for t in vocabulary] == [
        ("kinh-te", "Kinh tế"),
        ("dat-dai", "Đất đai"),
    ]
    assert field_title("dat-dai") == "Đất đai"
    assert field_title("unknown") == "unknown"


def test_fields_record_rejects_bad_lines(portal):
    from luanthanh.policy.interfaces import FieldLinesInvalid
    from luanthanh.policy.interfaces import IProcedureSettings

    field = IProcedureSettings["fields"]
    with pytest.raises(FieldLinesInvalid):
        field.validate(["Kinh tế|Kinh tế"])
    with pytest.raises(FieldLinesInvalid):
        field.validate(["kinh-te|A", "kinh-te|B"])
    field.validate(["kinh-te|Kinh tế", "dat-dai|Đất đai"])


def test_catalog_metadata(catalogue):
    make_draft_procedure(
        catalogue,
        processing_days=3,
        fee=15000,
        audience={"citizen", "organization"},
        channels={"online", "direct"},
    )
    brain = api.content.find(portal_type="Procedure", procedure_code="1.000894")[0]
    assert brain.procedure_field == "tu-phap-ho-tich"
    assert brain.online_level == "full"
    assert brain.processing_days == 3
    assert brain.fee == 15000
    assert brain.audience == ["citizen", "organization"]
    assert len(api.content.find(channels="online")) == 1
    assert len(api.content.find(audience="organization")) == 1


def test_anonymous_cannot_add_procedure(catalogue):
    from AccessControl.users import nobody

    assert not nobody.has_permission("luanthanh.policy: Add Procedure", catalogue)


def test_editor_may_add_procedure(catalogue):
    api.user.create(email="bt@example.org", username="bientap", password="secret-1234")
    api.user.grant_roles(username="bientap", roles=["Editor"], obj=catalogue)
    assert api.user.has_permission(
        "luanthanh.policy: Add Procedure", username="bientap", obj=catalogue
    )
    assert not api.user.has_permission(
        "Review portal content", username="bientap", obj=catalogue
    )
