"""Historic import of dossiers (exchange/dossiers.py) on the integration layer."""

from datetime import datetime
from datetime import UTC
from luanthanh.policy import deadlines
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.codes import current_value
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.codes import next_code
from luanthanh.policy.dossiers.day_keys import KINDS
from luanthanh.policy.exchange.dossiers import DossierImportError
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import parse
from luanthanh.policy.exchange.dossiers import to_csv
from luanthanh.policy.exchange.dossiers import WORKFLOW_ID
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.exchange import dossier_row
from plone import api
from Products.CMFCore.indexing import processQueue

import os
import pytest
import time


AGENCY = "000.00.99.H56"
LARGE = int(os.environ.get("IMPORT_ROWS", "2000"))

#: Index values that differ between any two dossiers, whatever their history.
OWN_INDEXES = {
    "UID",
    "id",
    "getId",
    "path",
    "Title",
    "sortable_title",
    "SearchableText",
    "dossier_code",
    "created",
    "modified",
    "effective",
    "Date",
    "getObjPositionInParent",
    "getRawRelatedItems",
    "allowedRolesAndUsers",
    "Creator",
    "listCreators",
    "Subject",
}


@pytest.fixture
def procedures(portal):
    create_officials()
    return {
        "1.004873": make_procedure(portal),  # 3 working days, tư pháp
        "1.001193": make_procedure(
            portal, code="1.001193", title="Đăng ký khai sinh", processing_days=0
        ),
        "1.001612": make_procedure(
            portal,
            code="1.001612",
            title="Đăng ký thành lập hộ kinh doanh",
            field="kinh-te",
        ),
    }


def load(portal, *rows, header=None) -> dict:
    return import_dossiers(portal["ho-so"], parse(to_csv(list(rows))))


def counts(result) -> tuple[int, int, int]:
    return len(result["created"]), len(result["updated"]), len(result["unchanged"])


def local(dt: datetime) -> datetime:
    return deadlines.local_datetime(dt)


