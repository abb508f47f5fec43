"""1018 → 1019: the center's identity on the public site (issue #16).

* The logo and favicon drawn for the center become Plone's site logo and
  favicon (registry records ``plone.site_logo`` and ``plone.site_favicon``),
  unless a Site Administrator uploaded others.
* Plone's copyright line and "Powered by Plone" leave the footer (the footer
  portlets ``footer`` and ``colophon`` of the site root).
* The "Thông tin Trung tâm" settings get the responsible agency, shown in the
  footer with the e-mail address.

Run again, it changes nothing.
"""

from luanthanh.policy.setuphandlers.brand import install_brand
from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("plone.app.registry", "portlets"))
    install_brand()
