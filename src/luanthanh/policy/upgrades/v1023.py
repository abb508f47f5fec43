"""1022 → 1023: the dossier workflow's states read as states (issue #17).

"Đã có kết quả, chờ trả", "Đã từ chối", "Đã dừng giải quyết", "Đã rút hồ
sơ"; the transitions keep their action names, and "công dân" becomes "người
nộp hồ sơ" (applicants are also organisations).  Only the workflow step runs
again: the state and transition ids, the dossiers' ``review_state``, their
history and their role mappings stay as they are (no ``updateRoleMappings``).
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("workflow",))
