"""1007 → 1008: code in online forms (issue #14).

easyform's code permissions for Manager only ("Add Mailers" was also given to
Owner and Site Administrator), and the browser layer
``IEasyFormPolicyLayer`` of our model editors and REST adapters for
EasyForms.  Existing forms keep their models: code already in them stays,
only new or changed code needs the permissions.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "browserlayer"))
