"""1012 → 1013: the officials' REST search over dossiers (issue #14).

The permission "luanthanh.policy: Search dossiers" of ``GET @dossier-search``,
for Manager and the three official roles only (the rolemap).
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap",))
