"""luanthanh.policy: the Luận Thành Public Administrative Service Center."""

from luanthanh.policy.config import logger
from luanthanh.policy.config import PACKAGE_NAME
from luanthanh.policy.i18n import _

# Register the lexicon element before any GenericSetup import needs it.
from luanthanh.policy.indexers import textfolding


__all__ = ["PACKAGE_NAME", "_", "logger", "textfolding"]
