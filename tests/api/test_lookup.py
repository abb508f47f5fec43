"""api.lookup (find, public status, tokens) and the citizen's api.dossier calls."""

from luanthanh.policy import api
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import NotFound
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PNG
from luanthanh.policy.testing.mails import supplement_mails
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import ID_NUMBER
from luanthanh.policy.testing.scenarios import lookup_dossiers
from luanthanh.policy.testing.scenarios import PHONE
from plone import api as plone_api

import pytest


UNKNOWN = "000.00.99.H56-991231-9999"

pytestmark = pytest.mark.usefixtures("reset_limiter")


@pytest.fixture
def dossiers(portal, mails) -> dict:
    """State → dossier (the data set of the lookup tests)."""
    return lookup_dossiers(portal)


def _path(obj):
    return obj.getPhysicalPath()


def _refusal(**kwargs) -> tuple:
    with pytest.raises(NotFound) as error:
        api.lookup.find(**kwargs)
    return error.value.status, error.value.as_json()


# find ---------------------------------------------------------------------------


def test_find_with_the_right_phone_or_id_number(dossiers):
    dossier = dossiers["processing"]
    found = api.lookup.find(dossier.code, phone="0912 345 678")
    assert _path(found) == _path(dossier)
    found = api.lookup.find(dossier.code.lower(), id_number=ID_NUMBER)
    assert _path(found) == _path(dossier)


def test_wrong_second_factor_answers_like_a_missing_code(dossiers):
    code = dossiers["processing"].code
    missing = _refusal(code=UNKNOWN, phone=PHONE)
    assert missing[0] == 404
    assert "Không tìm thấy hồ sơ" in missing[1]["error"]["message"]
    assert _refusal(code=code, phone="0987654321") == missing
    assert _refusal(code=code, id_number="038090001299") == missing
    assert _refusal(code=code) == missing
    # Positive control: the same code with the right phone is found.
    assert api.lookup.find(code, phone=PHONE).code == code


def test_public_status_is_only_the_status(dossiers):
    for state, dossier in dossiers.items():
        status = api.lookup.public_status(dossier)
        assert tuple(status) == api.lookup.PUBLIC_KEYS
        assert status["state"] == state
        assert_no_personal_data(repr(status))


def test_tokens(portal):
    token = api.lookup.issue_token("A-1", now=1000)
    assert api.lookup.check_token(token, "A-1", now=1000)
    assert not api.lookup.check_token(token, "A-2", now=1000)
    assert not api.lookup.check_token(token, "A-1", now=1001 + api.lookup.TOKEN_TTL)


# attach_supplement --------------------------------------------------------------


def _files(dossier) -> list[str]:
    return sorted(obj.title for obj in dossier.objectValues())


def test_supplement_refused_outside_supplement(dossiers, mails):
    dossier = dossiers["processing"]
    before = _files(dossier), len(dossier.history)
    with pytest.raises(Conflict) as error:
        api.dossier.attach_supplement(dossier, [("a.pdf", PDF)])
    assert error.value.status == 409
    assert "chờ bổ sung" in str(error.value)
    assert (_files(dossier), len(dossier.history)) == before
    assert supplement_mails(mails) == []


def test_supplement_too_many_files(dossiers, mails):
    dossier = dossiers["supplement"]
    before = _files(dossier)
    with pytest.raises(InvalidInput) as error:
        api.dossier.attach_supplement(dossier, [(f"{i}.pdf", PDF) for i in range(11)])
    assert error.value.status == 400
    assert "tối đa 10 tệp" in str(error.value)
    assert _files(dossier) == before
    assert supplement_mails(mails) == []


def test_supplement_attaches_files_and_writes_history(dossiers, mails):
    dossier = dossiers["supplement"]
    names = api.dossier.attach_supplement(
        dossier, [("Tờ khai.pdf", PDF), ("ảnh.png", PNG)]
    )
    assert names == ["Tờ khai.pdf", "ảnh.png"]
    assert _files(dossier) == sorted(["Bản sao sổ hộ khẩu", "Tờ khai.pdf", "ảnh.png"])
    entry = dossier.history[-1]
    assert entry["action"] == "supplement_upload"
    assert entry["actor"] == ""
    assert entry["from_state"] == entry["to_state"] == "supplement"
    assert entry["comment"] == "Người nộp hồ sơ nộp bổ sung: Tờ khai.pdf, ảnh.png"
    assert entry["due_date_before"] == entry["due_date_after"] == dossier.due_date
    assert plone_api.content.get_state(dossier) == "supplement"
    [mail] = supplement_mails(mails)
    assert mail["to"] == "chuyenvien@luanthanh.example.org"
    assert "Tờ khai.pdf, ảnh.png" in mail["body"]


# rate ---------------------------------------------------------------------------


def test_rate_a_returned_dossier(dossiers):
    dossier = dossiers["returned"]
    api.dossier.rate(dossier, "satisfied", "  Nhanh chóng  ")
    assert dossier.rating == "satisfied"
    assert dossier.rating_comment == "Nhanh chóng"
    with pytest.raises(Conflict) as error:
        api.dossier.rate(dossier, "neutral")
    assert error.value.status == 409
    assert dossier.rating == "satisfied"


def test_rate_refused_before_returned(dossiers):
    dossier = dossiers["result"]
    with pytest.raises(Conflict) as error:
        api.dossier.rate(dossier, "satisfied")
    assert error.value.status == 409
    assert "sau khi hồ sơ đã trả kết quả" in str(error.value)
    assert dossier.rating is None


def test_rate_refuses_an_unknown_rating(dossiers):
    with pytest.raises(InvalidInput) as error:
        api.dossier.rate(dossiers["returned"], "great")
    assert error.value.status == 400
    assert dossiers["returned"].rating is None
