"""Benchmark: the procedure catalogue and @search against Plone's own listing.

Run: ``make bench-procedures`` (or ``.venv/bin/pytest bench/bench_procedures.py -s``).

It builds 500 published procedures over the three fields, then, in the same run
and over the same real WSGI server on loopback, times (as Anonymous):

* our catalogue page (all 500, grouped by field) against Plone's
  ``listing_view`` of the same folder showing the same 500 items;
* a catalogue search against Plone's ``@@search`` page for the same text,
  unbatched like ours;
* plone.restapi ``@search?portal_type=Procedure&SearchableText=...`` against the
  REST listing of the same folder (``GET ++api++/thu-tuc-hanh-chinh``).

It prints the median and p90 of each and the ratio ours / Plone's; the target
is a ratio of at most 1.0.  It measures, it does not pass or fail.
"""

from benchtools import compare
from benchtools import FIELDS
from benchtools import sample_procedures
from benchtools import time_get
from luanthanh.policy.testing.builders import required_document
from plone import api

import json
import os
import transaction


N = int(os.environ.get("BENCH_PROCEDURES", "500"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
LEVELS = ["full", "partial", "none"]
WORDS = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Cấp bản sao trích lục",
    "Chứng thực chữ ký",
    "Giải quyết chế độ",
    "Đăng ký hộ kinh doanh",
    "Hỗ trợ chi phí",
    "Xác nhận tình trạng",
]


def _values(i: int) -> dict:
    return {
        "id": f"thu-tuc-{i:04d}",
        "title": f"{WORDS[i % len(WORDS)]} số {i}",
        "description": "Thủ tục mẫu dùng để đo tốc độ.",
        "code": f"9.{i:06d}",
        "field": FIELDS[i % 3],
        "processing_days": i % 7,
        "online_level": LEVELS[i % 3],
        "fee": (i % 5) * 5000,
        "audience": {"citizen"},
        "required_documents": [required_document("Tờ khai")],
    }


def _build(portal) -> None:
    with api.env.adopt_roles(["Manager"]):
        sample_procedures(portal, N, values=_values)
    transaction.commit()


def _time(session, path: str, params=None, headers=None) -> list[float]:
    return time_get(session, path, params, headers, rounds=ROUNDS)


def test_bench_procedure_catalogue(functional_portal, request_factory):
    _build(functional_portal)
    html = request_factory(api=False)
    html.headers["Accept"] = "text/html"
    rest = request_factory()
    json_headers = {"Accept": "application/json"}
    # Both pages really list every procedure.
    page = html.get("thu-tuc-hanh-chinh").text
    assert page.count("list-group-item procedure-item") == N
    listing = html.get("thu-tuc-hanh-chinh/listing_view", params={"b_size": N}).text
    assert listing.count("thu-tuc-hanh-chinh/thu-tuc-") >= N
    pairs = [
        (
            "catalogue page, all procedures",
            _time(html, "thu-tuc-hanh-chinh"),
            "Plone listing_view, same items",
            _time(html, "thu-tuc-hanh-chinh/listing_view", {"b_size": N}),
        ),
        (
            "catalogue page, search 'dang ky ket hon'",
            _time(html, "thu-tuc-hanh-chinh", {"q": "dang ky ket hon"}),
            "Plone @@search page, same text",
            _time(
                html,
                "@@search",
                {
                    "SearchableText": "dang ky ket hon",
                    "portal_type": "Procedure",
                    "b_size": N,
                },
            ),
        ),
        (
            "REST @search Procedure 'dang ky'",
            _time(
                rest,
                "@search",
                {"portal_type": "Procedure", "SearchableText": "dang ky", "b_size": N},
                json_headers,
            ),
            "REST folder listing, same folder",
            _time(rest, "thu-tuc-hanh-chinh", {"b_size": N}, json_headers),
        ),
    ]
    print(f"\n{N} procedures, {ROUNDS} rounds each, Anonymous, loopback WSGI")
    report = compare(pairs, 45, 36)
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/procedures.json", "w", encoding="utf-8") as out:
        json.dump(
            {"procedures": N, "rounds": ROUNDS, "results": report},
            out,
            ensure_ascii=False,
            indent=2,
        )
