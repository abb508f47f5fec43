"""The deadline settings (IDeadlineSettings), read from the registry.

Read with ``queryUtility`` rather than ``plone.api``: the deadline engine
also runs outside a site (scripts, the benchmark's set-up), where it uses
its defaults.
"""

from luanthanh.policy.deadlines.interfaces import IDeadlineSettings
from luanthanh.policy.deadlines.interfaces import PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility
from zope.schema import getFieldNames


def deadline_records() -> dict | None:
    """Field name → stored value of each record; None outside a site."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return None
    return {
        name: registry.get(f"{PREFIX}.{name}")
        for name in getFieldNames(IDeadlineSettings)
    }
