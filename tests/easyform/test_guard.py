"""The signed stamp of a rendering: time, token, signature."""

from luanthanh.policy.easyform.guard import new_stamp
from luanthanh.policy.easyform.guard import read_stamp
from plone import api

import pytest


@pytest.fixture
def forms(portal):
    with api.env.adopt_roles(["Manager"]):
        return [
            api.content.create(
                container=portal["nop-ho-so"], type="EasyForm", id=f"f{i}", title="F"
            )
            for i in range(2)
        ]


def test_round_trip(forms):
    value = new_stamp(forms[0], now=1_800_000_000)
    stamp = read_stamp(value, forms[0], now=1_800_000_010)
    assert stamp.timestamp == 1_800_000_000
    assert len(stamp.token) == 32
    assert value.split(".")[1] == stamp.token


def test_each_rendering_has_its_token(forms):
    assert read_stamp(new_stamp(forms[0]), forms[0]).token != (
        read_stamp(new_stamp(forms[0]), forms[0]).token
    )


def test_bound_to_its_form(forms):
    assert read_stamp(new_stamp(forms[0]), forms[1]) is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda ts, token, sig: f"{int(ts) - 60}.{token}.{sig}",  # older: fill time
        lambda ts, token, sig: f"{ts}.{'0' * 32}.{sig}",  # another token
        lambda ts, token, sig: f"{ts}.{token}.{'0' * 64}",
        lambda ts, token, sig: f"{ts}.{token}",
        lambda ts, token, sig: "",
        lambda ts, token, sig: None,
        lambda ts, token, sig: ["x"],
    ],
)
def test_forgeries(forms, tamper):
    value = new_stamp(forms[0])
    assert read_stamp(tamper(*value.split(".")), forms[0]) is None


def test_not_from_the_future(forms):
    value = new_stamp(forms[0], now=1_800_000_000)
    assert read_stamp(value, forms[0], now=1_800_000_000 - 3600) is None
