"""Builders of test content: officials, procedures, dossiers, documents.

Every builder works as a Manager (``api.env.adopt_roles``) so that tests can
call it whoever the current user is; none of them commits.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import time
from datetime import UTC
from luanthanh.policy import deadlines
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.config import TZ
from luanthanh.policy.setuphandlers.pdf import make_pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified


PASSWORD = "Matkhau-1234!"  # HTTP basic auth is latin-1
OFFICIALS = {
    # user id: (group, title)
    "motcua": ("mot-cua", "Cán bộ một cửa"),
    "chuyenvien": ("chuyen-vien", "Chuyên viên tư pháp"),
    "chuyenvien2": ("chuyen-vien", "Chuyên viên kinh tế"),
    "lanhdao": ("lanh-dao", "Phó Chủ tịch UBND xã"),
}


def add_official(userid: str, password: str = PASSWORD) -> None:
    """The official ``userid`` of :data:`OFFICIALS`, in their group.

    An account that exists already is only added to the group.
    """
    group, title = OFFICIALS[userid]
    if api.user.get(username=userid) is None:
        api.user.create(
            email=f"{userid}@luanthanh.example.org",
            username=userid,
            password=password,
            properties={"fullname": title},
        )
    api.group.add_user(groupname=group, username=userid)


def create_officials() -> None:
    """The officials, a citizen, an editor and a site administrator.

    All share ``PASSWORD``; civil status dossiers go to ``chuyenvien``,
    business ones to ``chuyenvien2``.
    """
    for userid in OFFICIALS:
        add_official(userid)
    api.user.create(email="dan@example.org", username="congdan", password=PASSWORD)
    api.user.create(email="bt@example.org", username="bientap", password=PASSWORD)
    api.user.grant_roles(username="bientap", roles=["Editor"])
    api.user.create(email="qt@example.org", username="quantri", password=PASSWORD)
    api.user.grant_roles(username="quantri", roles=["Site Administrator"])
    api.portal.set_registry_record(
        "luanthanh.policy.dossier.assignees",
        {"tu-phap-ho-tich": "chuyenvien", "kinh-te": "chuyenvien2"},
    )


def add_user(username: str, roles: list, password: str = PASSWORD) -> None:
    """A user with site-wide ``roles``, created by the site owner (an existing
    user is given the roles)."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        if api.user.get(username=username) is not None:
            api.user.grant_roles(username=username, roles=roles)
            return
        api.user.create(
            email=f"{username}@luanthanh.invalid",
            username=username,
            password=password,
            roles=roles,
        )


def make_content(container, type_: str, state: str | None = None, **data):
    """A ``type_`` item created in ``container``, then brought to ``state``."""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(container=container, type=type_, **data)
        if state and state != "private":
            api.content.transition(item, to_state=state)
    return item


# Procedures -------------------------------------------------------------------


def required_document(
    name: str,
    originals: int = 1,
    copies: int = 0,
    note: str = "",
    template_url: str = "",
) -> dict:
    """One row of a procedure's ``required_documents``."""
    return {
        "name": name,
        "originals": originals,
        "copies": copies,
        "note": note,
        "template_url": template_url,
    }


PROCEDURE = {
    "title": "Cấp Giấy xác nhận tình trạng hôn nhân",
    "code": "1.004873",
    "field": "tu-phap-ho-tich",
    "processing_days": 3,
    "online_level": "full",
}
DRAFT_PROCEDURE = {
    **PROCEDURE,
    "title": "Đăng ký kết hôn",
    "code": "1.000894",
    "processing_days": 0,
    "fee": 0,
}


def make_procedure(portal, **data):
    """A published procedure in the catalogue (3 working days, online)."""
    return make_content(
        portal["thu-tuc-hanh-chinh"], "Procedure", "published", **PROCEDURE | data
    )


def make_draft_procedure(container, **data):
    """A private procedure with sensible defaults, created in ``container``."""
    return make_content(container, "Procedure", **DRAFT_PROCEDURE | data)


FORM_PROCEDURES = (
    # code, title, field, processing days
    ("1.001193", "Đăng ký khai sinh", "tu-phap-ho-tich", 0),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "tu-phap-ho-tich", 3),
    ("1.001731", "Giải quyết chế độ mai táng phí", "van-hoa-xa-hoi", 3),
)


def make_form_procedures(portal) -> dict:
    """The published procedures of the demo online forms: code → procedure."""
    procedures = {}
    with api.env.adopt_roles(["Manager"]):
        for code, title, field, days in FORM_PROCEDURES:
            procedure = api.content.create(
                container=portal["thu-tuc-hanh-chinh"],
                type="Procedure",
                id=f"thu-tuc-{code.replace('.', '-')}",
                title=title,
                code=code,
                field=field,
                processing_days=days,
                online_level="full",
                channels={"direct", "online"},
            )
            api.content.transition(procedure, to_state="published")
            procedures[code] = procedure
    return procedures


# Dossiers ---------------------------------------------------------------------


def dossier_folder(portal_or_folder):
    """The dossier folder: ``portal_or_folder`` itself or the site's ``ho-so``."""
    if portal_or_folder.portal_type == "DossierFolder":
        return portal_or_folder
    return portal_or_folder["ho-so"]


