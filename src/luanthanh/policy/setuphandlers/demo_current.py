"""Demo dossiers of the current days: what the dashboard shows on day one.

The demo half-year (:mod:`.demo_dossiers`) ends on 15 December 2025: on a
site created later, its 35 pending dossiers are long overdue and nothing is
due today.  :func:`demo_current` adds a handful of dossiers dated from the
real current date:

* pending ones (``processing``) received in the last working days, through
  the historic import, whose legal due date (:func:`deadlines.due_date`) is
  today, the next working day, or the previous one (overdue): today being
  the next working day when the site is created on a day off;
* live ones received now through the real workflow, fired by the demo
  officials, in the states the import does not make: waiting at the desk
  (``intake``), waiting for a supplement, for the leader's approval, for
  the result to be handed over, stopped and withdrawn.

They are made once: the tracking book remembers the day they were made
(an annotation), and a second call adds nothing.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.api import exchange
from luanthanh.policy.api import payment as payment_api
from luanthanh.policy.dossiers.codes import agency_code
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.setuphandlers.demo_dossiers import procedure_settings
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from plone import api
from zope.annotation.interfaces import IAnnotations


#: Annotation of the tracking book: the ISO date the current dossiers were made.
MARK = "luanthanh.policy.demo_current"

#: (procedure code, applicant, due date in working days from today).
PENDING: tuple[tuple[str, str, int], ...] = (
    ("1.004873", "Đỗ Thị Hạnh", 0),  # tư pháp – hộ tịch, 3 days
    ("1.004859", "Vũ Đức Long", 0),
    ("1.001731", "Bùi Thị Hoa", 0),  # văn hóa – xã hội
    ("1.001612", "Ngô Quang Tuấn", 0),  # kinh tế
    ("2.000720", "Đinh Văn Phúc", 1),
    ("1.001653", "Mai Thị Thảo", 1),
    ("1.001022", "Hồ Xuân Việt", -1),  # overdue since yesterday
)

#: (procedure code, applicant, channel, steps as (role, transition, comment)); a
#: step ``pay:<method>`` records the fee's payment (the comment: its reference).
LIVE: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("1.001193", "Lý Thị Yến", "online", ()),
    (
        "1.004884",
        "Trịnh Văn Sơn",
        "direct",
        (
            ("mot-cua", "accept", ""),
            (
                "chuyen-vien",
                "request_supplement",
                "Bổ sung bản sao Giấy khai sinh cũ (nếu còn lưu giữ).",
            ),
        ),
    ),
    (
        "2.000575",
        "Phạm Thị Giang",
        "online",
        (("mot-cua", "accept", ""), ("chuyen-vien", "submit_for_approval", "")),
    ),
    (
        "1.000656",
        "Hà Minh Quân",
        "direct",
        (
            ("mot-cua", "accept", ""),
            ("chuyen-vien", "submit_for_approval", ""),
            ("lanh-dao", "approve", ""),
        ),
    ),
    (
        "1.001776",
        "Dương Thị Chi",
        "postal",
        (
            ("mot-cua", "accept", ""),
            ("chuyen-vien", "stop", "Người nộp đề nghị dừng giải quyết."),
        ),
    ),
    ("1.003622", "Đào Công Khang", "online", (("mot-cua", "withdraw", ""),)),
    # Fees (issue #18): a result waiting for its fee (the VietQR code on the
    # lookup), one paid by VietQR and handed over, one paid in cash.
    (
        "1.004873",
        "Lương Thị Ngọc",
        "online",
        (
            ("mot-cua", "accept", ""),
            ("chuyen-vien", "submit_for_approval", ""),
            ("lanh-dao", "approve", ""),
        ),
    ),
    (
        "2.000635",
        "Tạ Văn Hưng",
        "online",
        (
            ("mot-cua", "accept", ""),
            ("mot-cua", "pay:vietqr", "FT26DEMO0001"),
            ("chuyen-vien", "submit_for_approval", ""),
            ("lanh-dao", "approve", ""),
            ("mot-cua", "deliver", ""),
        ),
    ),
    (
        "2.000884",
        "Kiều Thị Lan",
        "direct",
        (
            ("mot-cua", "accept", ""),
            ("mot-cua", "pay:cash", ""),
            ("chuyen-vien", "submit_for_approval", ""),
            ("lanh-dao", "approve", ""),
            ("mot-cua", "deliver", ""),
        ),
    ),
)


def today() -> date:
    """Today's local date (Asia/Ho_Chi_Minh)."""
    return datetime.now(deadlines.TZ).date()


