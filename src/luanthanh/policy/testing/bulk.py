"""Many dossiers, fast: for upgrade tests and benchmarks.

:func:`bulk_dossiers` adds ``count`` dossiers in ``intake`` without events
(no code sequence, no mail, no relation catalog) and indexes them in
``catalog``: ``portal_catalog`` to rebuild the state of a site older than
1009, the dossier catalog otherwise.  Each holds an applicant phone and CCCD
derived from its number (:func:`phone_of`, :func:`id_number_of`).
"""

from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from luanthanh.policy.config import DOSSIER_WORKFLOW as WORKFLOW_ID
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContent


def phone_of(i: int) -> str:
    return f"09{i:08d}"


def id_number_of(i: int) -> str:
    return f"0380{i:08d}"


def bulk_dossiers(portal, count: int, catalog, start: int = 0) -> list[str]:
    """``count`` dossiers in ``ho-so``, indexed in ``catalog``; their paths."""
    folder = portal["ho-so"]
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW_ID)
    now = datetime.now(UTC)
    paths = []
    for i in range(start, start + count):
        code = f"000.00.99.H56-000101-{i:05d}"
        dossier = createContent(
            "Dossier",
            code=code,
            title=f"{code} Hồ sơ mẫu",
            applicant_name=f"Người nộp {i}",
            applicant_phone=phone_of(i),
            applicant_id_number=id_number_of(i),
            channel="online",
            submitted_at=now,
            received_at=now,
        )
        dossier.id = code.lower().replace(".", "-")
        folder._setObject(dossier.id, dossier, suppress_events=True)
        dossier = folder._getOb(dossier.id)
        dossier.workflow_history = PersistentMapping(
            {
                WORKFLOW_ID: (
                    {
                        "action": None,
                        "actor": "motcua",
                        "comments": "",
                        "review_state": "intake",
                        "time": DateTime(),
                    },
                )
            }
        )
        workflow.updateRoleMappingsFor(dossier)
        path = "/".join(dossier.getPhysicalPath())
        catalog.catalog_object(dossier, path)
        paths.append(path)
    return paths
