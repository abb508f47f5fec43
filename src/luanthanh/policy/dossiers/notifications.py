"""E-mail notifications of the one-stop workflow (``luanthanh_dossier_workflow``).

An ``IAfterTransitionEvent`` subscriber for dossiers, registered after the
one that sets the dates and the assignment, so that it sees them:

* to the applicant, when ``applicant_email`` is known: at ``accept`` (the
  receipt: code, procedure, received and due dates), ``request_supplement``
  (what to supply), ``approve`` (the result is ready), ``refuse`` and
  ``deny`` (the reason) and ``stop`` (the reason);
* to the official the dossier is assigned to at ``accept`` (the e-mail of
  their user account);
* to the approvers, the members of the group ``lanh-dao`` with an e-mail, at
  ``submit_for_approval``.

Links come from the site address set in the control panel
(:func:`luanthanh.policy.urls.public_url`), never from the request's ``Host``
header, and names (the applicant's, the officials') have their URLs taken
out (:func:`luanthanh.policy.formatting.without_links`).

The texts are gettext messages (:mod:`luanthanh.policy.dossiers.mail_texts`,
translated in the ``luanthanh.policy`` catalogues), rendered in the site's
language, not in the language of whoever fires the transition; a line whose
placeholder has no value is left out.  Messages are UTF-8 text/plain with an
HTML alternative made from the text.  They go through the site's MailHost with
``immediate=False``: zope.sendmail delivers them when the transaction commits
(or drops them in the mail queue when the MailHost has one), and never for a
transition that is rolled back.  The dossier's internal ``notes`` never go
into a message.

A message that cannot be built or sent is logged and dropped: it never undoes
the transition, not even when the SMTP server cannot be reached while the
transaction commits (see :func:`luanthanh.policy.mail.send`).
"""

from Acquisition import aq_base
from luanthanh.policy import settings
from luanthanh.policy.config import logger
from luanthanh.policy.dossiers import delivery
from luanthanh.policy.dossiers.mail_texts import SIGNATURE
from luanthanh.policy.dossiers.mail_texts import TEXTS
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.formatting import without_links
from luanthanh.policy.i18n import translated
from luanthanh.policy.mail import send
from luanthanh.policy.payments import texts as payment_texts
from luanthanh.policy.urls import lookup_url
from luanthanh.policy.urls import public_url
from luanthanh.policy.urls import public_url_of
from plone import api
from plone.api.exc import GroupNotFoundError
from string import Template
from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message


APPROVERS_GROUP = "lanh-dao"

#: The applicant's message for each transition.
APPLICANT_TEMPLATES = {
    "accept": "applicant_accept",
    "request_supplement": "applicant_supplement",
    "approve": "applicant_result",
    "refuse": "applicant_refuse",
    "deny": "applicant_deny",
    "stop": "applicant_stop",
}
OFFICIAL_TEMPLATE = "official_assigned"
APPROVERS_TEMPLATE = "approvers_approval"


# Texts -----------------------------------------------------------------------


def text(message: Message) -> str:
    """``message`` in the site's language, its ``${name}`` placeholders kept.

    Translated without a mapping, so that :func:`fill` can leave out the
    lines whose value is empty.
    """
    return translated(message, request=False)


def fill(template: str, values: dict[str, str]) -> str:
    """Substitute ``values``; a line with an empty placeholder is left out."""
    lines = []
    for line in template.splitlines():
        names = {
            match.group("named") or match.group("braced")
            for match in Template.pattern.finditer(line)
        } - {None}
        if any(not str(values.get(name, "")).strip() for name in names):
            continue
        lines.append(Template(line).substitute(values))
    return "\n".join(lines)


def render(name: str, values: dict[str, str]) -> tuple[str, str]:
    """The subject (one line) and the plain-text body of the message ``name``."""
    mail = TEXTS[name]
    values = dict(values)
    values["signature"] = fill(text(SIGNATURE), values)
    subject = " ".join(Template(text(mail.subject)).substitute(values).split())
    return subject, fill(text(mail.body), values).strip() + "\n"


