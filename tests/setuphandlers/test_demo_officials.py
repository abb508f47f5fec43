"""The demo officials of ``make start``: accounts, groups, fields, passwords."""

from luanthanh.policy import settings
from luanthanh.policy.setuphandlers.demo_officials import create_demo_officials
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from luanthanh.policy.setuphandlers.demo_officials import map_demo_fields
from luanthanh.policy.setuphandlers.demo_officials import new_password
from luanthanh.policy.setuphandlers.demo_officials import officials_table
from luanthanh.policy.setuphandlers.demo_officials import reset_demo_passwords
from luanthanh.policy.setuphandlers.site import GROUPS
from luanthanh.policy.vocabularies.terms import DEFAULT_FIELDS
from plone import api

import pytest
import re


USERIDS = [official.userid for official in DEMO_OFFICIALS]


@pytest.fixture
def as_manager(portal):
    with api.env.adopt_roles(["Manager"]):
        yield portal


def _logs_in(portal, userid: str, password: str) -> bool:
    acl = portal.acl_users
    return acl.authenticate(userid, password, portal.REQUEST) is not None


def test_passwords_are_random_strong_and_pass_plones_policy(as_manager):
    drawn = {new_password() for _ in range(500)}
    assert len(drawn) == 500
    registration = api.portal.get_tool("portal_registration")
    for password in list(drawn)[:20]:
        assert re.fullmatch(r"([A-Za-z2-9]{5}-){3}[A-Za-z2-9]{5}", password)
        assert re.search("[A-Z]", password) and re.search("[a-z]", password)
        assert re.search("[0-9]", password)
        assert registration.testPasswordValidity(password) is None


def test_every_group_and_field_has_an_official(as_manager):
    passwords = create_demo_officials()
    assert sorted(passwords) == sorted(USERIDS)
    assert len(set(passwords.values())) == len(passwords)  # one each
    for group_id, _title, _roles in GROUPS:
        members = {u.getId() for u in api.user.get_users(groupname=group_id)}
        assert members & set(USERIDS), group_id
    fields = {o.field for o in DEMO_OFFICIALS if o.group == "chuyen-vien"}
    assert fields == {token for token, _title in DEFAULT_FIELDS}
    for official in DEMO_OFFICIALS:
        user = api.user.get(userid=official.userid)
        assert user.getProperty("fullname") == official.fullname
        assert _logs_in(as_manager, official.userid, passwords[official.userid])
        assert not _logs_in(as_manager, official.userid, official.userid)
        assert not _logs_in(as_manager, official.userid, "Matkhau-1234!")


def test_the_mapping_gives_each_field_its_processor(as_manager):
    create_demo_officials()
    mapping = map_demo_fields()
    assert mapping == {
        "kinh-te": "kinhte.hung",
        "van-hoa-xa-hoi": "vhxh.mai",
        "tu-phap-ho-tich": "tuphap.nam",
    }
    assert dict(settings.dossiers().assignees) == mapping


def test_the_mapping_keeps_an_official_set_by_hand(as_manager):
    api.user.create(email="x@luanthanh.invalid", username="chi.kt", password="x" * 12)
    record = settings.dossiers().record_name("assignees")
    api.portal.set_registry_record(
        record, {"kinh-te": "chi.kt", "tu-phap-ho-tich": "gone"}
    )
    create_demo_officials()
    mapping = map_demo_fields()
    assert mapping["kinh-te"] == "chi.kt"
    assert mapping["tu-phap-ho-tich"] == "tuphap.nam"  # "gone" has no account


def test_a_second_run_creates_nothing_and_keeps_passwords(as_manager):
    first = create_demo_officials()
    assert create_demo_officials() == {}
    for userid, password in first.items():
        assert _logs_in(as_manager, userid, password)


def test_reset_draws_new_passwords(as_manager):
    first = create_demo_officials()
    second = reset_demo_passwords()
    assert sorted(second) == sorted(first)
    for userid in first:
        assert second[userid] != first[userid]
        assert _logs_in(as_manager, userid, second[userid])
        assert not _logs_in(as_manager, userid, first[userid])


def test_the_table_lists_role_login_and_password(as_manager):
    passwords = create_demo_officials()
    table = officials_table(passwords).splitlines()
    assert table[0].split() == ["Vai", "trò", "Tên", "đăng", "nhập", "Mật", "khẩu"]
    assert set(table[1]) == {"-", " "}
    rows = {line.split()[-2]: line for line in table[2:]}
    assert list(rows) == USERIDS
    assert rows["motcua.lan"].startswith("Bộ phận Một cửa ")
    assert rows["tuphap.nam"].startswith("Chuyên viên xử lý – Tư pháp – Hộ tịch ")
    assert rows["lanhdao.son"].startswith("Lãnh đạo phê duyệt ")
    for userid, password in passwords.items():
        assert rows[userid].endswith(password)
