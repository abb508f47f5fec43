"""Officials, two procedures and dossiers in every open state, for the workspace.

The data set is :func:`luanthanh.policy.testing.scenarios.build_workspace`
(shared with ``tests/restapi/services/dossier_search``).
"""

from luanthanh.policy.testing.scenarios import build_workspace
from plone import api

import pytest
import transaction


@pytest.fixture(scope="class")
def workspace(functional_portal_class):
    with api.env.adopt_roles(["Manager"]):
        dossiers = build_workspace(functional_portal_class)
    transaction.commit()
    return {
        "portal_url": functional_portal_class.absolute_url(),
        "url": f"{functional_portal_class.absolute_url()}/ho-so",
        "codes": {name: d.code for name, d in dossiers.items()},
        "urls": {name: d.absolute_url() for name, d in dossiers.items()},
    }


@pytest.fixture
def fresh(functional_portal):
    """The same data in a per-test sandbox, for tests that change it."""
    with api.env.adopt_roles(["Manager"]):
        dossiers = build_workspace(functional_portal)
    transaction.commit()
    return dossiers
