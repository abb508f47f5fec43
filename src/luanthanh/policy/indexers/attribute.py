"""The indexer that reads one attribute of the object, for the plain indexes."""

from plone.indexer import indexer
from zope.interface.interface import InterfaceClass


def attribute_indexer(interface: InterfaceClass, name: str, empty=None):
    """An indexer of ``interface`` returning the object's attribute ``name``.

    A missing value (None, or an empty text or set) is indexed as ``empty``.
    """

    def value(obj):
        return getattr(obj, name) or empty

    value.__name__ = value.__qualname__ = name
    return indexer(interface)(value)
