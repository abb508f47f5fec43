"""The one table of paths through the dossier workflow, and ``dossier_in_state``.

``PATHS`` maps every state of ``luanthanh_dossier_workflow`` to the
transitions that bring a new dossier there, in the order of the workflow.
Who fires each transition is ``ACTORS`` (``None``: the processor the
dossier is assigned to at ``accept``); the comment is ``COMMENTS`` unless
the caller gives one.  ``DETOURS`` are the other ways into a state that
some tests need (denied by the approver, sent back once before approval).
"""

from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api


PATHS = {
    "intake": (),
    "processing": ("accept",),
    "supplement": ("accept", "request_supplement"),
    "approval": ("accept", "submit_for_approval"),
    "result": ("accept", "submit_for_approval", "approve"),
    "returned": ("accept", "submit_for_approval", "approve", "deliver"),
    "rejected": ("refuse",),
    "stopped": ("accept", "stop"),
    "withdrawn": ("withdraw",),
}
STATES = tuple(PATHS)

DETOURS = {
    "denied": ("accept", "submit_for_approval", "deny"),
    "sent_back": (
        "accept",
        "submit_for_approval",
        "send_back",
        "submit_for_approval",
        "approve",
    ),
}

ACTORS = {
    "accept": "motcua",
    "refuse": "motcua",
    "withdraw": "motcua",
    "deliver": "motcua",
    "request_supplement": None,
    "resume": None,
    "submit_for_approval": None,
    "stop": None,
    "approve": "lanhdao",
    "deny": "lanhdao",
    "send_back": "lanhdao",
}

COMMENTS = {
    "refuse": "Không đủ giấy tờ",
    "request_supplement": "Bổ sung giấy tờ",
    "stop": "Công dân đề nghị dừng",
    "deny": "Không đủ điều kiện",
    "send_back": "Kiểm tra lại",
}


def actor_of(dossier, transition: str) -> str:
    """Who fires ``transition`` on ``dossier``."""
    return ACTORS[transition] or dossier.assigned_to or "chuyenvien"


def walk(dossier, transitions, comments: dict | None = None):
    """Fire ``transitions`` in order, each by its actor, with its comment."""
    comments = {**COMMENTS, **(comments or {})}
    for transition in transitions:
        fire(
            dossier,
            transition,
            actor_of(dossier, transition),
            comments.get(transition, ""),
        )
    return dossier


def default_procedure(portal):
    """The civil status procedure of ``make_procedure``, made if missing."""
    found = api.content.find(
        portal_type="Procedure", procedure_code="1.004873", unrestricted=True
    )
    if found:
        return found[0]._unrestrictedGetObject()
    return make_procedure(portal)


def dossier_in_state(
    portal_or_folder,
    state: str,
    procedure=None,
    *,
    via: str | None = None,
    comments: dict | None = None,
    **data,
):
    """A new dossier brought to ``state`` along ``PATHS[state]``.

    ``via`` names a ``DETOURS`` route instead; ``comments`` overrides
    ``COMMENTS`` per transition; ``data`` goes to ``make_dossier``.  The
    officials must exist (``create_officials``).
    """
    portal = api.portal.get()
    procedure = procedure or default_procedure(portal)
    dossier = make_dossier(portal_or_folder, procedure, **data)
    walk(dossier, DETOURS[via] if via else PATHS[state], comments)
    assert api.content.get_state(dossier) == state, (state, via)
    return dossier
