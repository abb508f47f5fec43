"""Benchmark: dossier intake and the officials' dashboard against Plone's listing.

Run: ``make bench-dossiers`` (or ``.venv/bin/pytest bench/bench_dossiers.py -s``).

(a) Intake: ``BENCH_DOSSIERS_API`` (10,000) dossiers are created through
    :func:`luanthanh.policy.api.create_dossier`, as the desk, with a commit
    every ``BENCH_DOSSIERS_BATCH`` (500); it reports dossiers per second.

(b) Scale: the tracking book is filled up to ``BENCH_DOSSIERS`` dossiers in
    realistic states (30,000 by default, so that a run stays under 15 minutes
    on the 2-core development machine; ``BENCH_DOSSIERS=100000`` builds the
    target size in about 40 minutes), then the dashboard is timed as the desk
    (``motcua``) over the functional layer's real WSGI server on loopback,
    against Plone's own listings of the same folder in the same run:

    * ``ho-so`` (the desk's queue, page 1) against ``ho-so/folder_contents``
      plus the JSON call its page makes,
      ``@@getVocabulary?name=plone.app.vocabularies.Catalog`` (page 1, 50
      items, the attributes the page asks for), timed one after the other;
    * ``ho-so?scope=all`` (all dossiers, page 1 of 50, priority then due
      date) against the REST folder listing ``GET ++api++/ho-so?b_size=50``;
    * ``ho-so?scope=all&b_start:int=<last page>`` (the deepest page) against
      the same REST listing at the same ``b_start``;
    * ``ho-so?scope=all&q=<phone number>`` against Plone's ``@@search`` page
      for the same text.

How the dossiers of (b) are made, honestly
------------------------------------------

Going through ``create_dossier`` and ``doActionFor`` for every one of
100,000 dossiers would take hours on a 2-core machine, so:

* the dossiers of (a) are real API dossiers; they are then moved on to a
  realistic state;
* the others are made with ``plone.dexterity.utils.createContent`` (real
  ``Dossier`` objects with a UUID), get their code from the same daily
  sequence (``next_code``), are added with ``_setObject(...,
  suppress_events=True)`` (Owner role as usual), get an intid and their
  relation to the procedure in the relation catalog;
* every dossier's workflow state is written as DCWorkflow writes it (the
  ``workflow_history`` entries of its path of transitions, then
  ``updateRoleMappingsFor``), with the dates, due date (computed by
  ``luanthanh.policy.deadlines`` with the site's calendar), timeliness,
  assignment (``assigned_to`` and the local role ``DossierAssignee``) and
  ``history`` entries that ``workflow.dossier.after_transition`` writes;
* each is then cataloged once with every index and column
  (``indexObject``).

Skipped: the events themselves (no e-mail notifications, no modification
events); the result is checked by comparing the catalog data of a dossier
made that way with one moved through the real workflow.

The mix: 80 % returned, 2 % rejected, 1 % withdrawn, 1 % stopped, 8 %
processing, 2 % each intake, supplement, approval and result; 15 % priority;
closed dossiers spread over the past year, open ones over the last weeks,
so that some are overdue.  It measures, it does not pass or fail.
"""

from AccessControl.Permission import pname
from benchtools import compare
from benchtools import sample_procedures
from benchtools import time_get
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from html import unescape
from luanthanh.policy import deadlines
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.codes import next_code
from luanthanh.policy.dossiers.relations import set_title
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import PASSWORD
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContent
from z3c.relationfield import RelationValue
from z3c.relationfield.event import _setRelation
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import gc
import json
import os
import random
import re
import time
import transaction