class TestCreate:
    def test_result(self, portal, procedures):
        result = load(portal, dossier_row())
        assert counts(result) == (1, 0, 0)
        dossier = portal["ho-so"][dossier_id(f"{AGENCY}-250701-0001")]
        assert api.content.get_state(dossier) == "returned"
        assert dossier.code == f"{AGENCY}-250701-0001"
        assert dossier.procedure.to_object == procedures["1.004873"]
        assert dossier.applicant_phone == "0900000001"
        assert dossier.received_at == datetime(2025, 7, 1, 1, 30, tzinfo=UTC)
        assert dossier.received_at.tzinfo == UTC
        assert dossier.submitted_at == dossier.received_at
        # 3 working days after Tue 1 July 2025: Fri 4 July, 17:00 local.
        assert local(dossier.due_date) == datetime(
            2025, 7, 4, 17, 0, tzinfo=deadlines.TZ
        )
        assert dossier.resolved_at == datetime(2025, 7, 3, 3, 0, tzinfo=UTC)
        assert dossier.returned_at == dossier.resolved_at
        assert dossier.closed_at == dossier.resolved_at
        assert dossier.timeliness == "early"
        assert dossier.assigned_to == "chuyenvien"
        assert "DossierAssignee" in dossier.get_local_roles_for_userid("chuyenvien")
        assert dossier.title == f"{AGENCY}-250701-0001 · {procedures['1.004873'].title}"
        actions = [entry["action"] for entry in dossier.history]
        assert actions == ["accept", "submit_for_approval", "approve", "deliver"]
        assert all(entry["imported"] for entry in dossier.history)
        assert "hệ thống cũ" in dossier.history[0]["comment"]
        statuses = dossier.workflow_history[WORKFLOW_ID]
        assert [s["review_state"] for s in statuses] == [
            "intake",
            "processing",
            "approval",
            "result",
            "returned",
        ]

    @pytest.mark.parametrize(
        ("outcome", "state", "resolved", "returned", "timeliness"),
        [
            ("rejected", "rejected", True, False, "early"),
            ("withdrawn", "withdrawn", False, False, None),
            ("stopped", "stopped", False, False, None),
        ],
    )
    def test_outcomes(
        self, portal, procedures, outcome, state, resolved, returned, timeliness
    ):
        load(portal, dossier_row(outcome=outcome))
        dossier = portal["ho-so"][dossier_id(f"{AGENCY}-250701-0001")]
        assert api.content.get_state(dossier) == state
        moment = datetime(2025, 7, 3, 3, 0, tzinfo=UTC)
        assert dossier.resolved_at == (moment if resolved else None)
        assert dossier.returned_at == (moment if returned else None)
        assert dossier.closed_at == moment
        assert dossier.timeliness == timeliness

    def test_pending(self, portal, procedures):
        load(portal, dossier_row(outcome="", resolved_at=""))
        dossier = portal["ho-so"][dossier_id(f"{AGENCY}-250701-0001")]
        assert api.content.get_state(dossier) == "processing"
        assert dossier.resolved_at is None
        assert dossier.closed_at is None
        assert dossier.timeliness is None
        assert [entry["action"] for entry in dossier.history] == ["accept"]

    def test_due_date_column_and_zones(self, portal, procedures):
        text = (
            "\ufeffcode,procedure_code,applicant_name,applicant_phone,channel,"
            "received_at,resolved_at,outcome,due_date\n"
            "HS-1,1.001193,Lê Văn Thử,+84 900 000 002,direct,"
            "2025-07-01T02:00:00Z,2025-07-02 16:00,result,2025-07-02\n"
        ).encode()
        load_rows = parse(text)
        import_dossiers(portal["ho-so"], load_rows)
        dossier = portal["ho-so"]["hs-1"]
        assert dossier.received_at == datetime(2025, 7, 1, 2, 0, tzinfo=UTC)
        assert local(dossier.due_date) == datetime(
            2025, 7, 2, 17, 0, tzinfo=deadlines.TZ
        )
        assert dossier.timeliness == "on_time"
        assert dossier.channel == "direct"
        assert dossier.applicant_phone == "0900000002"

    def test_not_found_without_login(self, portal, procedures):
        load(portal, dossier_row())
        dossier = portal["ho-so"][dossier_id(f"{AGENCY}-250701-0001")]
        with api.env.adopt_roles(["Anonymous"]):
            assert not api.user.has_permission("View", obj=dossier)
        with api.env.adopt_user(username="chuyenvien"):
            assert api.user.has_permission("View", obj=dossier)

    def test_no_mail_and_no_counter(self, portal, procedures, mock_mailhost):
        load(portal, dossier_row(), dossier_row(code=f"{AGENCY}-250701-0002"))
        assert list(mock_mailhost.messages) == []
        assert current_value(portal["ho-so"], "250701") == 0
        # The control: a dossier accepted at the desk is mailed about at once.
        with api.env.adopt_roles(["Manager"]):
            dossier = create_dossier(
                procedures["1.004873"],
                applicant_name="Trần Văn Đối Chứng",
                applicant_phone="0912345678",
                applicant_email="doichung@example.org",
                channel="direct",
            )
        fire(dossier, "accept", "motcua")
        assert len(mock_mailhost.messages) >= 1


class TestIdempotent:
    def test_unchanged(self, portal, procedures):
        rows = [dossier_row(code=f"HS-{n}") for n in range(5)]
        assert counts(load(portal, *rows)) == (5, 0, 0)
        assert counts(load(portal, *rows)) == (0, 0, 5)

    def test_update(self, portal, procedures):
        load(portal, dossier_row(), dossier_row(code="HS-2"))
        result = load(
            portal,
            dossier_row(outcome="", resolved_at="", procedure_code="1.001612"),
            dossier_row(code="HS-2"),
        )
        assert counts(result) == (0, 1, 1)
        dossier = portal["ho-so"][dossier_id(f"{AGENCY}-250701-0001")]
        assert api.content.get_state(dossier) == "processing"
        assert dossier.resolved_at is None
        assert dossier.returned_at is None
        assert dossier.timeliness is None
        assert dossier.assigned_to == "chuyenvien2"
        assert "chuyenvien" not in dict(dossier.get_local_roles())
        assert dossier.title.endswith("Đăng ký thành lập hộ kinh doanh")
        brain = find_unrestricted(dossier_code=dossier.code)[0]
        assert brain.review_state == "processing"
        assert brain.procedure_code == "1.001612"
        assert counts(
            load(
                portal,
                dossier_row(outcome="", resolved_at="", procedure_code="1.001612"),
            )
        ) == (0, 0, 1)


