"""dossiers/shared_values.py: remembered inside ``sharing()`` only."""

from luanthanh.policy.dossiers.shared_values import active
from luanthanh.policy.dossiers.shared_values import remember
from luanthanh.policy.dossiers.shared_values import sharing

import pytest


def test_outside_sharing_computed_each_time():
    calls = []
    assert not active()
    for _ in range(3):
        remember(("k",), lambda: calls.append(1) or len(calls))
    assert len(calls) == 3


def test_inside_sharing_once_per_key_and_forgotten_after():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with sharing():
        assert active()
        assert remember(("a",), compute) == 1
        assert remember(("a",), compute) == 1
        assert remember(("b",), compute) == 2
        with sharing():  # nested: the same memory
            assert remember(("a",), compute) == 1
    assert not active()
    assert remember(("a",), compute) == 3


def test_an_error_is_not_remembered():
    def failing():
        raise AttributeError("x")

    with sharing():
        for _ in range(2):
            with pytest.raises(AttributeError):
                remember(("x",), failing)
        assert remember(("x",), lambda: 5) == 5
