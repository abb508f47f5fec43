"""1004 → 1005: historic dossier import.

The permission ``luanthanh.policy: Import dossiers`` (``@dossier-import``)
for Manager and Site Administrator.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap",))
