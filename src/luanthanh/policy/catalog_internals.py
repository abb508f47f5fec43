"""The one module that touches ZCatalog's private structures.

The dashboard and the statistics read the catalog's index BTrees directly,
with C set operations, so that they stay fast with a million dossiers.  Those
structures (``_catalog``, ``Index._index``, ``DateIndex._convert``,
``LazyMap._seq``) are not a public API: a Products.ZCatalog upgrade may change
them.  Keeping every such access here puts that risk in one file, which the
tests exercise through the dashboard and statistics suites.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import multiunion
from datetime import datetime
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.ZCTextIndex.OkapiIndex import OkapiIndex


def as_set(value) -> IISet:
    """A FieldIndex keeps a lone record id as an int; sets stay sets."""
    if value is None:
        return IISet()
    if isinstance(value, int):
        return IISet((value,))
    return value


def result_rids(results) -> IISet:
    """The record ids of a catalog result, without making a single brain.

    A ``LazyMap`` keeps the ids it maps (``_seq``): the result set's keys, or
    ``(score, rid)`` pairs for a full-text query.  Anything else falls back to
    the brains' ``getRID`` (correct, only slower).
    """
    if not len(results):
        return IISet()
    seq = getattr(results, "_seq", None)
    if seq is not None and getattr(results, "_func", None) is not None:
        first = seq[0]
        if isinstance(first, int):
            return IISet(seq)
        if isinstance(first, tuple) and len(first) == 2 and isinstance(first[1], int):
            return IISet(rid for _score, rid in seq)
    return IISet(brain.getRID() for brain in results)


def index(catalog, name: str):
    """The index object ``name`` of ``catalog`` (a ZCatalog tool)."""
    return catalog._catalog.getIndex(name)


def index_tree(catalog, name: str):
    """The forward BTree (value -> record ids) of index ``name``."""
    return index(catalog, name)._index


def index_set(catalog, name: str, value) -> IISet:
    """Every record whose index ``name`` matches ``value``.

    Not secured: only ever intersect it with a secured result set.
    """
    found = catalog.Indexes[name]._apply_index({name: value})
    return found[0] if found else IISet()


def field_set(catalog, name: str, value) -> IISet:
    """The record ids stored under ``value`` in FieldIndex ``name``."""
    return as_set(index_tree(catalog, name).get(value))


def field_items(catalog, name: str):
    """``(value, record ids)`` pairs of FieldIndex ``name``, in value order."""
    return ((key, as_set(rids)) for key, rids in index_tree(catalog, name).items())


def date_key(catalog, name: str, moment: datetime) -> int:
    """The key DateIndex ``name`` stores for ``moment``."""
    return index(catalog, name)._convert(moment)


def date_range(catalog, name: str, low: int | None, high: int | None) -> IISet:
    """Record ids whose DateIndex key is in ``[low, high)`` (None: open end)."""
    if low is not None and high is not None and high <= low:
        return IISet()
    values = index_tree(catalog, name).values(low, high, excludemax=high is not None)
    return multiunion(values)


def key_range(catalog, name: str, low, high) -> IISet:
    """Record ids under a key in ``[low, high)`` of index ``name`` (a Field or
    KeywordIndex): one C union of the sets of that key range."""
    if high <= low:
        return IISet()
    return multiunion(index_tree(catalog, name).values(low, high, excludemax=True))


def document_keys(catalog, name: str):
    """Record id -> indexed value of index ``name`` (its reverse mapping)."""
    return catalog.Indexes[name].documentToKeyMap()


def clear_index(catalog, name: str) -> None:
    """Empty index ``name`` before it is rebuilt."""
    index(catalog, name).clear()


def index_size(catalog, name: str) -> int:
    """How many objects index ``name`` holds."""
    return index(catalog, name).numObjects()


def metadata_rows(catalog, rids, columns: tuple[str, ...]):
    """The values of metadata ``columns`` of each record in ``rids``.

    Read from the catalog's metadata records (what a brain would show),
    without building brains or waking objects; records that are gone are
    skipped.
    """
    inner = catalog._catalog
    positions = [inner.schema[column] for column in columns]
    data = inner.data
    for rid in rids:
        record = data.get(rid)
        if record is None:
            continue
        yield tuple(record[position] for position in positions)


class MergeableOkapiIndex(OkapiIndex):
    """Okapi BM25, whose word → documents map ZODB can merge.

    ZCTextIndex keeps a word's documents in a plain dict up to 10 of them.
    Two transactions that touch one bucket of the word map holding such a
    dict can never be merged (BTrees cannot compare dicts), so concurrent
    submissions conflicted on the dossier catalog's full text first of all
    (``make bench-submissions``).  Here every word's documents are an
    IIBTree from the first one, and the word map is only written when a word
    is new: two submissions that add documents to the same words insert into
    BTrees, which ZODB merges.  The class is stored in the ZODB: keep its
    dotted name importable.
    """

    def _documents_of(self, wid: int):
        documents = self._wordinfo.get(wid)
        if documents is None:
            documents = self._wordinfo[wid] = IIBTree()
            self.length.change(1)
        elif isinstance(documents, dict):  # stored by the stock index
            documents = self._wordinfo[wid] = IIBTree(documents)
        return documents

    def _add_wordinfo(self, wid, f, docid):
        self._documents_of(wid)[docid] = f

    def _mass_add_wordinfo(self, wid2weight, docid):
        for wid, weight in wid2weight.items():
            self._documents_of(wid)[docid] = weight


def make_mergeable(text_index) -> bool:
    """Give a ZCTextIndex a :class:`MergeableOkapiIndex` with the same data
    (its dict-held words become IIBTrees); True if it changed."""
    okapi = text_index.index
    if isinstance(okapi, MergeableOkapiIndex):
        return False
    okapi._p_activate()
    mergeable = MergeableOkapiIndex(okapi._lexicon)
    mergeable.__setstate__(okapi.__getstate__())
    wordinfo = mergeable._wordinfo
    for wid, documents in list(wordinfo.items()):
        if isinstance(documents, dict):
            wordinfo[wid] = IIBTree(documents)
    text_index._index_factory = MergeableOkapiIndex
    text_index.index = mergeable
    return True


class LoneRows:
    """A Field, Date or KeywordIndex that keeps a value's only record as an
    int, and makes it an ``IITreeSet`` when a second record comes.

    Stock ZCatalog gives every new value its own ``IITreeSet`` at once: one
    more persistent object written for each value seen once (a dossier code,
    a moment to the minute, a phone key, a day).  An imported dossier wrote
    about eleven such sets (issue #15).  Every reader of ZCatalog (queries,
    sorting, ``items()``, unindexing) and of this module (:func:`as_set`,
    ``multiunion``) already reads an int row, the form ZCatalog stored before
    Zope 2.13.  The cost: two transactions that both add a second record to
    the same lone value conflict (ZODB retries one) where two sets would
    merge; the indexes written at once by concurrent submissions
    (``created``, ``modified``) keep the stock classes.  The classes are
    stored in the ZODB: keep their dotted names importable.
    """

    def insertForwardIndexEntry(self, entry, documentId):
        row = self._index.get(entry)
        if row is None:
            self._index[entry] = documentId
            self._length.change(1)
        elif isinstance(row, int):
            if row != documentId:
                self._index[entry] = IITreeSet((row, documentId))
        else:
            row.insert(documentId)


class LoneRowsFieldIndex(LoneRows, FieldIndex):
    """:class:`LoneRows` for a FieldIndex (meta type unchanged)."""


class LoneRowsDateIndex(LoneRows, DateIndex):
    """:class:`LoneRows` for a DateIndex (meta type unchanged)."""


class LoneRowsKeywordIndex(LoneRows, KeywordIndex):
    """:class:`LoneRows` for a KeywordIndex (meta type unchanged)."""


_LONE_ROWS = {
    FieldIndex: LoneRowsFieldIndex,
    DateIndex: LoneRowsDateIndex,
    KeywordIndex: LoneRowsKeywordIndex,
}


def keep_lone_rows(catalog, name: str) -> bool:
    """Give index ``name`` of ``catalog`` its :class:`LoneRows` class (its
    data unchanged: sets stay sets); True if it changed."""
    index = aq_base(catalog._catalog.getIndex(name))
    lone = _LONE_ROWS.get(type(index))
    if lone is None:
        return False
    index.__class__ = lone
    index._p_changed = True
    return True
