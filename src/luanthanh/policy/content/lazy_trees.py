"""A dossier's folder trees, made when its first item is added (issue #15).

BTreeFolder2 gives every folder three persistent objects at creation: the
id → item tree ``_tree``, the count ``_count`` and the meta type index
``_mt_index``.  Most dossiers hold no file (every historic one, most counter
ones), yet each wrote those three empty objects: a tenth of what an imported
dossier costs to commit.  A :class:`Dossier
<luanthanh.policy.content.dossier.Dossier>` makes them at its first
``_setOb`` instead; until then, reading any of them gives a new empty one,
stored nowhere (an empty folder to every reader).  Dossiers stored with
their trees keep them.

Class attributes and functions, not a mixin class: see
:func:`~luanthanh.policy.content.attributes.no_field_lookup`.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from Products.BTreeFolder2.BTreeFolder2 import BTreeFolder2Base


class LazyTree:
    """The stored tree ``name`` of a folder, or a new empty one, unstored."""

    def __init__(self, empty):
        self.empty = empty
        self.name = ""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__.get(self.name)
        return self.empty() if value is None else value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.name] = value
        obj._p_changed = True

    def __delete__(self, obj) -> None:
        obj.__dict__.pop(self.name, None)
        obj._p_changed = True


def tree() -> LazyTree:
    return LazyTree(OOBTree)


def count() -> LazyTree:
    return LazyTree(Length)


def has_trees(obj) -> bool:
    """Whether the folder stores its trees (it had an item once)."""
    obj._p_activate()
    return obj.__dict__.get("_tree") is not None


def no_trees(self) -> None:
    """``_initBTrees`` at creation: nothing yet."""


def make_trees(obj) -> None:
    """Give the folder its trees, unless it has them (before an add)."""
    if not has_trees(obj):
        BTreeFolder2Base._initBTrees(obj)
