"""``make index-pending`` (scripts/index_pending.py): the online dossiers
whose indexing did not follow their submission, indexed from cron."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.forms import submit_unindexed
from luanthanh.policy.testing.processes import load_script

import pytest
import transaction


@pytest.fixture
def script():
    return load_script("index_pending")


@pytest.fixture
def waiting_code(online, functional_portal, functional_app, fresh_limits):
    return submit_unindexed(functional_app, functional_portal).code


def test_indexes_what_waits_longer_than_asked(
    script, waiting_code, functional_app, functional_portal, capsys
):
    site = functional_portal.getId()
    assert script.main(functional_app, ["--site", site, "--older-than", "3600"]) == 0
    assert "đưa vào danh mục: 0." in capsys.readouterr().out
    transaction.begin()
    assert not find_unrestricted(portal_type="Dossier")

    assert script.main(functional_app, ["--site", site, "--older-than", "0"]) == 0
    assert "đưa vào danh mục: 1." in capsys.readouterr().out
    transaction.begin()
    [brain] = find_unrestricted(portal_type="Dossier")
    assert brain.dossier_code == waiting_code
    assert dossier_api.waiting_for_index() == []
