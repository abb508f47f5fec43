"""``by_national_field``: the figures per official lĩnh vực, from the procedures."""

from datetime import date
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_procedure


JULY = (date(2025, 7, 1), date(2025, 7, 31))


def test_by_national_field_adds_up_the_procedures(portal, marriage, business):
    marriage.national_field = "ho-tich"
    marriage.reindexObject()
    certify = make_procedure(
        portal, title="Chứng thực chữ ký", code="2.000884", national_field="ho-tich"
    )
    dated_dossier(portal, marriage, date(2025, 7, 5), channel="direct")
    dated_dossier(portal, certify, date(2025, 7, 6), channel="online")
    dated_dossier(portal, business, date(2025, 7, 7), channel="direct")

    stats = compute_statistics(*JULY)

    rows = {row["national_field"]: row for row in stats["by_national_field"]}
    assert rows["ho-tich"]["title"] == "Hộ tịch"
    assert rows["ho-tich"]["received"] == 2
    assert rows["ho-tich"]["received_online"] == 1
    assert rows["chung-thuc"]["received"] == 0  # configured: listed, zero
    assert rows[""]["title"] == "Chưa xác định lĩnh vực"  # business has none
    assert rows[""]["received"] == 1
    assert sum(r["received"] for r in rows.values()) == stats["total"]["received"]
    # The center's groups are unchanged.
    by_field = {row["field"]: row["received"] for row in stats["by_field"]}
    assert by_field["tu-phap-ho-tich"] == 2
    assert by_field["kinh-te"] == 1


def test_without_dossiers_every_configured_field_is_listed(portal, marriage):
    rows = compute_statistics(*JULY)["by_national_field"]
    assert [r["national_field"] for r in rows][:3] == [
        "ho-tich",
        "chung-thuc",
        "nuoi-con-nuoi",
    ]
    assert all(r["received"] == 0 for r in rows)
