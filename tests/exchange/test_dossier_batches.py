"""Large historic files: one commit per batch (exchange/dossiers/batches.py).

On the functional layer: the batches really commit (each test runs on its
own DemoStorage, thrown away afterwards).
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.exchange.dossiers import batches as batches_module
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.exchange import dossier_row
from plone import api
from zope.component.hooks import setSite

import gc
import pytest
import transaction


@pytest.fixture
def procedure(functional_portal):
    setSite(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        made = make_procedure(functional_portal)  # 1.004873
        transaction.commit()
    return made


@pytest.fixture
def site(functional_portal, procedure):
    return functional_portal


def rows(count: int, **values) -> list:
    return exchange.dossier_rows(
        [
            dossier_row(
                code=f"OLD-{n:03d}", applicant_phone=f"0900000{n:03d}", **values
            )
            for n in range(1, count + 1)
        ]
    )


def run(site, file_rows, **kw) -> dict:
    with api.env.adopt_roles(["Manager"]):
        return exchange.import_dossiers_in_batches(site["ho-so"], file_rows, **kw)


def present(site, count: int) -> list[bool]:
    transaction.abort()  # what is committed, nothing else
    return [dossier_id(f"OLD-{n:03d}") in site["ho-so"] for n in range(1, count + 1)]


def test_one_commit_per_batch(site):
    batches = []
    result = run(site, rows(5), batch_size=2, on_batch=batches.append)
    assert [(b.number, b.first_line, b.last_line, b.rows) for b in batches] == [
        (1, 2, 3, 2),
        (2, 4, 5, 2),
        (3, 6, 6, 1),
    ]
    assert len(result["created"]) == 5
    assert present(site, 5) == [True] * 5
    # Again: idempotent, every dossier unchanged, batch after batch.
    again = run(site, rows(5), batch_size=2)
    assert (len(again["created"]), len(again["unchanged"])) == (0, 5)


def test_an_invalid_row_writes_nothing(site):
    bad = rows(5)
    bad[3].values["received_at"] = "hôm qua"
    with pytest.raises(exchange.DossierImportError) as info:
        run(site, bad, batch_size=2)
    assert not isinstance(info.value, exchange.DossierBatchError)
    assert info.value.errors[0]["line"] == 5
    assert present(site, 5) == [False] * 5


def test_a_failing_batch_keeps_the_batches_before_it(site, procedure):
    with api.env.adopt_roles(["Manager"]):
        live = create_dossier(
            procedure,
            applicant_name="Trần Văn Sống",
            applicant_phone="0900000999",
            channel="online",
        )
        transaction.commit()
    file_rows = rows(6)
    file_rows[4].values["code"] = live.code  # line 6, in batch 3
    with pytest.raises(exchange.DossierBatchError) as info:
        run(site, file_rows, batch_size=2)
    error = info.value
    assert (error.number, error.resume_line, error.committed) == (3, 6, 4)
    assert "6" in error.errors[0]["message"]
    assert error.errors[1]["line"] == 6 and error.errors[1]["column"] == "code"
    # Batches 1-2 are committed; batch 3 (lines 6-7) is not.
    assert present(site, 6) == [True, True, True, True, False, False]
    assert api.content.get_state(live) == "intake"
    # Resume after the offending row: only what is left is written.
    result = run(site, file_rows, batch_size=2, start_line=7)
    assert result["created"] == ["OLD-006"]
    assert present(site, 6) == [True, True, True, True, False, True]


def test_dry_run_writes_nothing(site):
    batches = []
    result = run(site, rows(3), batch_size=2, dry_run=True, on_batch=batches.append)
    assert len(result["created"]) == 3 and len(batches) == 2
    assert present(site, 3) == [False] * 3


def test_batch_size_must_be_positive(site):
    with pytest.raises(ValueError):
        run(site, rows(1), batch_size=0)


def test_garbage_collected_between_batches(site, procedure, monkeypatch):
    """The cyclic collector does not run while a batch is written; it runs
    after each commit (the young generations; everything every tenth batch)
    and is on again afterwards, after a failed batch too (main: it ran
    whenever a batch had allocated enough, scanning the ZODB cache)."""
    collected = []
    original_collect = gc.collect

    def collect(generation=2):
        collected.append(generation)
        return original_collect(generation)

    monkeypatch.setattr(batches_module.gc, "collect", collect)
    monkeypatch.setattr(batches_module, "FULL_COLLECTION_EVERY", 2)
    during = []
    assert gc.isenabled()
    run(site, rows(6), batch_size=2, on_batch=lambda b: during.append(gc.isenabled()))
    assert during == [False, False, False]
    assert collected == [1, 2, 1]
    assert gc.isenabled()

    # A failing batch: the collector is on again all the same.
    def failing(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches_module, "write", failing)
    with pytest.raises(exchange.DossierBatchError):
        run(site, rows(8), batch_size=2)
    assert gc.isenabled()
