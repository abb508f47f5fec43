"""luanthanh.policy.api.dossier: the papers received (the receipt's item 1)."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.api.exc import InvalidInput
from luanthanh.policy.i18n import translated
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter

import pytest


CHECKLIST = [
    {"name": "Tờ khai", "originals": 1, "copies": 0, "note": ""},
    {"name": "Thẻ căn cước", "originals": 0, "copies": 0, "note": ""},
]
APPLICANT = {"applicant_name": "Lê Văn Cường", "applicant_phone": "0912345678"}


@pytest.fixture
def procedure(portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        return make_procedure(portal, required_documents=CHECKLIST)


@pytest.fixture
def dossier(portal, procedure):
    with api.env.adopt_roles(["Manager"]):
        return make_dossier(portal, procedure, channel="direct")


def _dossiers(portal) -> list:
    return [o for o in portal["ho-so"].objectValues() if o.portal_type == "Dossier"]


def test_record_and_read(dossier):
    assert dossier_api.received_documents(dossier) is None
    stored = dossier_api.record_received_documents(
        dossier,
        [
            {"name": "Tờ khai", "form": "original", "count": 1},
            {
                "name": "Thẻ căn cước",
                "form": "shown",
                "count": 1,
                "note": "Đã đối chiếu",
            },
        ],
    )
    assert stored == dossier_api.received_documents(dossier)
    assert [(r["name"], r["form"], r["count"], r["note"]) for r in stored] == [
        ("Tờ khai", "original", 1, ""),
        ("Thẻ căn cước", "shown", 1, "Đã đối chiếu"),
    ]
    assert dossier_api.PAPER_FORMS == ("original", "copy", "shown")


def test_unknown_form_writes_nothing(dossier):
    dossier_api.record_received_documents(
        dossier, [{"name": "Tờ khai", "form": "copy", "count": 1}]
    )
    with pytest.raises(InvalidInput) as info:
        dossier_api.record_received_documents(
            dossier,
            [
                {"name": "Tờ khai", "form": "original", "count": 1},
                {"name": "Sổ hộ khẩu", "form": "bản photo", "count": 1},
            ],
        )
    assert translated(info.value.message) == (
        "Giấy tờ “Sổ hộ khẩu”: hình thức nhận không hợp lệ; chọn Bản chính, "
        "Bản sao hoặc Xuất trình."
    )
    error = info.value.as_json()["error"]
    assert error["type"] == "InvalidInput"
    assert error["field"] == "received_documents"
    assert error["details"] == {"row": 2}
    # The earlier record is untouched.
    assert [r["form"] for r in dossier_api.received_documents(dossier)] == ["copy"]


class TestReceiveAtCounter:
    def test_records_the_papers(self, portal, procedure):
        with api.env.adopt_user(username="motcua"):
            dossier = dossier_api.receive_at_counter(
                procedure,
                received_documents=[{"name": "Thẻ căn cước", "form": "shown"}],
                **APPLICANT,
            )
        assert api.content.get_state(dossier) == "processing"
        assert dossier.received_documents == [
            {"name": "Thẻ căn cước", "form": "shown", "count": 1, "note": ""}
        ]

    @pytest.mark.parametrize(
        "rows,message",
        [
            ([], "Chưa nhận giấy tờ nào"),
            ([{"name": "Tờ khai", "form": "original", "count": 0}], "số nguyên dương"),
        ],
    )
    def test_bad_papers_create_nothing(self, portal, procedure, rows, message):
        with (
            api.env.adopt_user(username="motcua"),
            pytest.raises(InvalidInput) as info,
        ):
            dossier_api.receive_at_counter(
                procedure, received_documents=rows, **APPLICANT
            )
        assert message in translated(info.value.message)
        assert _dossiers(portal) == []

    def test_without_papers_as_before(self, portal, procedure):
        """Callers that do not pass the papers (imports, REST) record none."""
        with api.env.adopt_user(username="motcua"):
            dossier = dossier_api.receive_at_counter(procedure, **APPLICANT)
        assert dossier.received_documents is None

    def test_a_procedure_without_checklist_may_record_none(self, portal):
        with api.env.adopt_roles(["Manager"]):
            create_officials()
            bare = make_procedure(portal)
        with api.env.adopt_user(username="motcua"):
            dossier = dossier_api.receive_at_counter(
                bare, received_documents=[], **APPLICANT
            )
        assert dossier.received_documents == []


def test_serialized_and_read_only_over_rest(dossier, http_request):
    dossier_api.record_received_documents(
        dossier, [{"name": "Tờ khai", "form": "original", "count": 1}]
    )
    data = getMultiAdapter((dossier, http_request), ISerializeToJson)()
    assert data["received_documents"] == [
        {"name": "Tờ khai", "form": "original", "count": 1, "note": ""}
    ]
    with api.env.adopt_roles(["Manager"]):
        getMultiAdapter((dossier, http_request), IDeserializeFromJson)(
            data={
                "received_documents": [{"name": "X", "form": "copy", "count": 9}],
                "notes": "ok",
            }
        )
    assert dossier.notes == "ok"  # the control: a writable field was written
    assert dossier.received_documents[0]["name"] == "Tờ khai"
