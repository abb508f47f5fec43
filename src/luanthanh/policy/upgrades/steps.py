"""What the upgrade steps share: re-running the profile's import steps."""

from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from Products.CMFCore.indexing import processQueue


PROFILE = "profile-luanthanh.policy:default"
#: The import steps that carry the add-on's types, workflows, indexes and
#: settings; running them again is safe (they merge, they do not purge).
PROFILE_STEPS = (
    "rolemap",
    "typeinfo",
    "workflow",
    "catalog",
    "plone.app.registry",
    "controlpanel",
)


def run_profile_steps(setup_tool, steps=PROFILE_STEPS) -> None:
    """Run ``steps`` of ``luanthanh.policy:default`` again."""
    for step in steps:
        setup_tool.runImportStepFromProfile(PROFILE, step)


def reindex() -> None:
    """Index what is queued now, then fill the indexes the steps added."""
    processQueue()
    reindex_new_indexes()
