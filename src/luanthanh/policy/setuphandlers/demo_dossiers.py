"""Demo dossiers: a half-year of the center's work, 1 July – 15 December 2025.

The figures follow the center's own report for that period: 1,994 dossiers
received, 1,946 of them online; 1,959 resolved, of which 1,308 early, 650 on
time and 1 late; 35 pending.  A dozen of the resolved ones are refused
(``deny``), the rest returned, and about a third of the returned ones carry
the citizen's rating.

The rows are generated with a seeded random generator (the same every time)
and go through the historic import
(:func:`luanthanh.policy.api.exchange.import_dossiers`), so the demo
dossiers are made exactly like imported ones.  Running it again changes
nothing.  Names are invented; every phone number is in the unused range
0900 0xx xxx.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.api import exchange
from luanthanh.policy.api.dossier import rate
from luanthanh.policy.dossiers.codes import agency_code
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.setuphandlers.demo import demo_procedures
from plone import api

import random


SEED = 20251215
START = date(2025, 7, 1)
END = date(2025, 12, 15)

TOTAL = 1994
ONLINE = 1946
POSTAL = 8  # the rest (40) at the desk
EARLY, ON_TIME, LATE = 1308, 650, 1
PENDING = TOTAL - EARLY - ON_TIME - LATE  # 35
REJECTED = 12
RATED_SHARE = 0.35

#: Procedure code → weight: civil status (birth, death, marriage, marital
#: status) is most of a commune's work.
WEIGHTS: dict[str, float] = {
    "1.001193": 28,  # khai sinh
    "1.000656": 8,  # khai tử
    "1.000894": 10,  # kết hôn
    "1.004873": 18,  # xác nhận tình trạng hôn nhân
    "2.000815": 9,  # chứng thực bản sao
    "2.000635": 6,  # trích lục hộ tịch
    "2.000884": 3,  # chứng thực chữ ký
    "1.004859": 3,
    "1.004884": 2,
    "1.001022": 1,
    "1.001731": 2,
    "1.001776": 2,
    "1.001699": 0.5,
    "1.001653": 0.5,
    "1.003622": 0.3,
    "1.001612": 2,
    "2.000720": 1.5,
    "1.001570": 0.7,
    "1.001266": 0.7,
    "2.000575": 0.3,
}

RATINGS = (
    ("very_satisfied", 70),
    ("satisfied", 25),
    ("neutral", 4),
    ("dissatisfied", 1),
)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Hà",
    "Đào",
    "Đinh",
    "Mai",
    "Trịnh",
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Mỹ", "Hồng", "Bảo"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khang",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Tuấn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Oanh",
    "Thảo",
    "Yến",
]


def _name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return (
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
        )
    return (
        f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
    )


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(7, 30), tzinfo=deadlines.TZ) + timedelta(
        minutes=minutes
    )


def _working_days(calendar, start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _resolution(rng, calendar, received: datetime, procedure, kind: str):
    """(received, resolved) local datetimes that give ``kind``, or None."""
    days = procedure["processing_days"]
    cutoff = procedure["same_day_cutoff"]
    if kind == "early" and not days:
        # Same-day procedures: received after the cut-off, due the next
        # working day, done before closing time.
        received = _at(received.date(), rng.randint(455, 540))  # 15:05–16:30
    due = deadlines.due_date(received, days, cutoff, calendar)
    start = received.date()
    if kind == "early":
        choices = [d for d in _working_days(calendar, start, due) if d < due]
    elif kind == "on_time":
        choices = [due]
    else:
        choices = [calendar.add_working_days(due, rng.randint(1, 2))]
    if not choices:
        return None
    day = rng.choice(choices)
    if day == start:
        earliest = received + timedelta(minutes=10)
        latest = datetime.combine(day, time(16, 55), tzinfo=deadlines.TZ)
        if earliest > latest:
            return None
        span = int((latest - earliest).total_seconds() // 60)
        resolved = earliest + timedelta(minutes=rng.randint(0, span))
    else:
        resolved = _at(day, rng.randint(30, 540))
    if resolved.date() > END:
        return None
    return received, resolved


def demo_rows(procedures: dict[str, dict], calendar=None) -> list[dict]:
    """The demo rows (dictionaries with the import's columns), deterministic.

    ``procedures`` maps the code to ``{"processing_days", "same_day_cutoff"}``.
    """
    calendar = calendar or deadlines.WorkCalendar.from_registry()
    rng = random.Random(SEED)
    codes = [code for code in WEIGHTS if code in procedures]
    weights = [WEIGHTS[code] for code in codes]
    days = _working_days(calendar, START, END)
    received = sorted(_at(rng.choice(days), rng.randint(0, 555)) for _ in range(TOTAL))
    channels = ["online"] * ONLINE + ["postal"] * POSTAL
    channels += ["direct"] * (TOTAL - len(channels))
    rng.shuffle(channels)
    # The pending ones were received in the last weeks.
    recent = list(range(TOTAL - 150, TOTAL))
    pending = set(rng.sample(recent, PENDING))
    kinds = ["early"] * EARLY + ["on_time"] * ON_TIME + ["late"] * LATE
    rng.shuffle(kinds)
    kinds_iter = iter(kinds)
    rejected = set(rng.sample(range(TOTAL), REJECTED * 3))
    rows: list[dict] = []
    sequences: dict[str, int] = {}
    agency = agency_code()
    for index, moment in enumerate(received):
        kind = "pending" if index in pending else next(kinds_iter)
        for _attempt in range(200):
            code = rng.choices(codes, weights)[0]
            if kind == "pending":
                received_at, resolved_at = moment, None
                break
            found = _resolution(rng, calendar, moment, procedures[code], kind)
            if found is not None:
                received_at, resolved_at = found
                break
            # Too close to 15 December for that procedure: try another day.
            moment = _at(rng.choice(days[:-10]), rng.randint(0, 555))
        else:  # pragma: no cover - the data always allows it
            raise RuntimeError(f"no {kind} date for row {index}")
        day = received_at.strftime("%y%m%d")
        sequences[day] = sequences.get(day, 0) + 1
        outcome = ""
        if resolved_at is not None:
            outcome = "rejected" if index in rejected and kind != "late" else "result"
        rows.append(
            {
                "code": f"{agency}-{day}-{sequences[day]:04d}",
                "procedure_code": code,
                "applicant_name": _name(rng),
                "applicant_phone": f"09000{rng.randint(0, 99999):05d}",
                "channel": channels[index],
                "received_at": received_at.isoformat(),
                "resolved_at": resolved_at.isoformat() if resolved_at else "",
                "outcome": outcome,
            }
        )
    # Keep exactly REJECTED refusals.
    refused = [row for row in rows if row["outcome"] == "rejected"]
    for row in refused[REJECTED:]:
        row["outcome"] = "result"
    return rows


def procedure_settings() -> dict[str, dict]:
    """code → the deadline settings of every procedure (the demo and
    ``bench/zconsole_scale.py`` build rows from them)."""
    settings = {}
    for brain in api.content.find(portal_type="Procedure", unrestricted=True):
        obj = brain._unrestrictedGetObject()
        settings[obj.code] = {
            "processing_days": obj.processing_days or 0,
            "same_day_cutoff": obj.same_day_cutoff,
        }
    return settings


def demo_dossiers(portal) -> dict:
    """Import the demo half-year into ``ho-so`` and rate some returned ones.

    Returns the import's counts and the number of ratings added.
    """
    if not any(code in procedure_settings() for code in WEIGHTS):
        demo_procedures(portal)
    folder = portal["ho-so"]
    rows = demo_rows(procedure_settings())
    result = exchange.import_dossiers(folder, rows)
    rng = random.Random(SEED + 1)
    levels = [level for level, _weight in RATINGS]
    weights = [weight for _level, weight in RATINGS]
    rated = 0
    for row in rows:
        if row["outcome"] != "result" or rng.random() >= RATED_SHARE:
            continue
        rating = rng.choices(levels, weights)[0]
        hours = rng.randint(1, 72)
        dossier = folder[dossier_id(row["code"])]
        if dossier.rating:
            continue
        rate(dossier, rating, when=dossier.returned_at + timedelta(hours=hours))
        rated += 1
    return {
        "created": len(result["created"]),
        "updated": len(result["updated"]),
        "unchanged": len(result["unchanged"]),
        "rated": rated,
    }
