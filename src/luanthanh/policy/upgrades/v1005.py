"""1004 → 1005: historic dossier import.

The permission ``luanthanh.policy: Import dossiers`` (``@dossier-import``)
for Manager and Site Administrator.
"""

PROFILE = "profile-luanthanh.policy:default"


def upgrade(setup_tool) -> None:
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
