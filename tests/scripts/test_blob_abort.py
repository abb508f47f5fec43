"""A commit that fails elsewhere never deletes another commit's blob files.

ZODB's ``<blobstorage>`` wrapper removes, on any ``tpc_abort``, the blob files
stored so far by the transaction that is committing at that moment, even when
the transaction being aborted is another one (a commit that failed before it
reached this storage, under concurrency).  The committing transaction then
finishes with blob records whose files are gone: ``POSKeyError`` on an
acknowledged dossier's PDF (seen in the crash proof, the backup proof and
``bench-submissions``).  ``make_instance.py`` therefore writes a FileStorage
with its own ``blob-dir``, whose abort only touches its own transaction.
"""

from pathlib import Path
from scripts.make_instance import command as make_instance_command
from ZODB.blob import BlobStorage
from ZODB.Connection import TransactionMetaData
from ZODB.FileStorage import FileStorage
from ZODB.utils import z64

import os
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
BLOB_RECORD = b"\x80\x03cZODB.blob\nBlob\nq\x00.\x80\x03N."  # an empty Blob state


def _commit_while_another_aborts(storage, tmp_path: Path) -> str:
    """Store a blob in one transaction; abort another meanwhile; finish the
    first; return the committed blob's file name (which must exist)."""
    upload = tmp_path / "upload"
    upload.write_bytes(b"%PDF-1.4 giay chung sinh")
    first, other = TransactionMetaData(), TransactionMetaData()
    oid = storage.new_oid()
    storage.tpc_begin(first)
    storage.storeBlob(oid, z64, BLOB_RECORD, str(upload), "", first)
    storage.tpc_abort(other)  # another request's failed commit
    storage.tpc_vote(first)
    tid = storage.tpc_finish(first)
    return storage.fshelper.getBlobFilename(oid, tid)


def _instance_storage(tmp_path: Path):
    """The storage of the ``zope.conf`` that ``make start`` writes."""
    environment = {k: v for k, v in os.environ.items() if k != "ZODB_BACKEND"}
    subprocess.run(
        make_instance_command(tmp_path),
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    script = (
        "import sys\n"
        "from Zope2.Startup.options import ZopeWSGIOptions\n"
        "config = ZopeWSGIOptions(sys.argv[1])().configroot\n"
        "[db] = config.databases\n"
        "print(type(db.config.storage.open()).__module__)\n"
    )
    zope_conf = tmp_path / "instance" / "etc" / "zope.conf"
    result = subprocess.run(
        [sys.executable, "-c", script, str(zope_conf)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


def test_the_instance_storage_keeps_the_blob(tmp_path):
    assert _instance_storage(tmp_path) == "ZODB.FileStorage.FileStorage"
    storage = FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(tmp_path / "blobs"))
    try:
        committed = _commit_while_another_aborts(storage, tmp_path)
        assert os.path.exists(committed)
    finally:
        storage.close()


def test_the_blobstorage_wrapper_loses_it(tmp_path):
    """The control: the wrapper the instance used before loses the file."""
    storage = BlobStorage(
        str(tmp_path / "blobs"), FileStorage(str(tmp_path / "Data.fs"))
    )
    try:
        committed = _commit_while_another_aborts(storage, tmp_path)
        assert not os.path.exists(committed)
    finally:
        storage.close()
