"""Setup handlers of the ``default``, ``uninstall`` and ``demo`` profiles."""

from luanthanh.policy.setuphandlers.install import HiddenProfiles
from luanthanh.policy.setuphandlers.install import post_install
from luanthanh.policy.setuphandlers.install import uninstall


__all__ = ["HiddenProfiles", "post_install", "uninstall"]
