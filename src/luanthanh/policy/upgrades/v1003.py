"""1002 → 1003: online submission, status lookup and rating.

New catalog indexes (``submission_token``, ``rating``), the settings of
online forms, the lookup and the rating; the section ``tra-cuu-ho-so`` shows
the status lookup page.
"""

from luanthanh.policy.setuphandlers.lookup import use_lookup_layout
from luanthanh.policy.setuphandlers.site import use_section_layouts
from luanthanh.policy.upgrades.steps import reindex
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool)
    use_lookup_layout(api.portal.get())
    use_section_layouts(api.portal.get())
    reindex()