def working_day(calendar, day: date, offset: int) -> date:
    """The working day ``offset`` working days from ``day`` (itself, or the
    next working day when ``day`` is a day off, for 0)."""
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    while offset > 0:
        day = calendar.next_working_day(day)
        offset -= 1
    while offset < 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            offset += 1
    return day


def received_for(due: date, settings: dict, calendar, limit: int = 90) -> datetime:
    """The latest 9:00 receipt before ``due`` whose legal due date is ``due``."""
    for back in range(1, limit):
        moment = datetime.combine(due - timedelta(days=back), time(9), deadlines.TZ)
        found = deadlines.due_date(
            moment, settings["processing_days"], settings["same_day_cutoff"], calendar
        )
        if found == due:
            return moment
    raise ValueError(f"no receipt is due on {due}")  # pragma: no cover


def pending_rows(
    procedures: dict[str, dict], day: date | None = None, calendar=None
) -> list[dict]:
    """The import rows of :data:`PENDING`, relative to ``day`` (today)."""
    calendar = calendar or deadlines.WorkCalendar.from_registry()
    day = day or today()
    agency = agency_code()
    folder = dossier_api.folder()
    sequences: dict[str, int] = {}
    rows = []
    for number, (code, name, offset) in enumerate(PENDING):
        if code not in procedures:
            continue
        due = working_day(calendar, day, offset)
        received = received_for(due, procedures[code], calendar)
        received += timedelta(minutes=7 * number)
        stamp = received.strftime("%y%m%d")
        while True:  # a number of that day no dossier has
            sequences[stamp] = sequences.get(stamp, 0) + 1
            dossier_code = f"{agency}-{stamp}-{sequences[stamp]:04d}"
            if dossier_id(dossier_code) not in folder:
                break
        rows.append(
            {
                "code": dossier_code,
                "procedure_code": code,
                "applicant_name": name,
                "applicant_phone": f"090009{number:04d}",
                "channel": "online" if number % 3 else "direct",
                "received_at": received.isoformat(),
                "resolved_at": "",
                "outcome": "",
            }
        )
    return rows


def _procedures_by_code() -> dict:
    objects = (
        brain._unrestrictedGetObject()
        for brain in api.content.find(portal_type="Procedure", unrestricted=True)
    )
    return {obj.code: obj for obj in objects}


def _official(group: str, field: str) -> str:
    """The demo official of ``group`` (for processors, of ``field``)."""
    for official in DEMO_OFFICIALS:
        if official.group == group and official.field in ("", field):
            return official.userid
    raise LookupError(group)  # pragma: no cover


def live_dossiers() -> list:
    """The dossiers of :data:`LIVE`, received now through the workflow."""
    procedures = _procedures_by_code()
    made = []
    for number, (code, name, channel, steps) in enumerate(LIVE):
        procedure = procedures.get(code)
        if procedure is None:
            continue
        dossier = dossier_api.create(
            procedure,
            applicant_name=name,
            applicant_phone=f"090008{number:04d}",
            channel=channel,
        )
        dossier_api.record_received_documents(
            dossier, dossier_api.expected_documents(procedure, channel)
        )
        for group, transition, comment in steps:
            userid = _official(group, procedure.field)
            if group == "chuyen-vien" and dossier.assigned_to:
                userid = dossier.assigned_to
            with api.env.adopt_user(username=userid):
                if transition.startswith("pay:"):
                    payment_api.record(dossier, transition[4:], reference=comment)
                else:
                    dossier_api.transition(dossier, transition, comment)
        made.append(dossier)
    return made


def demo_current(portal) -> dict:
    """Add the current demo dossiers once; ``{"pending": n, "live": n}``
    (zeros when they were made before)."""
    folder = portal["ho-so"]
    annotations = IAnnotations(folder)
    if annotations.get(MARK):
        return {"pending": 0, "live": 0}
    rows = pending_rows(procedure_settings())
    result = exchange.import_dossiers(folder, rows)
    live = live_dossiers()
    annotations[MARK] = today().isoformat()
    return {"pending": len(result["created"]), "live": len(live)}
