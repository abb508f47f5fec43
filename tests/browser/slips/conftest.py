"""Dossiers in every situation a slip is printed for, over the WSGI server.

The situations (``SITUATIONS``: state and route), names, reasons and dates
are in ``luanthanh.policy.testing.scenarios``.
"""

from luanthanh.policy.api import dossier as api_dossier
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.paths import dossier_in_state
from luanthanh.policy.testing.scenarios import DOCUMENTS
from luanthanh.policy.testing.scenarios import DUE
from luanthanh.policy.testing.scenarios import NAMES
from luanthanh.policy.testing.scenarios import RECEIVED
from luanthanh.policy.testing.scenarios import RECEIVED_PAPERS
from luanthanh.policy.testing.scenarios import SITUATIONS
from luanthanh.policy.testing.scenarios import SLIP_COMMENTS
from plone import api

import pytest
import transaction


def build(portal) -> dict:
    """One dossier per situation; the received one has fixed dates."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(portal, required_documents=DOCUMENTS)
        dossiers = {}
        for key, (state, via) in SITUATIONS.items():
            dossiers[key] = dossier_in_state(
                portal,
                state,
                procedure,
                via=via,
                comments=SLIP_COMMENTS,
                applicant_name=NAMES[key],
                applicant_address="Thôn Đông, xã Luận Thành",
                notes="GHI CHÚ NỘI BỘ KHÔNG IN",
            )
        received = dossiers["received"]
        api_dossier.record_received_documents(received, RECEIVED_PAPERS)
        received.received_at = RECEIVED
        received.due_date = DUE
        received.history[0]["time"] = RECEIVED
        received.history._p_changed = True
        received.reindexObject()
    return dossiers


def describe(portal, dossiers: dict) -> dict:
    return {
        "portal": portal,
        "portal_url": portal.absolute_url(),
        "folder_url": portal["ho-so"].absolute_url(),
        "dossiers": dossiers,
        "urls": {key: d.absolute_url() for key, d in dossiers.items()},
        "codes": {key: d.code for key, d in dossiers.items()},
    }


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """Read-only tests share one site per class."""
    dossiers = build(functional_portal_class)
    transaction.commit()
    return describe(functional_portal_class, dossiers)


@pytest.fixture
def fresh_site(functional_portal):
    """For tests that change the dossiers."""
    dossiers = build(functional_portal)
    transaction.commit()
    return describe(functional_portal, dossiers)


@pytest.fixture
def desk():
    return session_for("motcua")
