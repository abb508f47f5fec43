"""Values the dossiers indexed together share: computed once per batch.

The historic import catalogs a thousand dossiers at once (one batch).  Three
names of the dossier catalog cost more than all the others together and do
not depend on the dossier itself, only on things the batch does not change:

* the procedure behind the ``procedure`` relation (``procedure_code``,
  ``procedure_field``, ``procedure_title``, ``SearchableText``): resolving a
  RelationValue walks five.intid's key reference from the database root,
  four times per dossier;
* ``allowedRolesAndUsers``: the roles with "Access contents information" on
  the dossier plus every local role from the dossier up to the site (PAS and
  borg.localrole), although it only varies with the dossier's own permission
  setting, its own local roles and its place;
* ``mime_type``: Dexterity walks every field of every schema of the type.

Inside :func:`sharing` (a ``with`` block around the processing of the
indexing queue), :func:`remember` keeps each such answer under a key made of
everything it depends on *that can change inside the batch*; outside it,
nothing is remembered and every value is computed as before.  What a key
leaves out (the parents' local roles and permissions, the procedures, the
type's schemata) must not change inside the block: the import writes only
dossiers.  ``tests/exchange/test_dossier_catalog_identity.py`` compares an
imported dossier's catalog entry with Plone's own indexing of it.
"""

from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any


_shared: ContextVar[dict | None] = ContextVar("dossier_shared_values", default=None)


@contextmanager
def sharing() -> Iterator[dict]:
    """Remember shared values until the end of the block (nested: one memory)."""
    current = _shared.get()
    if current is not None:
        yield current
        return
    memory: dict = {}
    token = _shared.set(memory)
    try:
        yield memory
    finally:
        _shared.reset(token)


def active() -> bool:
    return _shared.get() is not None


def remember(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per ``key`` inside :func:`sharing`; else each time."""
    memory = _shared.get()
    if memory is None:
        return compute()
    try:
        return memory[key]
    except KeyError:
        value = memory[key] = compute()
        return value
