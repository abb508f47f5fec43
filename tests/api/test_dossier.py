"""luanthanh.policy.api.dossier: transition, assign, attach_files, history."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.dossiers.attachments import Upload
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.errors import CommentRequired
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import NotFound
from luanthanh.policy.errors import TransitionRefused
from luanthanh.policy.errors import UnknownTransition
from luanthanh.policy.testing.builders import make_content
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


PASSWORD = "Matkhau-1234!"
OFFICIALS = {
    "motcua": "mot-cua",
    "chuyenvien": "chuyen-vien",
    "chuyenvien2": "chuyen-vien",
    "lanhdao": "lanh-dao",
}


@pytest.fixture
def procedure(portal):
    with api.env.adopt_roles(["Manager"]):
        for userid, group in OFFICIALS.items():
            api.user.create(
                email=f"{userid}@example.org", username=userid, password=PASSWORD
            )
            api.group.add_user(groupname=group, username=userid)
        api.portal.set_registry_record(
            "luanthanh.policy.dossier.assignees", {"tu-phap-ho-tich": "chuyenvien"}
        )
    return make_content(
        portal["thu-tuc-hanh-chinh"],
        "Procedure",
        "published",
        title="Cấp Giấy xác nhận tình trạng hôn nhân",
        code="1.004873",
        field="tu-phap-ho-tich",
        processing_days=3,
    )


@pytest.fixture
def dossier(portal, procedure):
    with api.env.adopt_roles(["Manager"]):
        return dossier_api.create(
            procedure,
            applicant_name="Nguyễn Văn An",
            applicant_phone="0912345678",
            channel="online",
        )


def _as(userid, function, *args, **kwargs):
    with api.env.adopt_user(username=userid):
        return function(*args, **kwargs)


class TestTransition:
    def test_allowed(self, dossier):
        state = _as("motcua", dossier_api.transition, dossier, "accept", " Đủ ")
        assert state == "processing"
        assert api.content.get_state(dossier) == "processing"
        assert dossier.received_at is not None
        assert dossier.due_date is not None
        entry = dossier_api.history(dossier)[-1]
        assert entry["action"] == "accept"
        assert entry["actor"] == "motcua"
        assert entry["comment"] == "Đủ"

    def test_refused(self, dossier):
        with pytest.raises(TransitionRefused) as raised:
            _as("lanhdao", dossier_api.transition, dossier, "accept")
        assert api.content.get_state(dossier) == "intake"
        error = raised.value
        assert error.status == 403
        assert isinstance(error, WorkflowException)
        body = error.as_json()["error"]
        assert body["type"] == "Forbidden"
        assert "không được thực hiện" in body["message"]
        assert "accept" in body["message"]
        # The same transition goes through for the desk.
        assert _as("motcua", dossier_api.transition, dossier, "accept") == "processing"

    @pytest.mark.parametrize("name", ["publish", "", None])
    def test_unknown(self, dossier, name):
        with pytest.raises(UnknownTransition) as raised:
            _as("motcua", dossier_api.transition, dossier, name)
        assert api.content.get_state(dossier) == "intake"
        assert raised.value.status == 400
        assert raised.value.field == "transition"
        body = raised.value.as_json()["error"]
        assert body["type"] == "WorkflowException"
        assert body["message"].startswith("Không có thao tác")

    @pytest.mark.parametrize("comment", ["", "   "])
    def test_comment_required(self, dossier, comment):
        with pytest.raises(CommentRequired) as raised:
            _as("motcua", dossier_api.transition, dossier, "refuse", comment)
        assert api.content.get_state(dossier) == "intake"
        assert raised.value.status == 400
        assert raised.value.field == "comment"
        body = raised.value.as_json()["error"]
        assert body == {
            "type": "WorkflowException",
            "message": "Cần ghi rõ lý do từ chối tiếp nhận.",
            "field": "comment",
        }
        # With a reason it goes through.
        state = _as("motcua", dossier_api.transition, dossier, "refuse", "Sai xã")
        assert state == "rejected"
        assert dossier_api.history(dossier)[-1]["comment"] == "Sai xã"


class TestAssign:
    def test_by_field(self, dossier):
        with api.env.adopt_roles(["Manager"]):
            assert dossier_api.assign(dossier) == "chuyenvien"
        assert dossier.assigned_to == "chuyenvien"
        assert "DossierAssignee" in dossier.get_local_roles_for_userid("chuyenvien")

    def test_to_a_user_moves_the_role(self, dossier):
        with api.env.adopt_roles(["Manager"]):
            dossier_api.assign(dossier)
            assert dossier_api.assign(dossier, "chuyenvien2") == "chuyenvien2"
        assert dossier.assigned_to == "chuyenvien2"
        assert "DossierAssignee" in dossier.get_local_roles_for_userid("chuyenvien2")
        assert "DossierAssignee" not in dossier.get_local_roles_for_userid("chuyenvien")
        [brain] = find_unrestricted(UID=dossier.UID())
        assert brain.assigned_to == "chuyenvien2"

    def test_no_such_user(self, dossier):
        with api.env.adopt_roles(["Manager"]), pytest.raises(NotFound) as raised:
            dossier_api.assign(dossier, "nobody")
        assert raised.value.status == 404
        assert raised.value.field == "userid"
        assert not dossier.assigned_to

    def test_no_official_for_the_field(self, dossier):
        api.portal.set_registry_record("luanthanh.policy.dossier.assignees", {})
        with api.env.adopt_roles(["Manager"]):
            assert dossier_api.assign(dossier) == ""
        assert not dossier.assigned_to


class TestAttachFiles:
    def test_attach(self, dossier):
        uploads = [
            Upload("Giấy chứng sinh.pdf", "application/pdf", b"%PDF-1.4 a"),
            Upload("Giấy chứng sinh.pdf", "application/pdf", b"%PDF-1.4 bb"),
        ]
        items = dossier_api.attach_files(dossier, uploads)
        assert [item.portal_type for item in items] == ["File", "File"]
        assert [item.title for item in items] == ["Giấy chứng sinh.pdf"] * 2
        assert len({item.getId() for item in items}) == 2
        assert [item.file.data for item in items] == [b"%PDF-1.4 a", b"%PDF-1.4 bb"]
        assert sorted(dossier.objectIds()) == sorted(item.getId() for item in items)

    def test_nothing_to_attach(self, dossier):
        assert dossier_api.attach_files(dossier, []) == []
        assert list(dossier.objectIds()) == []


class TestHistory:
    def test_new_dossier_has_none(self, dossier):
        assert dossier_api.history(dossier) == []

    def test_oldest_first_and_a_copy(self, dossier):
        _as("motcua", dossier_api.transition, dossier, "accept")
        _as("chuyenvien", dossier_api.transition, dossier, "submit_for_approval")
        entries = dossier_api.history(dossier)
        assert [e["action"] for e in entries] == ["accept", "submit_for_approval"]
        assert [e["to_state"] for e in entries] == ["processing", "approval"]
        assert entries[1]["from_state"] == "processing"
        entries.clear()
        assert len(dossier_api.history(dossier)) == 2


class TestResultDelivery:
    """How the applicant receives the result: checked before anything is made."""

    def _create(self, procedure, **data):
        with api.env.adopt_roles(["Manager"]):
            return dossier_api.create(
                procedure,
                applicant_name="Nguyễn Văn An",
                applicant_phone="0912345678",
                **data,
            )

    def _count(self, portal) -> int:
        return len(portal["ho-so"].objectIds())

    def test_center_by_default(self, portal, procedure):
        dossier = self._create(procedure)
        assert dossier.result_delivery == "center"
        assert dossier.result_address == ""

    def test_post_keeps_the_address(self, portal, procedure):
        dossier = self._create(
            procedure,
            result_delivery="post",
            result_address="  Số 5,  thôn Đông,\nxã Luận Thành ",
        )
        assert dossier.result_delivery == "post"
        assert dossier.result_address == "Số 5, thôn Đông, xã Luận Thành"

    def test_address_only_for_post(self, portal, procedure):
        dossier = self._create(
            procedure, result_delivery="center", result_address="Thôn Đông"
        )
        assert dossier.result_address == ""

    def test_online_with_email(self, portal, procedure):
        dossier = self._create(
            procedure, result_delivery="online", applicant_email="an@example.org"
        )
        assert dossier.result_delivery == "online"

    @pytest.mark.parametrize(
        "data,field,message",
        [
            (
                {"result_delivery": "post", "result_address": "  "},
                "result_address",
                "Vui lòng ghi địa chỉ nhận kết quả qua dịch vụ bưu chính công ích.",
            ),
            (
                {"result_delivery": "online"},
                "applicant_email",
                "Vui lòng ghi thư điện tử để nhận kết quả trực tuyến.",
            ),
            (
                {"result_delivery": "fax"},
                "result_delivery",
                "Cách nhận kết quả không hợp lệ",
            ),
        ],
    )
    def test_refused_creates_nothing(self, portal, procedure, data, field, message):
        before = self._count(portal)
        with pytest.raises(InvalidInput) as raised:
            self._create(procedure, **data)
        assert raised.value.field == field
        assert message in str(raised.value)
        assert raised.value.as_json()["error"]["type"] == "InvalidInput"
        assert self._count(portal) == before

    def test_counter_reception_checks_too(self, portal, procedure):
        with api.env.adopt_user(username="motcua"), pytest.raises(InvalidInput):
            dossier_api.receive_at_counter(
                procedure,
                applicant_name="Nguyễn Văn An",
                applicant_phone="0912345678",
                result_delivery="post",
            )
        with api.env.adopt_user(username="motcua"):
            dossier = dossier_api.receive_at_counter(
                procedure,
                applicant_name="Nguyễn Văn An",
                applicant_phone="0912345678",
                result_delivery="post",
                result_address="Thôn Đông, xã Luận Thành",
            )
        assert api.content.get_state(dossier) == "processing"
        assert dossier.result_address == "Thôn Đông, xã Luận Thành"
