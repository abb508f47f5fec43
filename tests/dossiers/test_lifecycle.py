"""The one-stop workflow: who may do what, and what each step records."""

from datetime import datetime
from datetime import UTC
from luanthanh.policy.api.dossier import receive_at_counter
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers import transitions
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import transitions_for
from luanthanh.policy.testing.paths import actor_of
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


def test_states_and_transitions_are_the_api(portal):
    workflow = api.portal.get_tool("portal_workflow")["luanthanh_dossier_workflow"]
    assert set(workflow.states.objectIds()) == {
        "intake",
        "processing",
        "supplement",
        "approval",
        "result",
        "returned",
        "rejected",
        "stopped",
        "withdrawn",
    }
    assert set(workflow.transitions.objectIds()) == {
        "accept",
        "refuse",
        "request_supplement",
        "resume",
        "submit_for_approval",
        "send_back",
        "approve",
        "deny",
        "stop",
        "deliver",
        "withdraw",
    }
    assert workflow.states["supplement"].title == "Chờ bổ sung"
    assert workflow.states["result"].title == "Đã có kết quả, chờ trả"


@pytest.fixture
def clock(monkeypatch):
    """The time the transitions read (``config.now`` as the handlers see it):
    ``clock.set(local datetime)``; 2026 March, no public holiday in it."""

    class Clock:
        value = None

        def set(self, *parts):
            self.value = datetime(*parts, tzinfo=TZ).astimezone(UTC)

    fixed = Clock()
    monkeypatch.setattr(transitions, "now", lambda: fixed.value)
    return fixed


def test_accept_sets_dates_and_assigns(dossier, clock):
    clock.set(2026, 3, 6, 10, 0)  # Friday, 10:00 local
    fire(dossier, "accept", "motcua")
    assert api.content.get_state(dossier) == "processing"
    assert dossier.received_at == datetime(2026, 3, 6, 3, 0, tzinfo=UTC)
    # 3 working days after Friday: Monday 9, Tuesday 10, Wednesday 11, 17:00.
    assert dossier.due_date == datetime(2026, 3, 11, 10, 0, tzinfo=UTC)
    assert dossier.assigned_to == "chuyenvien"
    assert "DossierAssignee" in dossier.get_local_roles_for_userid("chuyenvien")
    entry = dossier.history[-1]
    assert entry["action"] == "accept"
    assert entry["actor"] == "motcua"
    assert (entry["from_state"], entry["to_state"]) == ("intake", "processing")
    assert entry["due_date_before"] is None
    assert entry["due_date_after"] == dossier.due_date
    brain = find_unrestricted(UID=dossier.UID())[0]
    assert brain.assigned_to == "chuyenvien"
    assert brain.due_date is not None


def test_who_may_fire_what(dossier):
    assert transitions_for(dossier, "motcua") == {"accept", "refuse", "withdraw"}
    assert transitions_for(dossier, "chuyenvien") == set()
    assert transitions_for(dossier, "lanhdao") == set()
    fire(dossier, "accept", "motcua")
    assert transitions_for(dossier, "chuyenvien") == {
        "request_supplement",
        "submit_for_approval",
        "stop",
    }
    assert transitions_for(dossier, "chuyenvien2") == set()  # not assigned
    assert transitions_for(dossier, "motcua") == {"withdraw"}
    fire(dossier, "submit_for_approval", "chuyenvien")
    assert transitions_for(dossier, "lanhdao") == {"approve", "deny", "send_back"}
    assert transitions_for(dossier, "chuyenvien") == set()
    fire(dossier, "approve", "lanhdao")
    assert transitions_for(dossier, "motcua") == {"deliver"}


@pytest.mark.parametrize(
    "path,transition",
    [
        ([], "refuse"),
        (["accept"], "request_supplement"),
        (["accept"], "stop"),
        (["accept", "submit_for_approval"], "send_back"),
        (["accept", "submit_for_approval"], "deny"),
    ],
)
def test_comment_required(dossier, path, transition):
    for step in path:
        fire(dossier, step, actor_of(dossier, step))
    state = api.content.get_state(dossier)
    with pytest.raises(WorkflowException) as error:
        fire(dossier, transition, actor_of(dossier, transition), comment="   ")
    assert "Cần ghi rõ" in str(error.value)
    assert api.content.get_state(dossier) == state
    fire(dossier, transition, actor_of(dossier, transition), comment="Thiếu giấy tờ")
    assert api.content.get_state(dossier) != state
    assert dossier.history[-1]["comment"] == "Thiếu giấy tờ"


