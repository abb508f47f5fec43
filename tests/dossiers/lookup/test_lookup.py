"""The shared rules of the public lookup: factors, public status, tokens, rating."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from luanthanh.policy.config import local_date
from luanthanh.policy.dossiers import lookup
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.rating import rate
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.setuphandlers.lookup import use_lookup_layout
from luanthanh.policy.testing.scenarios import ID_NUMBER
from luanthanh.policy.testing.scenarios import REQUEST
from plone import api

import pytest


def _path(obj):
    return obj.getPhysicalPath() if obj is not None else None


@pytest.mark.parametrize(
    "phone",
    ["0912345678", "0912 345 678", "091.234.5678", "+84 912 345 678", "84912345678"],
)
def test_found_by_code_and_phone(dossiers, phone):
    dossier = dossiers["processing"]
    assert _path(lookup.find_dossier(dossier.code, phone=phone)) == _path(dossier)


def test_code_is_case_and_space_insensitive(dossiers):
    dossier = dossiers["processing"]
    code = f"  {dossier.code.lower()} "
    assert _path(lookup.find_dossier(code, phone="0912345678")) == _path(dossier)


def test_found_by_code_and_id_number(dossiers):
    dossier = dossiers["processing"]
    assert _path(lookup.find_dossier(dossier.code, id_number=ID_NUMBER)) == _path(
        dossier
    )
    assert _path(
        lookup.find_dossier(dossier.code, id_number=f" {ID_NUMBER} ")
    ) == _path(dossier)


@pytest.mark.parametrize(
    "code,phone,id_number",
    [
        ("RIGHT", "0912345679", None),
        ("RIGHT", "", None),
        ("RIGHT", None, None),
        ("RIGHT", None, "038090001235"),
        ("RIGHT", None, ""),
        ("RIGHT", "0912345679", ID_NUMBER),  # the phone wins when both are given
        ("000.00.99.H56-991231-9999", "0912345678", None),
        ("", "0912345678", None),
        ("*", "0912345678", None),
        (None, "0912345678", None),
        (["RIGHT"], "0912345678", None),
    ],
)
def test_not_found(dossiers, code, phone, id_number):
    right = dossiers["processing"].code
    code = right if code == "RIGHT" else (["x"] if isinstance(code, list) else code)
    assert lookup.find_dossier(code, phone=phone, id_number=id_number) is None


def test_dossier_without_id_number_is_not_found_by_empty_id(dossiers):
    dossier = dossiers["processing"]
    dossier.applicant_id_number = None
    assert lookup.find_dossier(dossier.code, id_number="") is None
    assert lookup.find_dossier(dossier.code, id_number=None) is None


def test_public_status_keys_only(dossiers):
    for state, dossier in dossiers.items():
        status = lookup.public_status(dossier)
        assert tuple(status) == lookup.PUBLIC_KEYS
        assert status["state"] == state
        assert status["code"] == dossier.code
        assert status["procedure"] == "Cấp Giấy xác nhận tình trạng hôn nhân"


def test_public_status_values(dossiers):
    status = lookup.public_status(dossiers["supplement"])
    assert status["state_title"] == "Chờ bổ sung"
    assert status["supplement_request"] == REQUEST
    today = local_date(datetime.now(UTC)).isoformat()
    assert status["received_date"] == today
    assert status["due_date"]
    assert status["late"] is False
    intake = lookup.public_status(dossiers["intake"])
    assert intake["received_date"] is None
    assert intake["due_date"] is None
    assert intake["state_title"] == "Chờ tiếp nhận"
    assert lookup.public_status(dossiers["result"])["result_ready"] is True
    returned = lookup.public_status(dossiers["returned"])
    assert returned["returned"] is True
    assert returned["can_rate"] is True
    assert returned["result_ready"] is False
    rejected = lookup.public_status(dossiers["rejected"])
    assert rejected["state_title"] == "Đã từ chối"
    assert rejected["supplement_request"] is None


def test_late_only_while_running(dossiers):
    past = datetime.now(UTC) - timedelta(days=3)
    for state, dossier in dossiers.items():
        dossier.due_date = past
        status = lookup.public_status(dossier)
        assert status["late"] is (state == "processing"), state
    dossiers["processing"].due_date = datetime.now(UTC)
    assert lookup.public_status(dossiers["processing"])["late"] is False


def test_token_bound_to_code_and_time(portal):
    token = lookup.issue_token("A-1", now=1000)
    assert lookup.check_token(token, "A-1", now=1000 + lookup.TOKEN_TTL)
    assert not lookup.check_token(token, "A-1", now=1001 + lookup.TOKEN_TTL)
    assert not lookup.check_token(token, "A-2", now=1000)
    expires, signature = token.split(".")
    assert not lookup.check_token(f"{int(expires) + 99}.{signature}", "A-1", now=1000)
    for bad in (None, "", "x", "1.2.3", ["a"], f"abc.{signature}"):
        assert not lookup.check_token(bad, "A-1", now=1000)


def test_rate_once(dossiers):
    dossier = dossiers["returned"]
    rate(dossier, "satisfied", "  Cán bộ nhiệt tình  ")
    assert dossier.rating == "satisfied"
    assert dossier.rating_comment == "Cán bộ nhiệt tình"
    assert dossier.rated_at.tzinfo is UTC
    brains = find_unrestricted(rating="satisfied")
    assert [b.getPath() for b in brains] == ["/".join(dossier.getPhysicalPath())]
    assert brains[0].rating == "satisfied"
    with pytest.raises(LuanThanhError) as refused:
        rate(dossier, "very_dissatisfied")
    assert refused.value.status == 409
    assert dossier.rating == "satisfied"
    assert lookup.public_status(dossier)["can_rate"] is False


@pytest.mark.parametrize("state", ["intake", "processing", "supplement", "result"])
def test_rate_not_before_returned(dossiers, state):
    with pytest.raises(LuanThanhError) as refused:
        rate(dossiers[state], "satisfied")
    assert refused.value.status == 409
    assert dossiers[state].rating is None


@pytest.mark.parametrize(
    "rating,comment",
    [("", None), ("great", None), (None, None), ("satisfied", "x" * 1001)],
)
def test_rate_invalid(dossiers, rating, comment):
    with pytest.raises(LuanThanhError) as refused:
        rate(dossiers["returned"], rating, comment)
    assert refused.value.status == 400
    assert dossiers["returned"].rating is None


def test_rate_comment_of_1000_characters(dossiers):
    rate(dossiers["returned"], "neutral", "ý" * 1000)
    assert len(dossiers["returned"].rating_comment) == 1000


def test_use_lookup_layout(portal):
    assert use_lookup_layout(portal) is True
    assert portal["tra-cuu-ho-so"].getLayout() == "tra-cuu-ho-so"
    assert use_lookup_layout(portal) is True  # again: nothing changes
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["tra-cuu-ho-so"])
    assert use_lookup_layout(portal) is False
