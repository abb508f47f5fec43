"""The section "Tra cứu hồ sơ" shows the status lookup page."""

from luanthanh.policy.config import logger


SECTION_ID = "tra-cuu-ho-so"
LAYOUT = "tra-cuu-ho-so"


def use_lookup_layout(portal) -> bool:
    """Make ``@@tra-cuu-ho-so`` the view of the section ``tra-cuu-ho-so``.

    Safe to run again; does nothing (and says so) when the section is missing.
    """
    section = portal.get(SECTION_ID)
    if section is None:
        logger.warning(
            "No section %s: the lookup page stays at @@%s", SECTION_ID, LAYOUT
        )
        return False
    if section.getLayout() != LAYOUT:
        section.setLayout(LAYOUT)
    return True