N_API = int(os.environ.get("BENCH_DOSSIERS_API", "10000"))
# 100,000 takes about 40 minutes to build here; the default run stays under 15.
N = max(int(os.environ.get("BENCH_DOSSIERS", "30000")), N_API)
BATCH = int(os.environ.get("BENCH_DOSSIERS_BATCH", "500"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
WARMUP = 5
PAGE = 50
CACHE_SIZE = 50000
WF = "luanthanh_dossier_workflow"
NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hải", "Hoa", "Lan", "Nam", "Tâm", "Yến"]
MIX = [
    ("returned", 80),
    ("processing", 8),
    ("intake", 2),
    ("supplement", 2),
    ("approval", 2),
    ("result", 2),
    ("rejected", 2),
    ("withdrawn", 1),
    ("stopped", 1),
]
PATHS = {
    "intake": [],
    "processing": ["accept"],
    "supplement": ["accept", "request_supplement"],
    "approval": ["accept", "submit_for_approval"],
    "result": ["accept", "submit_for_approval", "approve"],
    "returned": ["accept", "submit_for_approval", "approve", "deliver"],
    "rejected": ["refuse"],
    "withdrawn": ["withdraw"],
    "stopped": ["accept", "stop"],
}
TO_STATE = {
    "accept": "processing",
    "refuse": "rejected",
    "request_supplement": "supplement",
    "submit_for_approval": "approval",
    "approve": "result",
    "deliver": "returned",
    "withdraw": "withdrawn",
    "stop": "stopped",
}
ACTOR = {
    "accept": "motcua",
    "refuse": "motcua",
    "deliver": "motcua",
    "withdraw": "motcua",
    "approve": "lanhdao",
}
COMMENT = {
    "refuse": "Hồ sơ không thuộc thẩm quyền giải quyết của xã.",
    "request_supplement": "Bổ sung bản sao giấy khai sinh.",
    "stop": "Công dân đề nghị dừng giải quyết.",
}
ASSIGNEES = {"kinh-te": "chuyenvien2", "van-hoa-xa-hoi": "chuyenvien"}
ASSIGNEES["tu-phap-ho-tich"] = "chuyenvien"
# What moving an API dossier along its path changes (metadata is updated too).
CHANGED_INDEXES = [
    "review_state",
    "allowedRolesAndUsers",
    "received_at",
    "due_date",
    "resolved_at",
    "returned_at",
    "timeliness",
    "assigned_to",
]


# Building ----------------------------------------------------------------------


def _applicant(i: int, rng: random.Random) -> dict:
    return {
        "applicant_name": f"{rng.choice(NAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "applicant_phone": f"09{i:08d}",
        "applicant_id_number": f"0380{i:08d}",
        "channel": rng.choice(["direct", "direct", "online", "postal"]),
        "priority": rng.random() < 0.15,
    }


def _state(rng: random.Random) -> str:
    return rng.choices([s for s, _w in MIX], [w for _s, w in MIX])[0]


def _submitted(state: str, now: datetime, rng: random.Random) -> datetime:
    """Closed dossiers over the past year, open ones over the last weeks."""
    if state == "intake":
        ago = timedelta(hours=rng.uniform(1, 72))
    elif state in ("processing", "supplement", "approval", "result"):
        ago = timedelta(days=rng.uniform(0.5, 25))
    else:
        ago = timedelta(days=rng.uniform(20, 365))
    return now - ago


def _dossier_catalog_data(catalog, dossier) -> dict:
    rid = catalog.getrid("/".join(dossier.getPhysicalPath()))
    data = catalog.getIndexDataForRID(rid)
    return {k: v for k, v in data.items() if k not in ("UID", "path", "id", "getId")}


class Builder:
    def __init__(self, portal, procedures, rng):
        self.portal = portal
        self.folder = portal["ho-so"]
        self.procedures = procedures
        self.rng = rng
        self.calendar = deadlines.WorkCalendar.from_registry()
        self.workflow = api.portal.get_tool("portal_workflow").getWorkflowById(WF)
        self.intids = getUtility(IIntIds)
        self.now = datetime.now(UTC)
        self._role_maps: dict[str, dict] = {}

    def new(self, i: int):
        """A Dossier made without events (see the module's docstring)."""
        rng = self.rng
        state = _state(rng)
        submitted = _submitted(state, self.now, rng)
        procedure = self.procedures[i % len(self.procedures)]
        code = next_code(self.folder, submitted)
        dossier = createContent(
            "Dossier",
            code=code,
            submitted_at=submitted,
            procedure=RelationValue(self.intids.getId(procedure)),
            **_applicant(i, rng),
        )
        dossier.id = code.lower()
        self.folder._setObject(dossier.id, dossier, suppress_events=True)
        dossier = self.folder._getOb(dossier.id)
        self.intids.register(dossier)
        # What z3c.relationfield's added-event handler does for the field.
        _setRelation(dossier, "procedure", dossier.procedure)
        set_title(dossier)
        dossier.workflow_history = PersistentMapping(
            {WF: (self._status(None, "motcua", "", "intake", submitted),)}
        )
        self.advance(dossier, state, procedure)
        dossier.indexObject()

    def advance(self, dossier, state: str, procedure) -> None:
        """Walk the dossier along the path to ``state``, as the handlers do."""
        rng = self.rng
        when = dossier.submitted_at + timedelta(minutes=rng.uniform(5, 240))
        history = PersistentList(dossier.__dict__.get("history") or ())
        wf_history = list(dossier.workflow_history[WF])
        current = wf_history[-1]["review_state"]
        for transition in PATHS[state]:
            due_before = dossier.due_date
            assignee = ASSIGNEES[procedure.field]
            actor = ACTOR.get(transition, assignee)
            if transition == "accept":
                dossier.received_at = when
                due = deadlines.due_date(
                    when,
                    procedure.processing_days,
                    procedure.same_day_cutoff,
                    self.calendar,
                )
                dossier.due_date = deadlines.due_datetime(
                    due, self.calendar
                ).astimezone(UTC)
                dossier.assigned_to = assignee
                dossier.manage_setLocalRoles(assignee, ["DossierAssignee"])
            elif transition in ("approve", "deny"):
                dossier.resolved_at = when
                dossier.timeliness = deadlines.timeliness(when, dossier.due_date)
            elif transition == "deliver":
                dossier.returned_at = when
            comment = COMMENT.get(transition, "")
            new_state = TO_STATE[transition]
            history.append(
                {
                    "action": transition,
                    "actor": actor,
                    "time": when,
                    "from_state": current,
                    "to_state": new_state,
                    "comment": comment,
                    "due_date_before": due_before,
                    "due_date_after": dossier.due_date,
                }
            )
            wf_history.append(self._status(transition, actor, comment, new_state, when))
            current = new_state
            # The next step: from hours to a few working days later.
            step = timedelta(hours=rng.uniform(2, 24 * procedure.processing_days + 8))
            when = min(when + step, self.now)
        dossier.history = history
        dossier.workflow_history[WF] = tuple(wf_history)
        self._update_role_mappings(dossier, current)

    def _update_role_mappings(self, dossier, state: str) -> None:
        """``updateRoleMappingsFor``, computed once per state and then copied
        (the same permission settings, without DCWorkflow's lookups)."""
        mapping = self._role_maps.get(state)
        if mapping is None:
            self.workflow.updateRoleMappingsFor(dossier)
            names = [pname(p) for p in self.workflow.permissions]
            mapping = {n: dossier.__dict__[n] for n in names if n in dossier.__dict__}
            self._role_maps[state] = mapping
            return
        for name, roles in mapping.items():
            setattr(dossier, name, roles)

    @staticmethod
    def _status(action, actor, comment, state, when) -> dict:
        return {
            "action": action,
            "actor": actor,
            "comments": comment,
            "review_state": state,
            "time": DateTime(when.timestamp()),
        }


def _build(portal) -> dict:
    rng = random.Random(2026)
    # The instance's ZODB cache (etc/zodb-filestorage.conf.in), not the test
    # database's default of 400 objects, which would re-read the catalog's
    # buckets after every commit.
    portal._p_jar.db().setCacheSize(CACHE_SIZE)
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record("luanthanh.policy.dossier.assignees", ASSIGNEES)
        procedures = sample_procedures(portal)
    transaction.commit()
    folder = portal["ho-so"]

    # (a) Through the API, as the desk, with a commit every BATCH dossiers.
    made = []
    start = time.perf_counter()
    with api.env.adopt_user(username="motcua"):
        for i in range(N_API):
            state = _state(rng)
            procedure = procedures[i % len(procedures)]
            dossier = create_dossier(
                procedure,
                container=folder,
                submitted_at=_submitted(state, datetime.now(UTC), rng),
                **_applicant(i, rng),
            )
            made.append((dossier.getId(), state, procedure.getId()))
            if (i + 1) % BATCH == 0:
                transaction.commit()
        transaction.commit()
    api_seconds = time.perf_counter() - start
    print(
        f"\n(a) {N_API} dossiers through create_dossier in {api_seconds:.1f} s: "
        f"{N_API / api_seconds:.1f} dossiers/s"
    )

    # (b) Realistic states for the API dossiers, then the rest without events.
    start = time.perf_counter()
    builder = Builder(portal, procedures, rng)
    by_id = {p.getId(): p for p in procedures}
    with api.env.adopt_user(username="motcua"):
        for n, (dossier_id, state, procedure_id) in enumerate(made, 1):
            dossier = folder._getOb(dossier_id)
            builder.advance(dossier, state, by_id[procedure_id])
            dossier.reindexObject(idxs=CHANGED_INDEXES)
            if n % BATCH == 0:
                transaction.commit()
                dossier._p_jar.cacheGC()
        transaction.commit()
        for i in range(N_API, N):
            builder.new(i)
            if (i + 1) % BATCH == 0:
                transaction.commit()
                folder._p_jar.cacheGC()
                if (i + 1) % (BATCH * 20) == 0:
                    rate = (i + 1 - N_API) / (time.perf_counter() - start)
                    print(f"    {i + 1} dossiers ({rate:.0f}/s)")
        transaction.commit()
    bulk_seconds = time.perf_counter() - start
    print(
        f"(b) {N - N_API} dossiers without events and {N_API} moved on, "
        f"in {bulk_seconds:.1f} s"
    )

    # Check: a dossier made without events is cataloged like one moved through
    # the real workflow (the same indexes, values of the same kinds, the same
    # security and state).
    catalog = dossier_catalog()
    with api.env.adopt_user(username="motcua"):
        reference = create_dossier(
            procedures[0], container=folder, **_applicant(N, rng)
        )
        api.portal.get_tool("portal_workflow").doActionFor(reference, "accept")
    transaction.commit()
    api_ids = {m[0] for m in made} | {reference.getId()}
    twin = next(
        b
        for b in catalog.unrestrictedSearchResults(
            portal_type="Dossier",
            review_state="processing",
            procedure_code=procedures[0].code,
        )
        if b.getId not in api_ids
    )
    real = _dossier_catalog_data(catalog, reference)
    fast = _dossier_catalog_data(catalog, twin._unrestrictedGetObject())
    same = ("allowedRolesAndUsers", "review_state", "portal_type", "assigned_to")
    same += ("procedure_code", "procedure_field", "procedure_title")
    differing = sorted(
        k
        for k in set(real) | set(fast)
        if type(real.get(k)) is not type(fast.get(k))
        or (k in same and real.get(k) != fast.get(k))
    )
    print(
        f"    catalog data of a bulk dossier vs a workflow one: differing {differing}"
    )
    counts = {
        state: len(
            catalog.unrestrictedSearchResults(portal_type="Dossier", review_state=state)
        )
        for state, _w in MIX
    }
    total = len(catalog.unrestrictedSearchResults(portal_type="Dossier"))
    print(f"    {total} dossiers cataloged: {counts}")
    gc.collect()
    return {
        "api_seconds": round(api_seconds, 1),
        "api_per_second": round(N_API / api_seconds, 1),
        "bulk_seconds": round(bulk_seconds, 1),
        "bulk_per_second": round((N - N_API) / bulk_seconds, 1) if N > N_API else None,
        "total": total,
        "states": counts,
        "catalog_differences": differing,
        "phone": "09" + f"{N // 2:08d}",
    }


# Timing ----------------------------------------------------------------------------


def _time(session, path: str, params=None, headers=None) -> list[float]:
    return time_get(session, path, params, headers, rounds=ROUNDS, warmup=WARMUP)


def _time_pair(session, first: tuple, second: tuple) -> list[float]:
    """Two requests one after the other (a page and the JSON it loads)."""
    for _ in range(WARMUP):
        session.get(first[0], params=first[1])
        session.get(second[0], params=second[1])
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        a = session.get(first[0], params=first[1])
        b = session.get(second[0], params=second[1])
        samples.append(time.perf_counter() - start)
        assert (a.status_code, b.status_code) == (200, 200)
    return samples


def _structure_options(html: str) -> dict:
    match = re.search(r'data-pat-structure="([^"]*)"', html)
    return json.loads(unescape(match.group(1)))


def test_bench_dossiers(functional_portal, request_factory):
    built = _build(functional_portal)
    auth = ("motcua", PASSWORD)
    html = request_factory(basic_auth=auth, api=False)
    html.headers["Accept"] = "text/html"
    rest = request_factory(basic_auth=auth)
    json_headers = {"Accept": "application/json"}

    # Plone's folder_contents: the page, then the listing its pattern asks for.
    page = html.get("ho-so/folder_contents")
    assert page.status_code == 200
    options = _structure_options(page.text)
    vocabulary = {
        "name": "plone.app.vocabularies.Catalog",
        "query": json.dumps(
            {
                "criteria": [
                    {
                        "i": "path",
                        "o": "plone.app.querystring.operation.string.path",
                        "v": f"{options['basePath']}::1",
                    }
                ],
                "sort_on": "getObjPositionInParent",
                "sort_order": "ascending",
            }
        ),
        "batch": json.dumps({"page": 1, "size": PAGE}),
        "attributes": json.dumps(options["attributes"]),
    }
    listing = html.get("@@getVocabulary", params=vocabulary).json()
    assert listing["total"] == built["total"], listing.get("total")
    assert len(listing["results"]) == PAGE

    # Our pages really list what they claim.
    queue = html.get("ho-so").text
    assert "dossier-table" in queue
    everything = html.get("ho-so", params={"scope": "all"}).text
    found = re.search(
        r'dossier-count"[^>]*>.*?<strong>(\d+)</strong>', everything, re.S
    )
    assert int(found.group(1)) == built["total"]
    last = (built["total"] - 1) // PAGE * PAGE
    rest_listing = rest.get(
        "ho-so", params={"b_size": PAGE}, headers=json_headers
    ).json()
    assert rest_listing["items_total"] == built["total"]
    found = html.get("ho-so", params={"scope": "all", "q": built["phone"]}).text
    assert found.count('class="dossier-code"') >= 1
    search = {"SearchableText": built["phone"], "portal_type": "Dossier"}
    assert html.get("@@search", params=search).status_code == 200

    pairs = [
        (
            "dashboard, desk queue, page 1",
            _time(html, "ho-so"),
            "folder_contents + @@getVocabulary, page 1",
            _time_pair(
                html, ("ho-so/folder_contents", None), ("@@getVocabulary", vocabulary)
            ),
        ),
        (
            "dashboard, all dossiers, page 1",
            _time(html, "ho-so", {"scope": "all"}),
            "REST ++api++/ho-so?b_size=50",
            _time(rest, "ho-so", {"b_size": PAGE}, json_headers),
        ),
        (
            "dashboard, all dossiers, last page",
            _time(html, "ho-so", {"scope": "all", "b_start:int": last}),
            "REST ++api++/ho-so, same b_start",
            _time(rest, "ho-so", {"b_size": PAGE, "b_start": last}, json_headers),
        ),
        (
            "dashboard, search by phone",
            _time(html, "ho-so", {"scope": "all", "q": built["phone"]}),
            "Plone @@search page, same text",
            _time(html, "@@search", search),
        ),
    ]
    print(
        f"\n{built['total']} dossiers, {ROUNDS} rounds each, as the desk, loopback WSGI"
    )
    report = compare(pairs, 36, 42)
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/dossiers.json", "w", encoding="utf-8") as out:
        json.dump(
            {
                "dossiers": built["total"],
                "through_api": N_API,
                "rounds": ROUNDS,
                "intake": {
                    "seconds": built["api_seconds"],
                    "dossiers_per_second": built["api_per_second"],
                    "batch": BATCH,
                },
                "bulk": {
                    "seconds": built["bulk_seconds"],
                    "dossiers_per_second": built["bulk_per_second"],
                },
                "states": built["states"],
                "catalog_differences": built["catalog_differences"],
                "results": report,
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
