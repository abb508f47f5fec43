"""The rows of ``make bench-scale``: five years of a commune's dossiers.

Deterministic (seeded), in the order an old system exports them (by date
received), spread as the demo half-year is
(:mod:`luanthanh.policy.setuphandlers.demo_dossiers`): the same procedure
weights (civil status first), 97.6 % online, 0.4 % postal, the rest at the
desk; resolved early / on time / late ≈ 66 / 33 / 1 %; a few refused,
withdrawn and stopped; the dossiers of the last weeks partly pending.
Names as the demo makes them; phone numbers in the unused range
0900 xxx xxx (a citizen comes back: numbers repeat).
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.setuphandlers.demo_dossiers import _name
from luanthanh.policy.setuphandlers.demo_dossiers import WEIGHTS

import random


SEED = 20261207
#: Five years, received from START to END (local dates).
START = date(2021, 7, 1)
END = date(2026, 6, 30)
#: Dossiers received in the last PENDING_DAYS may still be pending.
PENDING_DAYS = 30
CHANNELS = (("online", 976), ("postal", 4), ("direct", 20))
KINDS = (("early", 660), ("on_time", 330), ("late", 10))
#: Share of the resolved dossiers that are refused, withdrawn, stopped.
REFUSED, WITHDRAWN, STOPPED = 0.006, 0.01, 0.005


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(7, 30), tzinfo=deadlines.TZ) + timedelta(
        minutes=minutes
    )


class ScaleRows:
    """``rows(n)`` yields lists of row dictionaries (the import's columns)."""

    def __init__(self, procedures: dict[str, dict], agency: str, calendar=None):
        self.calendar = calendar or deadlines.WorkCalendar.from_registry()
        self.procedures = procedures
        self.agency = agency
        self.codes = [code for code in WEIGHTS if code in procedures]
        self.weights = [WEIGHTS[code] for code in self.codes]
        self.days = []
        day = START
        while day <= END:
            if self.calendar.is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self._due: dict = {}

    def _due_day(self, received: datetime, code: str) -> date:
        procedure = self.procedures[code]
        key = (received.date(), received.hour * 60 + received.minute, code)
        if key not in self._due:
            self._due[key] = deadlines.due_date(
                received,
                procedure["processing_days"],
                procedure["same_day_cutoff"],
                self.calendar,
            )
        return self._due[key]

    def _resolved(self, rng, received: datetime, code: str, kind: str) -> datetime:
        due = self._due_day(received, code)
        start = received.date()
        if kind == "late":
            day = self.calendar.add_working_days(due, rng.randint(1, 2))
        elif kind == "early" and due > start:
            day = start
            span = (due - start).days
            for _attempt in range(5):
                day = start + timedelta(days=rng.randrange(span))
                if self.calendar.is_working_day(day):
                    break
        else:
            day = due
        if day <= start:
            return received + timedelta(minutes=rng.randint(10, 90))
        return _at(day, rng.randint(30, 540))

    def chunks(self, total: int, size: int, skip: int = 0):
        """``total`` rows, in lists of up to ``size`` (one "file" each),
        leaving out the first ``skip`` (already imported: a resumed build)."""
        rng = random.Random(SEED)
        per_day = total / len(self.days)
        last_days = END - timedelta(days=PENDING_DAYS)
        made, carry, chunk = 0, 0.0, []
        for day in self.days:
            carry += per_day
            count = int(carry)
            carry -= count
            if day == self.days[-1]:
                count = total - made
            minutes = sorted(rng.randint(0, 555) for _ in range(count))
            for sequence, minute in enumerate(minutes, 1):
                row = self._row(rng, day, minute, sequence, day > last_days)
                made += 1
                if made <= skip:
                    continue
                chunk.append(row)
                if len(chunk) == size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _row(self, rng, day, minute, sequence, recent) -> dict:
        received = _at(day, minute)
        code = rng.choices(self.codes, self.weights)[0]
        channel = rng.choices(*zip(*CHANNELS, strict=True))[0]
        outcome, resolved = "result", None
        if recent and rng.random() < 0.6:
            outcome = ""
        else:
            draw = rng.random()
            if draw < WITHDRAWN:
                outcome = "withdrawn"
            elif draw < WITHDRAWN + STOPPED:
                outcome = "stopped"
            elif draw < WITHDRAWN + STOPPED + REFUSED:
                outcome = "rejected"
            kind = rng.choices(*zip(*KINDS, strict=True))[0]
            resolved = self._resolved(rng, received, code, kind)
        return {
            "code": f"{self.agency}-{day:%y%m%d}-{sequence:04d}",
            "procedure_code": code,
            "applicant_name": _name(rng),
            "applicant_phone": f"0900{rng.randrange(1_000_000):06d}",
            "channel": channel,
            "received_at": received.isoformat(),
            "resolved_at": resolved.isoformat() if resolved else "",
            "outcome": outcome,
        }
