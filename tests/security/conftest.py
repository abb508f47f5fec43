"""Helpers of the security tests: users, HTTP sessions, CSRF tokens, dossiers.

The security tests talk to the functional layer's WSGI server with
``requests``, as a browser or an API client would.  plone.protect's automatic
CSRF protection is on in that layer (``PLONE_CSRF_DISABLED`` must not be set;
``test_csrf.py`` checks it).
"""

from luanthanh.policy.security import login
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect.authenticator import createToken
from tests.dossiers.conftest import fire
from tests.dossiers.conftest import make_dossier
from tests.dossiers.conftest import PASSWORD

import pytest
import requests


# Every role the matrix covers: user id (None = Anonymous) → who they are.
USERS = {
    None: "Anonymous",
    "congdan": "Member",
    "motcua": "desk (DossierReceiver)",
    "chuyenvien": "assigned processor (local DossierAssignee)",
    "chuyenvien2": "unassigned processor (DossierProcessor)",
    "lanhdao": "approver (DossierApprover)",
    "bientap": "Editor",
    "quantri": "Site Administrator",
}

# How to bring a dossier into each state: (transition, actor, comment).
PATHS = {
    "intake": [],
    "processing": [("accept", "motcua", "")],
    "supplement": [
        ("accept", "motcua", ""),
        ("request_supplement", "chuyenvien", "Bổ sung giấy tờ"),
    ],
    "approval": [("accept", "motcua", ""), ("submit_for_approval", "chuyenvien", "")],
    "result": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("approve", "lanhdao", ""),
    ],
    "returned": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("approve", "lanhdao", ""),
        ("deliver", "motcua", ""),
    ],
    "rejected": [("refuse", "motcua", "Không đủ giấy tờ")],
    "stopped": [("accept", "motcua", ""), ("stop", "chuyenvien", "Công dân rút")],
    "withdrawn": [("withdraw", "motcua", "")],
}

# What the applicant's personal data looks like in the test dossiers; no
# answer to someone who may not see the dossier may contain any of these.
APPLICANT = {
    "applicant_name": "Trần Thị Bí Mật",
    "applicant_phone": "0987 654 321",
    "applicant_id_number": "001199012345",
    "applicant_email": "bimat@example.org",
    "applicant_address": "Số 7 ngõ Kín, thôn Đông",
}
SECRETS = (
    "Trần Thị Bí Mật",
    "Bí Mật",
    "0987654321",
    "0987 654 321",
    "001199012345",
    "bimat@example.org",
    "ngõ Kín",
)


def dossier_in(portal, procedure, state: str, **data):
    """A dossier with an attachment and a result file, brought to ``state``."""
    values = dict(APPLICANT)
    values.update(data)
    dossier = make_dossier(portal, procedure, **values)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=dossier,
            type="File",
            id="cccd.pdf",
            title="Bản chụp CCCD",
            file=NamedBlobFile(b"%PDF-1.4 cccd", filename="cccd.pdf"),
        )
        dossier.result_file = NamedBlobFile(b"%PDF-1.4 ket qua", filename="kq.pdf")
    for transition, actor, comment in PATHS[state]:
        fire(dossier, transition, actor, comment)
    assert api.content.get_state(dossier) == state
    return dossier


def session_for(user: str | None) -> requests.Session:
    session = requests.Session()
    if user:
        session.auth = (user, PASSWORD)
    return session


def token_for(user: str | None) -> str:
    """A valid plone.protect token for ``user`` (the keyring is in the ZODB)."""
    if user is None:
        return createToken()
    with api.env.adopt_user(username=user):
        return createToken()


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture(autouse=True)
def _fresh_login_counts():
    """The login throttle counts in memory per process: start clean."""
    login.failures.reset()
    yield
    login.failures.reset()