def test_refused_at_intake_is_never_received(dossier):
    fire(dossier, "refuse", "motcua", comment="Không thuộc thẩm quyền")
    assert api.content.get_state(dossier) == "rejected"
    assert dossier.received_at is None
    assert dossier.resolved_at is None
    assert dossier.timeliness is None


def test_full_path_to_returned(dossier):
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    fire(dossier, "send_back", "lanhdao", comment="Kiểm tra lại tên")
    fire(dossier, "submit_for_approval", "chuyenvien")
    fire(dossier, "approve", "lanhdao")
    assert api.content.get_state(dossier) == "result"
    assert dossier.resolved_at is not None
    assert dossier.timeliness == "early"  # resolved the day it was received
    fire(dossier, "deliver", "motcua")
    assert api.content.get_state(dossier) == "returned"
    assert dossier.returned_at >= dossier.resolved_at
    assert [e["action"] for e in dossier.history] == [
        "accept",
        "submit_for_approval",
        "send_back",
        "submit_for_approval",
        "approve",
        "deliver",
    ]


def test_deny_counts_as_resolved(dossier):
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    fire(dossier, "deny", "lanhdao", comment="Không đủ điều kiện")
    assert api.content.get_state(dossier) == "rejected"
    assert dossier.resolved_at is not None
    assert dossier.timeliness == "early"


def test_supplement_keeps_every_due_date(dossier, clock):
    clock.set(2026, 3, 6, 10, 0)  # Friday
    fire(dossier, "accept", "motcua")
    first_due = dossier.due_date
    assert first_due == datetime(2026, 3, 11, 10, 0, tzinfo=UTC)  # Wed 17:00
    clock.set(2026, 3, 9, 9, 0)  # Monday
    fire(dossier, "request_supplement", "chuyenvien", comment="Bổ sung bản sao CCCD")
    assert api.content.get_state(dossier) == "supplement"
    assert dossier.supplement_request == "Bổ sung bản sao CCCD"
    clock.set(2026, 3, 12, 14, 0)  # Thursday
    fire(dossier, "resume", "chuyenvien")
    assert api.content.get_state(dossier) == "processing"
    entry = dossier.history[-1]
    assert entry["action"] == "resume"
    assert entry["time"] == datetime(2026, 3, 12, 7, 0, tzinfo=UTC)
    assert entry["due_date_before"] == first_due
    assert entry["due_date_after"] == dossier.due_date
    # Rule "restart": 3 working days again from Thursday 12: Friday 13,
    # Monday 16, Tuesday 17 (the "extend" rule would give Monday 16).
    assert dossier.due_date == datetime(2026, 3, 17, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("path", [[], ["accept"], ["accept", "request_supplement"]])
def test_withdraw(dossier, path):
    for step in path:
        actor = "motcua" if step == "accept" else "chuyenvien"
        fire(dossier, step, actor, comment="Bổ sung" if step != "accept" else "")
    fire(dossier, "withdraw", "motcua")
    assert api.content.get_state(dossier) == "withdrawn"


def test_unassigned_field_leaves_dossier_unassigned(portal, officials):
    from luanthanh.policy.testing.builders import make_dossier
    from luanthanh.policy.testing.builders import make_procedure

    procedure = make_procedure(
        portal,
        title="Thông báo tổ chức lễ hội",
        code="1.003622",
        field="van-hoa-xa-hoi",
    )
    item = make_dossier(portal, procedure)
    fire(item, "accept", "motcua")
    assert item.assigned_to == ""
    assert api.content.get_state(item) == "processing"


def test_counter_intake_in_one_step(portal, procedure):
    with api.env.adopt_user(username="motcua"):
        item = receive_at_counter(
            procedure,
            applicant_name="Lê Thị Bình",
            applicant_phone="0987654321",
            priority=True,
        )
    assert api.content.get_state(item) == "processing"
    assert item.channel == "direct"
    assert item.priority is True
    assert item.received_at is not None
    assert item.assigned_to == "chuyenvien"


def test_member_cannot_create_dossier(portal, procedure):
    from AccessControl import Unauthorized
    from luanthanh.policy.api.dossier import create as create_dossier

    with api.env.adopt_user(username="congdan"), pytest.raises(Unauthorized):
        create_dossier(procedure, applicant_name="X", applicant_phone="0912345678")
