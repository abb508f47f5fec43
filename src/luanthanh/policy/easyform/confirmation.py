"""The confirmation e-mail of an online submission.

Sent with ``api.portal.send_email(immediate=False)``: zope.sendmail delivers
it when the transaction commits, so a submission that is rolled back sends
nothing.  Nothing about the mail may cost the citizen the submission: a
message that cannot be built or handed over is logged, and the SMTP
connection zope.sendmail opens while the transaction votes is guarded so
that a refused connection is logged instead of aborting the commit.
"""

from datetime import datetime
from luanthanh.policy import _
from luanthanh.policy import logger
from luanthanh.policy.api import TZ
from plone import api
from string import Template
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.sendmail.delivery import MailDataManager

import transaction


SITE_SETTINGS = "luanthanh.policy.site"
CENTER_NAME = "Trung tâm Phục vụ hành chính công xã Luận Thành"

SUBJECT = _(
    "online_confirmation_subject",
    default="Đã nhận hồ sơ trực tuyến ${code}",
)
#: The body, line by line: (prefix, message); None is an empty line.
#: Single-line messages, as the catalogues keep them.
BODY = (
    ("", _("online_confirmation_greeting", default="Kính gửi ông/bà ${name},")),
    None,
    (
        "",
        _(
            "online_confirmation_received",
            default="${center} đã nhận hồ sơ trực tuyến của ông/bà.",
        ),
    ),
    None,
    ("- ", _("online_confirmation_code", default="Mã hồ sơ: ${code}")),
    ("- ", _("online_confirmation_procedure", default="Thủ tục: ${procedure}")),
    ("- ", _("online_confirmation_submitted", default="Thời gian nộp: ${submitted}")),
    (
        "- ",
        _(
            "online_confirmation_processing",
            default="Thời hạn giải quyết: ${processing}, tính từ khi hồ sơ được "
            "tiếp nhận",
        ),
    ),
    None,
    (
        "",
        _(
            "online_confirmation_next",
            default="Cán bộ Bộ phận Một cửa sẽ kiểm tra hồ sơ và liên hệ với "
            "ông/bà nếu cần bổ sung. Ông/bà tra cứu tình trạng hồ sơ bằng mã hồ "
            "sơ tại:",
        ),
    ),
    ("", "${lookup_url}"),
    None,
    ("", _("online_confirmation_regards", default="Trân trọng,")),
    ("", "${center}"),
    None,
    (
        "",
        _(
            "online_confirmation_automatic",
            default="Thư này được gửi tự động, xin ông/bà không trả lời thư này.",
        ),
    ),
)


def center_name() -> str:
    name = api.portal.get_registry_record(f"{SITE_SETTINGS}.center_name", default="")
    return name or CENTER_NAME


def message(dossier, procedure, request=None) -> tuple[str, str]:
    """The subject and the plain-text body, in the site's language."""
    from luanthanh.policy.easyform.actions import lookup_url
    from luanthanh.policy.easyform.actions import processing_text

    submitted = dossier.submitted_at
    if isinstance(submitted, datetime):
        submitted = submitted.astimezone(TZ).strftime("%H:%M ngày %d/%m/%Y")
    values = {
        "name": dossier.applicant_name,
        "center": center_name(),
        "code": dossier.code,
        "procedure": procedure.title,
        "submitted": submitted or "",
        "processing": processing_text(procedure, request),
        "lookup_url": lookup_url(dossier.code),
    }

    def render(text) -> str:
        if isinstance(text, Message):
            return translate(Message(text, mapping=values), context=request)
        return Template(text).safe_substitute(values)

    lines = ["" if line is None else line[0] + render(line[1]) for line in BODY]
    return render(SUBJECT), "\n".join(lines) + "\n"


def send_confirmation(dossier, procedure, request=None) -> bool:
    """Queue the confirmation to ``dossier.applicant_email``; False if not."""
    recipient = dossier.applicant_email
    if not recipient:
        return False
    txn = transaction.get()
    known = {id(resource) for resource in _resources(txn)}
    try:
        subject, body = message(dossier, procedure, request)
        api.portal.send_email(
            recipient=recipient, subject=subject, body=body, immediate=False
        )
    except ConflictError:
        raise
    except Exception:
        logger.exception("Confirmation of online dossier %s not sent", dossier.code)
        return False
    _guard_votes(txn, known)
    return True


class _LoggedVote:
    """A mail data manager's vote that logs a failure instead of raising it."""

    def __init__(self, vote):
        self.vote = vote

    def __call__(self, *args, **kwargs):
        try:
            return self.vote(*args, **kwargs)
        except Exception:
            logger.exception(
                "SMTP server unreachable while committing an online dossier; "
                "the dossier is kept, the confirmation is retried after commit"
            )


def _resources(txn) -> list:
    # Transaction has no public API to list its data managers.
    return list(getattr(txn, "_resources", ()))


def _guard_votes(txn, known: set[int]) -> None:
    for resource in _resources(txn):
        if id(resource) in known or not isinstance(resource, MailDataManager):
            continue
        if resource.vote is not None and not isinstance(resource.vote, _LoggedVote):
            resource.vote = _LoggedVote(resource.vote)
