"""Helpers shared by the benchmarks: sample procedures, timed requests and
the table that sets our pages against Plone's own."""

from plone import api

import statistics
import time


FIELDS = ["kinh-te", "van-hoa-xa-hoi", "tu-phap-ho-tich"]
DAYS = [0, 1, 3, 5, 7, 10, 15]


def sample_values(i: int) -> dict:
    """The fields of sample procedure number ``i``."""
    return {
        "id": f"thu-tuc-{i:02d}",
        "title": f"Thủ tục hành chính mẫu số {i}",
        "code": f"1.{i:06d}",
        "field": FIELDS[i % 3],
        "processing_days": DAYS[i % len(DAYS)],
        "online_level": "full",
    }


def sample_procedures(
    portal, count: int = 30, publish: bool = True, values=sample_values
) -> list:
    """``count`` procedures of ``values(i)`` (over the ``FIELDS`` and ``DAYS``
    by default), as a Manager may."""
    folder = portal["thu-tuc-hanh-chinh"]
    items = []
    for i in range(count):
        procedure = api.content.create(container=folder, type="Procedure", **values(i))
        if publish:
            api.content.transition(procedure, to_state="published")
        items.append(procedure)
    return items


def time_get(
    session, path: str, params=None, headers=None, *, rounds, warmup=1, expect=200
) -> list[float]:
    """Seconds of ``rounds`` GETs of ``path``, after ``warmup`` untimed ones."""
    for _ in range(warmup):  # every server thread's ZODB cache, for both sides
        session.get(path, params=params, headers=headers)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = session.get(path, params=params, headers=headers)
        samples.append(time.perf_counter() - start)
        assert response.status_code == expect, (path, response.status_code)
    return samples


def summary(samples: list[float]) -> dict:
    """Median and 90th percentile of ``samples``, in milliseconds."""
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[max(int(len(ordered) * 0.9) - 1, 0)] * 1000, 1),
    }


def compare(pairs: list[tuple], ours_width: int, plone_width: int) -> list[dict]:
    """Print ours against Plone for each ``(label, samples, label, samples)``;
    the rows of the report."""
    print(
        f"{'ours':{ours_width}} {'median':>8} {'p90':>8} | "
        f"{'Plone':{plone_width}} {'median':>8} {'p90':>8} | ratio"
    )
    report = []
    for ours_label, ours, plone_label, plone in pairs:
        a, b = summary(ours), summary(plone)
        ratio = round(a["median_ms"] / b["median_ms"], 2)
        print(
            f"{ours_label:{ours_width}} {a['median_ms']:8} {a['p90_ms']:8} | "
            f"{plone_label:{plone_width}} {b['median_ms']:8} {b['p90_ms']:8} | {ratio}"
        )
        report.append(
            {
                "ours": ours_label,
                **a,
                "plone": plone_label,
                "plone_median_ms": b["median_ms"],
                "plone_p90_ms": b["p90_ms"],
                "ratio": ratio,
            }
        )
    return report
