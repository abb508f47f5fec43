"""The permission matrix of dossiers: the one hand-written expectation table.

``tests/security/test_permission_matrix.py`` (over HTTP, every transition
through both channels, the listings) and
``tests/dossiers/test_permission_matrix.py`` (``checkPermission`` in-process,
and HTTP) generate their rows from :data:`EXPECTED` and :data:`USERS`.  The
table is written down by hand: it is not computed from the workflow it checks.

Who: the officials of ``create_officials`` (desk, assigned and unassigned
processor, approver), the citizen (Member), the Editor, the Site
Administrator, plus, from :func:`create_role_users`, a Manager, a Reader, a
Contributor, a Reviewer (site-wide roles) and a member who is given Plone's
four sharing roles (Reader, Editor, Contributor, Reviewer: "Can view", "Can
edit", "Can add", "Can review") on the dossier folder and on every dossier
through the sharing page (:func:`share`).
"""

from luanthanh.policy.testing.builders import add_user
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component import getMultiAdapter


A = "motcua"  # desk (DossierReceiver)
P = "chuyenvien"  # assigned processor (local DossierAssignee, from accept on)
P2 = "chuyenvien2"  # unassigned processor (DossierProcessor)
L = "lanhdao"  # approver (DossierApprover)
Q = "quantri"  # Site Administrator
M = "quanly"  # Manager
SHARED = "chiase"  # a member given the sharing roles, locally

#: Every user the matrix covers: user id (None = Anonymous) → who.
USERS = {
    None: "Anonymous",
    "congdan": "Member",
    A: "desk (DossierReceiver)",
    P: "assigned processor (local DossierAssignee)",
    P2: "unassigned processor (DossierProcessor)",
    L: "approver (DossierApprover)",
    "bientap": "Editor",
    Q: "Site Administrator",
    M: "Manager",
    "docgia": "Reader",
    "donggop": "Contributor",
    "kiemduyet": "Reviewer",
    SHARED: "Reader, Editor, Contributor, Reviewer through sharing (local)",
}
#: The site-wide roles of the users :func:`create_role_users` makes.
ROLE_USERS = {
    M: ["Manager"],
    "docgia": ["Reader"],
    "donggop": ["Contributor"],
    "kiemduyet": ["Reviewer"],
    SHARED: [],
}
#: The roles Plone's sharing page hands out.
SHARING_ROLES = ["Reader", "Editor", "Contributor", "Reviewer"]

# THE TABLE.  view: may open the page, GET it over REST and download its files
# (and find it in listings); edit: may open the edit form and PATCH; fire: the
# transitions each user may fire in that state.  Anyone not named may do
# nothing: Anonymous, the Member, the Editor, the unassigned processor, the
# Reader, the Contributor, the Reviewer, the member with the sharing roles and
# the Site Administrator (who runs the site, not its dossiers: issue #14) are
# never named.
EXPECTED = {
    "intake": {
        "view": {A, L, M},
        "edit": {A, M},
        "fire": {
            A: {"accept", "refuse", "withdraw"},
            M: {"accept", "refuse", "withdraw"},
        },
    },
    "processing": {
        "view": {A, P, L, M},
        "edit": {A, P, M},
        "fire": {
            A: {"withdraw"},
            P: {"request_supplement", "submit_for_approval", "stop"},
            M: {"withdraw", "request_supplement", "submit_for_approval", "stop"},
        },
    },
    "supplement": {
        "view": {A, P, L, M},
        "edit": {A, P, M},
        "fire": {
            A: {"withdraw"},
            P: {"resume", "stop"},
            M: {"withdraw", "resume", "stop"},
        },
    },
    "approval": {
        "view": {A, P, L, M},
        "edit": {L, M},
        "fire": {
            L: {"approve", "deny", "send_back"},
            M: {"approve", "deny", "send_back"},
        },
    },
    "result": {
        "view": {A, P, L, M},
        "edit": {A, P, M},
        "fire": {A: {"deliver"}, M: {"deliver"}},
    },
    "returned": {"view": {A, P, L, M}, "edit": {M}, "fire": {}},
    "rejected": {"view": {A, L, M}, "edit": {M}, "fire": {}},
    "stopped": {"view": {A, P, L, M}, "edit": {M}, "fire": {}},
    "withdrawn": {"view": {A, L, M}, "edit": {M}, "fire": {}},
}
#: Where each transition leads (written down, checked against the workflow too).
TARGET = {
    "accept": "processing",
    "refuse": "rejected",
    "request_supplement": "supplement",
    "resume": "processing",
    "submit_for_approval": "approval",
    "send_back": "processing",
    "approve": "result",
    "deny": "rejected",
    "stop": "stopped",
    "deliver": "returned",
    "withdraw": "withdrawn",
}


def can_view(user: str | None, state: str) -> bool:
    return user in EXPECTED[state]["view"]


def can_edit(user: str | None, state: str) -> bool:
    return user in EXPECTED[state]["edit"]


def may_fire(user: str | None, state: str) -> set[str]:
    return set(EXPECTED[state]["fire"].get(user, ()))


def create_role_users() -> None:
    """The Manager, Reader, Contributor and Reviewer, and the member
    :func:`share` gives local roles to (after ``create_officials``)."""
    for username, roles in ROLE_USERS.items():
        add_user(username, roles)


def share(obj, userid: str = SHARED) -> None:
    """Give ``userid`` every role of the sharing page on ``obj``, through the
    sharing page's own code (``@@sharing``), as a Manager would."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        sharing = getMultiAdapter((obj, obj.REQUEST), name="sharing")
        sharing.update_role_settings(
            [{"id": userid, "type": "user", "roles": SHARING_ROLES}], reindex=True
        )
    assert set(SHARING_ROLES) <= set(obj.get_local_roles_for_userid(userid))
