"""1017 → 1018: the dossier catalog gets the queue of new online dossiers and
the registry of submission tokens (issue #15).

A new online dossier is indexed in a short transaction after its submission
commits (:mod:`luanthanh.policy.dossiers.pending`).  The step creates both
structures on ``portal_dossier_catalog`` now, so that the first submissions
after the upgrade do not all write the tool itself; the tokens of older
dossiers stay in the catalog's ``submission_token`` index, where the online
forms still look.  Run again, it changes nothing.
"""

from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog


def upgrade(setup_tool) -> None:
    pending.install(catalog())