def make_dossier(portal_or_folder, procedure, **data):
    """A dossier in ``intake``, as an online applicant would send it."""
    values = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "applicant_id_number": "038090001234",
        "applicant_email": "an@example.org",
        "channel": "online",
    }
    values.update(data)
    with api.env.adopt_roles(["Manager"]):
        return create_dossier(
            procedure, container=dossier_folder(portal_or_folder), **values
        )


def attach_file(dossier, id_: str, title: str, data: bytes, content_type: str = ""):
    """A File ``id_`` (also its file name) holding ``data`` in ``dossier``."""
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=dossier,
            type="File",
            id=id_,
            title=title,
            file=NamedBlobFile(data, content_type, id_),
        )


def fire(dossier, transition: str, user: str, comment: str = ""):
    """Fire ``transition`` on ``dossier`` as ``user``."""
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(
            dossier, transition, comment=comment
        )


def transitions_for(obj, username: str) -> set:
    """The ids of the transitions ``username`` may fire on ``obj``."""
    with api.env.adopt_user(username=username):
        tool = api.portal.get_tool("portal_workflow")
        return {t["id"] for t in tool.getTransitionsFor(obj)}


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local (Asia/Ho_Chi_Minh) time on ``day``, stored as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(UTC)


def dated_dossier(
    portal,
    procedure,
    received: date | None,
    *,
    channel: str = "online",
    due: date | None = None,
    outcome: str | None = None,
    closed: date | None = None,
    timeliness: str | None = None,
    returned: date | None = None,
    rating: str | None = None,
    **data,
):
    """A dossier received on ``received`` and, if ``outcome`` is given,
    ``approve``d / ``deny``d / ``stop``ped / ``withdraw``n on ``closed``.

    It goes through the real workflow, then gets the dates of a past period
    set directly, as the historic import does, before it is reindexed.
    ``received=None`` makes a dossier refused at intake.
    """
    dossier = make_dossier(portal, procedure, channel=channel, **data)
    if received is None:
        fire(dossier, "refuse", "motcua", comment="Thiếu giấy tờ")
        return dossier
    fire(dossier, "accept", "motcua")
    assignee = dossier.assigned_to
    if outcome in ("approve", "deny"):
        fire(dossier, "submit_for_approval", assignee)
        fire(dossier, outcome, "lanhdao", comment="Không đủ điều kiện")
        if returned is not None:
            fire(dossier, "deliver", "motcua")
    elif outcome == "stop":
        fire(dossier, "stop", assignee, comment="Dừng theo đề nghị")
    elif outcome == "withdraw":
        fire(dossier, "withdraw", "motcua")
    dossier.received_at = at(received, 8, 30)
    dossier.due_date = at(due or received, 17, 0)
    if outcome is not None:
        dossier.closed_at = at(closed, 16, 0)
        if outcome in ("approve", "deny"):
            dossier.resolved_at = dossier.closed_at
            dossier.timeliness = timeliness
        if returned is not None:
            dossier.returned_at = at(returned, 10, 0)
            dossier.rating = rating
    dossier.reindexObject()
    return dossier


def local_today() -> date:
    """Today's date in Asia/Ho_Chi_Minh."""
    return datetime.now(deadlines.TZ).date()


def due_on(day: date) -> datetime:
    """A due datetime as the workflow stores it: 17:00 local, in UTC."""
    return deadlines.due_datetime(day, deadlines.WorkCalendar()).astimezone(
        deadlines.TZ
    )


def set_due(dossier, day: date) -> None:
    """Move the deadline of ``dossier`` to ``day`` and reindex it."""
    dossier.due_date = due_on(day).astimezone(UTC)
    dossier.reindexObject()


# Documents and notices --------------------------------------------------------


def make_document(portal, state="published", **data):
    """A legal document in ``van-ban``, brought to ``state``."""
    values = {
        "title": "Quyết định ban hành Quy chế hoạt động của Trung tâm",
        "document_number": "15/QĐ-UBND",
        "document_type": "quyet-dinh",
        "issued_date": date(2025, 7, 21),
        "issuer": "Ủy ban nhân dân xã Luận Thành",
        "signer": "Chủ tịch Ủy ban nhân dân xã",
        "summary": "Về việc ban hành Quy chế tổ chức và hoạt động của Trung tâm",
    }
    values.update(data)
    return make_content(portal["van-ban"], "LegalDocument", state, **values)


def pdf_file(name: str = "van-ban.pdf") -> NamedBlobFile:
    """A small real PDF, as the file of a legal document."""
    return NamedBlobFile(
        make_pdf(["So: 15/QD-UBND", "Du lieu mau"]),
        contentType="application/pdf",
        filename=name,
    )


def relate(document, *procedures) -> None:
    """Set the related procedures of a legal document."""
    intids = getUtility(IIntIds)
    document.related_procedures = [RelationValue(intids.getId(p)) for p in procedures]
    modified(document)


def make_notice(container, title, state="published", days_ago=0, **data):
    """A News Item (notice) published ``days_ago`` days ago."""
    notice = make_content(container, "News Item", state, title=title, **data)
    with api.env.adopt_roles(["Manager"]):
        notice.setEffectiveDate(DateTime() - days_ago)
        notice.reindexObject()
    return notice
