"""The confirmation e-mail of an online submission.

Sent through :func:`luanthanh.policy.mail.send` (the MailHost with
``immediate=False``): zope.sendmail delivers it when the transaction
commits, so a submission that is rolled back sends nothing.  Nothing about
the mail may cost the citizen the submission: a message that cannot be built
or handed over is logged, and the SMTP connection zope.sendmail opens while
the transaction votes is guarded so that a refused connection is logged
instead of aborting the commit.
"""

from luanthanh.policy import settings
from luanthanh.policy.config import logger
from luanthanh.policy.easyform.receipt import processing_text
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import without_links
from luanthanh.policy.i18n import _
from luanthanh.policy.mail import send
from luanthanh.policy.urls import lookup_url
from luanthanh.policy.urls import public_url
from string import Template
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.i18nmessageid import Message


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


def message(dossier, procedure, request=None) -> tuple[str, str]:
    """The subject and the plain-text body, in the site's language."""
    values = {
        "name": without_links(dossier.applicant_name),
        "center": settings.center()["center_name"],
        "code": dossier.code,
        "procedure": procedure.title,
        "submitted": format_datetime(dossier.submitted_at),
        "processing": processing_text(procedure, request),
        "lookup_url": lookup_url(dossier.code, public_url()),
    }

    def render(text) -> str:
        if isinstance(text, Message):
            return translate(Message(text, mapping=values), context=request)
        return Template(text).safe_substitute(values)

    lines = ["" if line is None else line[0] + render(line[1]) for line in BODY]
    return render(SUBJECT), "\n".join(lines) + "\n"


def send_confirmation(dossier, procedure, request=None) -> bool:
    """Queue the confirmation to ``dossier.applicant_email``; False if not.

    Sent through :func:`luanthanh.policy.mail.send`: only when the submission
    commits, and a mail server that cannot be reached never undoes it.
    """
    recipient = dossier.applicant_email
    if not recipient:
        return False
    try:
        subject, body = message(dossier, procedure, request)
        return send(recipient, subject, body)
    except ConflictError:
        raise
    except Exception:
        logger.exception("Confirmation of online dossier %s not sent", dossier.code)
        return False
