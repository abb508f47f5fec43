"""Attribute lookups of dossiers and of the book without Dexterity's schema walk.

:func:`no_field_lookup` is the ``__getattr__`` of
:class:`~luanthanh.policy.content.dossier.Dossier` and
:class:`~luanthanh.policy.content.dossier.DossierFolder`.
"""

from plone.dexterity.content import Container
from plone.folder.ordered import CMFOrderedBTreeFolderBase


#: Names that indexing, security and acquisition ask of a dossier or of the
#: book and that are never fields (besides those starting with "_" or
#: "portal_"): tools and methods found on the site.
NOT_FIELDS = frozenset(
    {
        "acl_users",
        "default_page",
        "image",
        "isTemporary",
        "path",
        "plone_utils",
        "same_day_cutoff",
    }
)


def is_field_name(name: str) -> bool:
    """False for names that no schema of a dossier or of the book may use
    (a field's name is a Python identifier: a dossier's id, which the
    import's id check looks up on the book, is none)."""
    return name.isidentifier() and not (
        name[:1] == "_" or name.startswith("portal_") or name in NOT_FIELDS
    )


def no_field_lookup(self, name):
    """Dexterity's ``__getattr__`` without the schema walk for names that are
    no field (the ``__getattr__`` of :class:`Dossier` and :class:`DossierFolder`).

    A name a dossier does not have (an acquired tool, ``acl_users``,
    ``_owner``...) goes through Dexterity's ``__getattr__``, which looks for
    a schema default in the type's schema and in each behavior (several
    lookups each time), then through the folder's children.  For the names
    of :func:`is_field_name` there is no such field
    (``tests/content/test_attributes.py``): only the children are
    looked at, as before.  A function, not a mixin class: a plain base class
    would get zope.interface's own ``__providedBy__`` and hide Dexterity's
    (the behaviors' interfaces).
    """
    if is_field_name(name):
        return Container.__getattr__(self, name)
    if self._tree is not None:
        return CMFOrderedBTreeFolderBase.__getattr__(self, name)
    raise AttributeError(name)
