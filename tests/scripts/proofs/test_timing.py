"""The cluster proof's request times: every request counted, slow ones caught."""

from scripts.proofs import timing

import pytest
import requests


class Session:
    """Answers (or raises) what it is given, ``seconds`` later."""

    def __init__(self, monkeypatch, seconds, answer):
        self.answer = answer
        clock = iter([100.0, 100.0 + seconds])
        monkeypatch.setattr(timing.time, "monotonic", lambda: next(clock))

    def request(self, method, url, **kwargs):
        self.kwargs = kwargs
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


class Answer:
    status_code = 503


@pytest.fixture
def latencies(monkeypatch):
    kept = []
    monkeypatch.setattr(timing, "LATENCIES", kept)
    return kept


def test_answered_request_is_timed(monkeypatch, latencies):
    session = Session(monkeypatch, 2.5, Answer())
    assert timing.timed_request(session, "POST", "http://x/f").status_code == 503
    assert latencies == [("POST", 2.5, "503")]
    assert session.kwargs["timeout"] == timing.TIMEOUT


def test_a_request_that_never_answered_is_timed_too(monkeypatch, latencies):
    session = Session(monkeypatch, 600.0, requests.ReadTimeout("read timed out"))
    with pytest.raises(requests.ReadTimeout):
        timing.timed_request(session, "POST", "http://x/f")
    assert latencies == [("POST", 600.0, "ReadTimeout")]


def test_summary_catches_the_request_over_the_limit():
    latencies = [("GET", 0.5, "200")] * 10 + [("POST", 1.0, "200")] * 98
    latencies += [("POST", 2.0, "503"), ("POST", 600.0, "ReadTimeout")]
    figures = timing.summary(latencies, limit=30)
    assert figures["over_limit"] == [("POST", 600.0, "ReadTimeout")]
    assert figures["POST"] == {"n": 100, "p50": 1.0, "p95": 1.0, "max": 600.0}
    assert figures["GET"]["max"] == 0.5
    assert figures["all"]["n"] == 110
    assert figures["answers"] == {"200": 108, "503": 1, "ReadTimeout": 1}
    # Positive control: nothing over the limit, nothing reported.
    assert timing.summary(latencies[:-1], limit=30)["over_limit"] == []


def test_percentile_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert timing.percentile(values, 0.5) == 10.0
    assert timing.percentile(values, 0.95) == 19.0
    assert timing.percentile([], 0.95) == 0.0
