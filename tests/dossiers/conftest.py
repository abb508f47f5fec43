"""Officials, a procedure and dossiers for the lifecycle tests."""

from luanthanh.policy.api.dossier import create as create_dossier
from plone import api

import pytest


PASSWORD = "Matkhau-1234!"  # HTTP basic auth is latin-1
OFFICIALS = {
    # user id: (group, title)
    "motcua": ("mot-cua", "Cán bộ một cửa"),
    "chuyenvien": ("chuyen-vien", "Chuyên viên tư pháp"),
    "chuyenvien2": ("chuyen-vien", "Chuyên viên kinh tế"),
    "lanhdao": ("lanh-dao", "Phó Chủ tịch UBND xã"),
}


def create_officials() -> None:
    for userid, (group, title) in OFFICIALS.items():
        api.user.create(
            email=f"{userid}@luanthanh.example.org",
            username=userid,
            password=PASSWORD,
            properties={"fullname": title},
        )
        api.group.add_user(groupname=group, username=userid)
    api.user.create(email="dan@example.org", username="congdan", password=PASSWORD)
    api.user.create(email="bt@example.org", username="bientap", password=PASSWORD)
    api.user.grant_roles(username="bientap", roles=["Editor"])
    api.user.create(email="qt@example.org", username="quantri", password=PASSWORD)
    api.user.grant_roles(username="quantri", roles=["Site Administrator"])
    api.portal.set_registry_record(
        "luanthanh.policy.dossier.assignees",
        {"tu-phap-ho-tich": "chuyenvien", "kinh-te": "chuyenvien2"},
    )


def make_procedure(portal, **data):
    values = {
        "title": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "code": "1.004873",
        "field": "tu-phap-ho-tich",
        "processing_days": 3,
        "online_level": "full",
    }
    values.update(data)
    with api.env.adopt_roles(["Manager"]):
        procedure = api.content.create(
            container=portal["thu-tuc-hanh-chinh"], type="Procedure", **values
        )
        api.content.transition(procedure, to_state="published")
    return procedure


def make_dossier(portal, procedure, **data):
    values = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "applicant_id_number": "038090001234",
        "applicant_email": "an@example.org",
        "channel": "online",
    }
    values.update(data)
    with api.env.adopt_roles(["Manager"]):
        return create_dossier(procedure, container=portal["ho-so"], **values)


def fire(dossier, transition: str, user: str, comment: str = ""):
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(
            dossier, transition, comment=comment
        )


@pytest.fixture
def officials(portal):
    create_officials()


@pytest.fixture
def procedure(portal, officials):
    return make_procedure(portal)


@pytest.fixture
def dossier(portal, procedure):
    return make_dossier(portal, procedure)
