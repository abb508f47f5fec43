"""1024 → 1025: fees and payments of dossiers (issue #18).

* The permission ``luanthanh.policy: Collect fees`` for the desk
  (DossierReceiver) and Manager (rolemap).
* The registry records ``luanthanh.policy.payment.*``: the collecting account
  of VietQR payments and the reasons of exemptions; values already set are
  kept.
* The configlet of the control panel "Thanh toán".

Dossiers need nothing: those made before keep "not recorded" (no fee
status), and ``deliver`` never waits for them.  Run again, it changes
nothing.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "plone.app.registry", "controlpanel"))