def when(value) -> str:
    """``08 giờ 30 phút ngày 03/03/2026`` in Asia/Ho_Chi_Minh (the one style of
    :mod:`luanthanh.policy.formatting`); "" without a value."""
    return format_datetime(value)


def dossier_values(dossier) -> dict[str, str]:
    """What the templates may say about a dossier (never its notes)."""
    center = settings.center()
    procedure = procedure_of(dossier)
    return {
        "code": dossier.code or "",
        "procedure": procedure.title if procedure is not None else "",
        "applicant_name": without_links(dossier.applicant_name),
        "received": when(dossier.received_at),
        "due": when(dossier.due_date),
        "lookup_url": lookup_url(dossier.code or "", public_url()),
        "dossier_url": public_url_of(dossier),
        "center_name": center["center_name"],
        "center_address": center["address"],
        "center_hotline": center["hotline"],
        "center_email": center["email"],
        "reason": "",
        "request": "",
        "requested": "",
        "official_name": "",
        "actor_name": "",
        **delivery.mail_values(dossier),
        **payment_texts.mail_values(dossier),
    }


# Recipients --------------------------------------------------------------------


def user_email(userid: str) -> str:
    user = api.user.get(userid=userid) if userid else None
    return ((user.getProperty("email", "") or "") if user is not None else "").strip()


def approvers() -> list[tuple[str, str]]:
    """(e-mail, full name) of the members of ``lanh-dao`` who have an e-mail."""
    try:
        users = api.user.get_users(groupname=APPROVERS_GROUP)
    except GroupNotFoundError:  # the group was removed: nobody to tell
        logger.warning("Group %s not found: no approver to notify", APPROVERS_GROUP)
        return []
    found = {}
    for user in users:
        address = (user.getProperty("email", "") or "").strip()
        if address and address not in found:
            found[address] = user.getProperty("fullname", "") or user.getId()
    return sorted(found.items())


def planned_mails(dossier, action: str, comment: str = "") -> list[tuple]:
    """The messages a transition sends: (recipient, template, values)."""
    values = dossier_values(dossier)
    current = api.user.get_current()
    actor = fullname(current.getId()) if current is not None else ""
    values["actor_name"] = without_links(actor)
    if action in ("refuse", "deny", "stop"):
        values["reason"] = comment
    elif action == "request_supplement":
        values["request"] = (
            getattr(aq_base(dossier), "supplement_request", "") or comment
        )
        requested = getattr(aq_base(dossier), "supplement_requested_at", None)
        values["requested"] = format_date(requested)

    mails = []
    applicant = (dossier.applicant_email or "").strip()
    if applicant and action in APPLICANT_TEMPLATES:
        mails.append((applicant, APPLICANT_TEMPLATES[action], values))
    if action == "accept" and dossier.assigned_to:
        address = user_email(dossier.assigned_to)
        if address:
            mails.append(
                (
                    address,
                    OFFICIAL_TEMPLATE,
                    {
                        **values,
                        "official_name": without_links(fullname(dossier.assigned_to)),
                    },
                )
            )
    if action == "submit_for_approval":
        for address, name in approvers():
            mails.append(
                (
                    address,
                    APPROVERS_TEMPLATE,
                    {**values, "official_name": without_links(name)},
                )
            )
    return mails


# Sending -----------------------------------------------------------------------


def notify_transition(dossier, event) -> None:
    """Send the messages of a transition; log, never raise, what fails."""
    if event.transition is None:
        return
    action = event.transition.id
    comment = ((event.kwargs or {}).get("comment", "") or "").strip()
    try:
        mails = planned_mails(dossier, action, comment)
    except ConflictError:
        raise
    except Exception:
        logger.exception("Notifications of %s on %s failed", action, dossier.code)
        return
    for recipient, template, values in mails:
        try:
            subject, body = render(template, values)
            send(recipient, subject, body)
        except ConflictError:
            raise
        except Exception:
            logger.exception(
                "Message %s of %s on %s to %s not sent",
                template,
                action,
                dossier.code,
                recipient,
            )
