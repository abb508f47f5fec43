"""``scripts/make_instance.py`` for each ZODB_BACKEND, parsed with Zope's
own configuration schema; ZEO for real (a runzeo server on loopback)."""

from luanthanh.policy.testing.processes import free_port
from pathlib import Path
from scripts.make_instance import command as make_instance_command

import os
import pytest
import socket
import subprocess
import sys
import time
import transaction


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def make_instance(tmp_path, **env) -> Path:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "ZODB_BACKEND",
            "RELSTORAGE_DSN",
            "ZEO_ADDRESS",
            "DOSSIER_CODE_SEQUENCE",
            "MAX_CONFLICT_RETRIES",
            "CHAMELEON_CACHE",
            "DOSSIER_FOLLOWUP",
        )
    }
    result = subprocess.run(
        make_instance_command(tmp_path),
        env={**environment, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "instance" / "etc" / "zope.conf"


def load(zope_conf: Path):
    """Parse it as ``runwsgi`` does (nothing is opened)."""
    from Zope2.Startup.options import ZopeWSGIOptions

    return ZopeWSGIOptions(str(zope_conf))().configroot


def environment(config) -> dict:
    return dict(config.environment)


def test_filestorage_is_the_default(tmp_path):
    config = load(make_instance(tmp_path))
    [db] = config.databases
    storage = db.config.storage
    assert storage.config.path == str(tmp_path / "var" / "filestorage" / "Data.fs")
    assert storage.config.blob_dir == str(tmp_path / "var" / "blobstorage")
    assert environment(config)["DOSSIER_CODE_SEQUENCE"] == "transaction"
    # Submissions conflicting on Plone's intids, relations and catalog
    # buckets were given up as HTTP 500 after Zope's 3 (bench-submissions).
    assert config.max_conflict_retries == 10
    assert db.config.pool_size == 9  # 4 threads, and one more connection each
    # A submission's dossier is indexed after its response
    # (dossiers/followup_worker.py).
    assert environment(config)["DOSSIER_FOLLOWUP"] == "background"


def test_the_follow_up_can_run_in_the_request(tmp_path):
    config = load(make_instance(tmp_path, DOSSIER_FOLLOWUP="inline"))
    assert environment(config)["DOSSIER_FOLLOWUP"] == "inline"


def test_compiled_templates_in_var_or_a_shared_cache(tmp_path):
    """var/cache by default; CHAMELEON_CACHE names a cache the instances of
    one checkout share (the Makefile and the proofs set it)."""
    config = load(make_instance(tmp_path / "own"))
    assert environment(config)["CHAMELEON_CACHE"] == str(
        tmp_path / "own" / "var" / "cache"
    )
    shared = tmp_path / "shared" / "cache"
    shared.mkdir(parents=True)
    config = load(make_instance(tmp_path / "two", CHAMELEON_CACHE=str(shared)))
    assert environment(config)["CHAMELEON_CACHE"] == str(shared)


def test_relstorage(tmp_path):
    dsn = "host=127.0.0.1 port=18350 dbname=luanthanh user=luanthanh password=x"
    config = load(
        make_instance(tmp_path, ZODB_BACKEND="relstorage", RELSTORAGE_DSN=dsn)
    )
    [db] = config.databases
    options = db.config.storage.config
    assert options.keep_history is False
    assert options.shared_blob_dir is False  # blobs in the database
    assert options.blob_dir == str(tmp_path / "var" / "blobcache")
    assert options.adapter.config.dsn == dsn
    assert environment(config)["DOSSIER_CODE_SEQUENCE"] == "postgresql"
    assert config.max_conflict_retries == 10


@pytest.mark.parametrize(
    "env,said",
    [
        ({"ZODB_BACKEND": "relstorage", "RELSTORAGE_DSN": ""}, "RELSTORAGE_DSN"),
        ({"ZODB_BACKEND": "mongodb"}, "filestorage"),
    ],
    ids=["relstorage_needs_a_dsn", "unknown_backend"],
)
def test_refused(tmp_path, env, said):
    result = subprocess.run(
        make_instance_command(tmp_path),
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert said in result.stderr


@pytest.mark.slow
def test_zeo_for_real(tmp_path):
    """The written zeo.conf serves, the written zope.conf's database is its
    client: two clients see each other's commits, blobs included."""
    address = f"127.0.0.1:{free_port()}"
    zope_conf = make_instance(tmp_path, ZODB_BACKEND="zeo", ZEO_ADDRESS=address)
    zeo_conf = zope_conf.parent / "zeo.conf"
    server = subprocess.Popen(
        [str(BIN / "runzeo"), "-C", str(zeo_conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        host, port = address.split(":")
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection((host, int(port)), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "runzeo did not listen"
                time.sleep(0.2)
        config = load(zope_conf)
        assert environment(config)["DOSSIER_CODE_SEQUENCE"] == "transaction"
        [factory] = config.databases
        first = factory.open("main", {})
        from ZODB.blob import Blob

        with first.transaction() as conn:
            conn.root()["blob"] = Blob(b"Gi\xe1\xba\xa5y ch\xe1\xbb\xa9ng sinh")
            conn.root()["n"] = 1
        first.close()
        second = factory.open("main", {})
        with second.transaction() as conn:
            assert conn.root()["n"] == 1
            with conn.root()["blob"].open() as f:
                assert f.read().decode() == "Giấy chứng sinh"
        second.close()
        assert (tmp_path / "var" / "filestorage" / "Data.fs").stat().st_size > 0
    finally:
        transaction.abort()
        server.terminate()
        server.wait(timeout=30)
