"""1009 → 1010: form stamps expire (issue #14, finding 12).

The registry record ``luanthanh.policy.online.stamp_max_age_hours`` (24 by
default): a guarded online form older than that asks to be reloaded.  The
registry step merges; existing settings keep their values.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("plone.app.registry",))