class TestInvalid:
    CASES = [
        ({"procedure_code": "9.999999"}, "procedure_code", "9.999999"),
        ({"received_at": "01/07/2025"}, "received_at", "ISO 8601"),
        ({"resolved_at": "2025-06-30T08:00"}, "resolved_at", "trước received_at"),
        ({"channel": "fax"}, "channel", "fax"),
        ({"outcome": "approved"}, "outcome", "approved"),
        ({"code": ""}, "code", "thiếu mã hồ sơ"),
        ({"code": "HS 1/2"}, "code", "HS 1/2"),
        ({"resolved_at": ""}, "resolved_at", "resolved_at"),
        ({"outcome": ""}, "resolved_at", "đang giải quyết"),
        ({"applicant_phone": "12345"}, "applicant_phone", "12345"),
        ({"applicant_name": ""}, "applicant_name", "họ và tên"),
        ({"received_at": ""}, "received_at", "thiếu ngày giờ"),
        ({"due_date": "2025-13-01"}, "due_date", "2025-13-01"),
    ]

    @pytest.mark.parametrize(("change", "column", "text"), CASES)
    def test_case(self, portal, procedures, change, column, text):
        rows = [
            dossier_row(code="HS-OK-1"),
            dossier_row(**{"code": "HS-BAD", **change}),
            dossier_row(code="HS-OK-2"),
        ]
        with pytest.raises(DossierImportError) as info:
            load(portal, *rows)
        errors = info.value.errors
        assert [(e["line"], e["column"]) for e in errors] == [(3, column)]
        assert text in errors[0]["message"]
        assert errors[0]["message"].startswith("Dòng 3")
        assert len(find_unrestricted(portal_type="Dossier")) == 0
        assert "hs-ok-1" not in portal["ho-so"]

    def test_duplicate(self, portal, procedures):
        with pytest.raises(DossierImportError) as info:
            load(
                portal,
                dossier_row(code="HS-1"),
                dossier_row(code="HS-2"),
                dossier_row(code="hs-1"),
            )
        assert [(e["line"], e["column"]) for e in info.value.errors] == [(4, "code")]
        assert "dòng 2" in info.value.errors[0]["message"]
        assert len(find_unrestricted(portal_type="Dossier")) == 0

    def test_many_errors_in_line_order(self, portal, procedures):
        with pytest.raises(DossierImportError) as info:
            load(
                portal,
                dossier_row(code="A", channel="x"),
                dossier_row(code="B"),
                dossier_row(code="C", outcome="?", received_at="hôm qua"),
            )
        assert [e["line"] for e in info.value.errors] == [2, 4, 4]
        assert "3 lỗi" in str(info.value)

    def test_missing_column(self, portal, procedures):
        with pytest.raises(DossierImportError) as info:
            parse(b"code,procedure_code\nA,1.004873\n")
        assert info.value.errors[0]["line"] == 1
        assert "applicant_name" in info.value.errors[0]["message"]

    def test_not_utf8(self, portal, procedures):
        data = to_csv([dossier_row(applicant_name="Lê Hà")]).decode("utf-8-sig")
        with pytest.raises(DossierImportError) as info:
            parse(data.encode("cp1252"))
        assert info.value.errors[0]["line"] == 2

    def test_live_dossier_is_never_overwritten(self, portal, procedures):
        with api.env.adopt_roles(["Manager"]):
            live = create_dossier(
                procedures["1.004873"],
                applicant_name="Trần Văn Sống",
                applicant_phone="0900000003",
                channel="online",
            )
        with pytest.raises(DossierImportError) as info:
            load(portal, dossier_row(code=live.code))
        assert info.value.errors[0]["column"] == "code"
        assert api.content.get_state(live) == "intake"


def test_next_code_skips_imported_codes(portal, procedures):
    """The live counter never hands out a code that an import already used."""
    when = datetime(2025, 7, 1, 9, 0, tzinfo=deadlines.TZ)
    load(
        portal,
        dossier_row(code=f"{AGENCY}-250701-0001"),
        dossier_row(code=f"{AGENCY}-250701-0002"),
        dossier_row(code=f"{AGENCY}-250701-0004"),
    )
    folder = portal["ho-so"]
    assert next_code(folder, when) == f"{AGENCY}-250701-0003"
    assert next_code(folder, when) == f"{AGENCY}-250701-0005"
    with api.env.adopt_roles(["Manager"]):
        dossier = create_dossier(
            procedures["1.004873"],
            submitted_at=when,
            applicant_name="Phạm Thị Mới",
            applicant_phone="0900000004",
        )
    assert dossier.code == f"{AGENCY}-250701-0006"


def _index_values(brain) -> dict:
    catalog = dossier_catalog()
    rid = brain.getRID()
    return catalog._catalog.getIndexDataForRID(rid), catalog._catalog.getMetadataForRID(
        rid
    )


