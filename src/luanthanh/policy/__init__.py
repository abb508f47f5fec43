"""luanthanh.policy: the Luận Thành Public Administrative Service Center."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "luanthanh.policy"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


# Register the lexicon element before any GenericSetup import needs it.
from luanthanh.policy.indexers import textfolding  # noqa: E402,F401
