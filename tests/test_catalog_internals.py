"""``catalog_internals.MergeableOkapiIndex``: concurrent additions to the
same words of a full-text index commit without a ConflictError (a real
FileStorage, ZODB's own conflict resolution); ``LoneRows``: a value's only
record kept as an int."""

from Acquisition import aq_base
from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IITreeSet
from luanthanh.policy.catalog_internals import as_set
from luanthanh.policy.catalog_internals import keep_lone_rows
from luanthanh.policy.catalog_internals import LoneRowsFieldIndex
from luanthanh.policy.catalog_internals import make_mergeable
from luanthanh.policy.catalog_internals import MergeableOkapiIndex
from Products.PluginIndexes.BooleanIndex.BooleanIndex import BooleanIndex
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.ZCatalog.Catalog import Catalog
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from types import SimpleNamespace
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import transaction


#: What two dossiers of one day share: the procedure and the day of the code.
SHARED = "dang ky khai sinh 251205"


@pytest.fixture
def db(tmp_path):
    database = DB(FileStorage(str(tmp_path / "Data.fs")))
    yield database
    database.close()


def _lexicon():
    return Lexicon(Splitter(), CaseNormalizer())


def _index(db, factory) -> None:
    """A text index holding two documents."""
    manager = transaction.TransactionManager()
    connection = db.open(manager)
    index = connection.root()["index"] = factory(_lexicon())
    index.index_doc(1, f"{SHARED} nguyen van an")
    index.index_doc(2, f"{SHARED} tran thi binh")
    manager.commit()
    connection.close()


def _add_concurrently(db, names=("le van cuong", "pham thi dung")) -> None:
    """Two submissions index a document each, from the same committed state."""
    managers = [transaction.TransactionManager() for _ in names]
    connections = [db.open(m) for m in managers]
    for docid, (connection, name) in enumerate(
        zip(connections, names, strict=True), start=3
    ):
        connection.root()["index"].index_doc(docid, f"{SHARED} {name}")
    try:
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def test_concurrent_additions_merge(db):
    _index(db, MergeableOkapiIndex)
    _add_concurrently(db)
    connection = db.open()
    index = connection.root()["index"]
    for word in (*SHARED.split(), "van", "thi"):
        wid = index._lexicon._wids[word]
        expected = (
            {1, 2, 3, 4} if word in SHARED else {1, 3} if word == "van" else {2, 4}
        )
        assert set(index._wordinfo[wid].keys()) == expected, word
    assert {docid for docid, _score in index.search("khai sinh").items()} == {
        1,
        2,
        3,
        4,
    }
    assert set(index.search("cuong").keys()) == {3}
    assert set(index.search("dung").keys()) == {4}
    connection.close()


def test_the_stock_index_conflicts(db):
    """The control: ZCTextIndex's Okapi index (a dict per word up to 10)."""
    _index(db, OkapiIndex)
    with pytest.raises(ConflictError):
        _add_concurrently(db)


def test_a_stock_index_is_converted_in_place():
    okapi = OkapiIndex(_lexicon())
    okapi.index_doc(1, "khai sinh")
    okapi.index_doc(2, "khai tu")
    text_index = SimpleNamespace(index=okapi, _index_factory=OkapiIndex)
    assert make_mergeable(text_index) is True
    converted = text_index.index
    assert isinstance(converted, MergeableOkapiIndex)
    assert text_index._index_factory is MergeableOkapiIndex
    assert all(isinstance(v, IIBTree) for v in converted._wordinfo.values())
    assert set(converted.search("khai").keys()) == {1, 2}
    converted.index_doc(3, "khai sinh")
    assert set(converted.search("sinh").keys()) == {1, 3}
    assert make_mergeable(text_index) is False  # idempotent


# LoneRows ---------------------------------------------------------------------


def _lone_field_index():
    index = FieldIndex("code")
    index.__class__ = LoneRowsFieldIndex
    return index


def _found(index, value) -> list[int]:
    result = index._apply_index({"code": value})
    return list(result[0]) if result else []


def test_a_lone_record_is_an_int_until_a_second_comes():
    index = _lone_field_index()
    index.index_object(1, SimpleNamespace(code="A"))
    index.index_object(2, SimpleNamespace(code="B"))
    assert index._index["A"] == 1  # no set written for one record
    assert _found(index, "A") == [1]
    assert list(as_set(index._index["B"])) == [2]

    index.index_object(3, SimpleNamespace(code="A"))
    assert isinstance(index._index["A"], IITreeSet)
    assert _found(index, "A") == [1, 3]
    assert index.numObjects() == 3
    assert index.indexSize() == 2
    assert [(key, list(rids)) for key, rids in index.items()] == [
        ("A", [1, 3]),
        ("B", [2]),
    ]

    index.unindex_object(2)
    assert "B" not in index._index
    index.index_object(1, SimpleNamespace(code="B"))  # a changed value
    assert _found(index, "A") == [3]
    assert index._index["B"] == 1
    assert index.indexSize() == 2


def test_the_stock_index_writes_a_set_for_every_value():
    """Positive control: ZCatalog's own FieldIndex."""
    index = FieldIndex("code")
    index.index_object(1, SimpleNamespace(code="A"))
    assert isinstance(index._index["A"], IITreeSet)


def test_keep_lone_rows_converts_the_stock_classes_in_place():
    inner = Catalog()
    for index in (
        FieldIndex("code"),
        DateIndex("day"),
        KeywordIndex("keys"),
        BooleanIndex("flag"),
    ):
        inner.addIndex(index.getId(), index)
    catalog = SimpleNamespace(_catalog=inner)
    for name in ("code", "day", "keys"):
        assert keep_lone_rows(catalog, name)
        index = aq_base(inner.getIndex(name))
        assert type(index).__name__.startswith("LoneRows")
        assert index.meta_type in ("FieldIndex", "DateIndex", "KeywordIndex")
        assert not keep_lone_rows(catalog, name)  # once
    assert not keep_lone_rows(catalog, "flag")  # no such class for it
