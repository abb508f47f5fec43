"""The Dossier type: codes, validation, the folder that holds a million."""

from datetime import datetime
from datetime import UTC
from luanthanh.policy.content.dossier import IApplicant
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.content.dossier import InvalidIdNumber
from luanthanh.policy.content.dossier import InvalidPhone
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.testing.builders import make_dossier
from persistent.list import PersistentList
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zoneinfo import ZoneInfo
from zope.component import getMultiAdapter
from zope.schema import getFieldNames

import pytest
import re


TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_code_format_and_id(dossier):
    today = datetime.now(TZ).strftime("%y%m%d")
    assert re.fullmatch(rf"000\.00\.99\.H56-{today}-0001", dossier.code)
    assert dossier.getId() == dossier.code.lower().replace(".", "-")
    assert dossier.title.startswith(dossier.code)
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in dossier.title


def test_codes_count_up_within_the_day(portal, procedure):
    codes = [make_dossier(portal, procedure).code for _ in range(3)]
    assert [c[-4:] for c in codes] == ["0001", "0002", "0003"]
    assert len(set(codes)) == 3


def test_agency_code_from_settings(portal, procedure):
    api.portal.set_registry_record("luanthanh.policy.dossier.agency_code", "H56.99")
    assert make_dossier(portal, procedure).code.startswith("H56.99-")


def test_submitted_at_is_aware(dossier):
    assert dossier.submitted_at.tzinfo is not None
    assert api.content.get_state(dossier) == "intake"


def test_phone_normalised(portal, procedure):
    item = make_dossier(portal, procedure, applicant_phone="+84 912.345.678")
    assert item.applicant_phone == "0912345678"


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84 912 345 678", "0912345678"),
        ("(0237) 3852 123", "02373852123"),
        ("0123456789", ""),
        ("091234567", ""),
        ("abc", ""),
        ("", ""),
    ],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


def test_invalid_phone_rejected():
    with pytest.raises(InvalidPhone):
        IDossier["applicant_phone"].validate("12345")


@pytest.mark.parametrize("value", ["03809000123", "0380900012345", "03809000123a", ""])
def test_invalid_cccd_rejected(value):
    with pytest.raises(InvalidIdNumber):
        IDossier["applicant_id_number"].validate(value)


def test_valid_cccd():
    IDossier["applicant_id_number"].validate("038090001234")


def test_folder_is_unordered(portal):
    folder = portal["ho-so"]
    assert folder.portal_type == "DossierFolder"
    assert folder.getOrdering().__class__.__name__ == "UnorderedOrdering"


def test_dossier_folder_hidden_from_anonymous_and_members(portal, officials):
    from AccessControl.users import nobody

    folder = portal["ho-so"]
    assert not nobody.has_permission("View", folder)
    assert not api.user.has_permission("View", username="congdan", obj=folder)
    assert not api.user.has_permission("View", username="bientap", obj=folder)
    for userid in ("motcua", "chuyenvien", "lanhdao"):
        assert api.user.has_permission("View", username=userid, obj=folder)


def test_groups_hold_roles(portal):
    for group, role in (
        ("mot-cua", "DossierReceiver"),
        ("chuyen-vien", "DossierProcessor"),
        ("lanh-dao", "DossierApprover"),
    ):
        assert role in api.group.get_roles(groupname=group)


def test_dossier_indexed(dossier):
    brain = find_unrestricted(dossier_code=dossier.code)[0]
    assert brain.procedure_code == "1.004873"
    assert brain.procedure_field == "tu-phap-ho-tich"
    assert brain.channel == "online"
    assert brain.review_state == "intake"
    assert brain.applicant_name == "Nguyễn Văn An"
    # Phone and CCCD are searched by their keyed hashes.
    assert find_unrestricted(SearchableText="038090001234")
    assert find_unrestricted(SearchableText="0912345678")


def test_applicant_fields_are_the_dossiers():
    assert IDossier.extends(IApplicant)
    assert getFieldNames(IApplicant) == [
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
    ]
    for name in getFieldNames(IApplicant):
        assert IDossier[name] is IApplicant[name]


DECLARED = ("supplement_request", "supplement_requested_at", "apologies")


def test_every_attribute_is_declared_and_read_only(dossier):
    for name in (*DECLARED, "submission_token", "history", "closed_at"):
        assert name in IDossier, name
        assert IDossier[name].readonly, name
    # Never set: what the code read before they were declared.
    assert dossier.supplement_request is None
    assert dossier.supplement_requested_at is None
    assert list(dossier.apologies) == []
    assert "apologies" not in dossier.__dict__


def test_declared_attributes_serialize_and_cannot_be_written(dossier, http_request):
    when = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    dossier.supplement_request = "Bản sao sổ hộ khẩu"
    dossier.supplement_requested_at = when
    dossier.apologies = PersistentList(
        [{"time": when, "actor": "motcua", "new_date": when, "reason": "Chờ"}]
    )
    data = getMultiAdapter((dossier, http_request), ISerializeToJson)()
    assert data["supplement_request"] == "Bản sao sổ hộ khẩu"
    assert data["supplement_requested_at"].startswith("2026-03-02T08:00")
    assert data["apologies"][0]["reason"] == "Chờ"
    with api.env.adopt_roles(["Manager"]):
        getMultiAdapter((dossier, http_request), IDeserializeFromJson)(
            data={
                "supplement_request": "X",
                "apologies": [],
                "submission_token": "t",
                "notes": "ok",
            }
        )
    assert dossier.supplement_request == "Bản sao sổ hộ khẩu"
    assert len(dossier.apologies) == 1
    assert dossier.submission_token is None
    assert dossier.notes == "ok"
