"""IntIds for the objects an import adds, without a walk to the root each.

five.intid's ``register`` builds a ``KeyReferenceToPersistent`` for every new
object: its path, then its connection and the application root found by
walking up the acquisition chain (two adapter lookups and a walk each time),
then an ``ids`` lookup.  For the objects a historic import adds (a dossier,
its relation), the root, its database and the connection's database are the
same every time, and a new object is never registered yet.

:class:`IntIdRegistry` learns those three values from one reference built by
five.intid itself, then builds the next references with the same state
(``tests/exchange/test_dossier_keys.py`` compares them attribute by
attribute with five.intid's own).  Anything else (another IntIds utility,
another key reference class) goes through five.intid unchanged.
"""

from Acquisition import aq_base
from five.intid.intid import IntIds
from five.intid.keyreference import KeyReferenceToPersistent
from zope.keyreference.interfaces import IKeyReference


class IntIdRegistry:
    """Registers new objects in ``intids`` as ``intids.register`` would."""

    def __init__(self, intids):
        self.intids = intids
        self._plain = type(intids).register is IntIds.register
        self._shared: dict[bool, tuple] = {}

    def register(self, obj, jar) -> int:
        """The new IntId of ``obj`` (wrapped, never registered before);
        ``jar`` is the connection its container lives in."""
        if not self._plain:
            return self.intids.register(obj)
        has_path = hasattr(obj, "getPhysicalPath")
        shared = self._shared.get(has_path)
        if shared is None:
            key = IKeyReference(obj)
            if type(key) is not KeyReferenceToPersistent:
                self._plain = False
                return self.intids.register(obj)
            self._shared[has_path] = (key.root_oid, key.root_dbname, key.dbname)
            found = self.intids.ids.get(key, None)
            if found is not None:
                return found
        else:
            key = self._key(obj, jar, has_path, shared)
        uid = self.intids._generateId()
        self.intids.refs[uid] = key
        self.intids.ids[key] = uid
        return uid

    @staticmethod
    def _key(obj, jar, has_path: bool, shared: tuple) -> KeyReferenceToPersistent:
        """``KeyReferenceToPersistent(obj)``, its state set in the same order."""
        key = KeyReferenceToPersistent.__new__(KeyReferenceToPersistent)
        key.path = "/".join(obj.getPhysicalPath()) if has_path else None
        base = aq_base(obj)
        key.object = base
        if not getattr(base, "_p_oid", None):
            jar.add(base)
        key.root_oid, key.root_dbname, dbname = shared
        key.oid = base._p_oid
        key.dbname = dbname
        return key
