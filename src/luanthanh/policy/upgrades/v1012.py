"""1011 → 1012: the site address for mail links (issue #14, finding 9).

The record ``luanthanh.policy.site.public_url`` (control panel "Thông tin
Trung tâm"): links in mails are built from it, never from the request's
``Host`` header.  Empty after the upgrade: set it to the site's public
address (until then mails use ``DEFAULT_PUBLIC_URL`` and a warning is logged).
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("plone.app.registry",))