@pytest.mark.parametrize("outcome", ["result", "rejected", ""])
def test_same_catalog_values_as_live(portal, procedures, outcome):
    """An imported dossier is indexed exactly like a live one with the same story."""
    procedure = procedures["1.004873"]
    with api.env.adopt_roles(["Manager"]):
        live = create_dossier(
            procedure,
            applicant_name="Nguyễn Thị Mẫu",
            applicant_phone="0900000001",
            channel="online",
        )
    fire(live, "accept", "motcua")
    if outcome:
        fire(live, "submit_for_approval", "chuyenvien")
        if outcome == "result":
            fire(live, "approve", "lanhdao")
            fire(live, "deliver", "motcua")
        else:
            fire(live, "deny", "lanhdao", comment="Không đủ điều kiện.")
    resolved = live.resolved_at.isoformat() if outcome else ""
    load(
        portal,
        dossier_row(
            code="HS-IMPORTED-1",
            received_at=live.received_at.isoformat(),
            resolved_at=resolved,
            outcome=outcome,
        ),
    )
    imported = portal["ho-so"]["hs-imported-1"]
    assert imported.due_date == live.due_date
    live_brain = find_unrestricted(UID=live.UID())[0]
    imported_brain = find_unrestricted(UID=imported.UID())[0]
    live_index, live_meta = _index_values(live_brain)
    imported_index, imported_meta = _index_values(imported_brain)
    assert set(live_index) == set(imported_index)
    # The old system records no fee (issue #18): the live dossier's fee (its
    # status, its settlement day) has no counterpart in an imported one.
    for values in (live_index, imported_index):
        for name in ("fee_status", "payment_method", "fee_collected", "fee_waived"):
            values.pop(name, None)
        values["statistics_days"] = sorted(
            key
            for key in values.get("statistics_days") or ()
            if key // 10**8 != KINDS["fee_settled_at"]
        )
    # The old system knows one end date: the result is returned when resolved.
    # Live, ``deliver`` comes a moment after ``approve``: same local day.
    if outcome == "result":
        assert imported.returned_at == imported.resolved_at
        assert deadlines.local_date(live.returned_at) == deadlines.local_date(
            imported.returned_at
        )
        live_index.pop("returned_at")
        imported_index.pop("returned_at")
        live_meta.pop("returned_at", None)
        imported_meta.pop("returned_at", None)
    different = {
        name
        for name in live_index
        if name not in OWN_INDEXES and live_index[name] != imported_index[name]
    }
    assert different == set()
    skip = OWN_INDEXES | {
        "getId",
        "getURL",
        "getIcon",
        "CreationDate",
        "ModificationDate",
        "EffectiveDate",
        "ExpirationDate",
        "expires",
        "exclude_from_nav",
    }
    different = {
        name
        for name in live_meta
        if name not in skip and live_meta[name] != imported_meta[name]
    }
    assert different == set()
    # The officials' view of who may see it is the same too.
    assert sorted(live_index["allowedRolesAndUsers"]) == sorted(
        imported_index["allowedRolesAndUsers"]
    )
    # and the desk finds it by the applicant's name, like a live one.
    found = {
        b.UID for b in find_unrestricted(SearchableText="Mẫu", portal_type="Dossier")
    }
    assert {live.UID(), imported.UID()} <= found


def test_large_file(portal, procedures):
    """5,000 rows in one transaction; the timing is printed, not asserted."""
    codes = list(procedures)
    rows = []
    for n in range(LARGE):
        day = 1 + n % 28
        rows.append(
            dossier_row(
                code=f"OLD-{n:05d}",
                procedure_code=codes[n % 3],
                applicant_phone=f"0900{n:06d}",
                received_at=f"2025-08-{day:02d}T09:{n % 60:02d}:00",
                resolved_at=f"2025-09-{day:02d}T10:00:00" if n % 10 else "",
                outcome=("result", "rejected", "withdrawn", "stopped")[n % 4]
                if n % 10
                else "",
            )
        )
    data = to_csv(rows)
    start = time.perf_counter()
    result = import_dossiers(portal["ho-so"], parse(data))
    processQueue()  # the catalog work, otherwise done at commit
    created = time.perf_counter() - start
    assert counts(result) == (LARGE, 0, 0)
    start = time.perf_counter()
    result = import_dossiers(portal["ho-so"], parse(data))
    again = time.perf_counter() - start
    assert counts(result) == (0, 0, LARGE)
    print(
        f"\n{LARGE} dossiers: import {created:.1f} s ({created * 1000 / LARGE:.1f} ms/dossier), "
        f"import again (unchanged) {again:.1f} s"
    )
    assert len(find_unrestricted(portal_type="Dossier")) == LARGE
