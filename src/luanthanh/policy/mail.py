"""Sending e-mail through the site's MailHost, after the transaction commits.

Messages are UTF-8 text/plain with an HTML alternative made from the text, in
CRLF line endings.  They are handed to the MailHost with ``immediate=False``:
zope.sendmail delivers them when the transaction commits (or drops them in the
mail queue when the MailHost has one), and never for a transaction that is
rolled back.  A message that cannot be sent is logged: it never undoes what
the transaction did, not even when the SMTP server cannot be reached while the
transaction commits (see :func:`_guard_votes`).
"""

from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formataddr
from html import escape
from luanthanh.policy.config import logger
from plone import api
from zope.sendmail.delivery import MailDataManager

import re
import transaction


URL_RE = re.compile(r"https?://[^\s<>\"]+")


def to_html(subject: str, text: str, language: str = "vi") -> str:
    """The HTML alternative: the text's paragraphs, links made clickable."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [
            URL_RE.sub(
                lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escape(line)
            )
            for line in block.splitlines()
        ]
        paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head>\n"
        '<body style="font-family: Arial, sans-serif; line-height: 1.5">\n'
        + "\n".join(paragraphs)
        + "\n</body></html>\n"
    )


def sender() -> str:
    """``"Name" <address>`` from the site's mail settings; "" when unset."""
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    name = api.portal.get_registry_record("plone.email_from_name", default="")
    if not address:
        return ""
    return formataddr((name, address)) if name else address


#: Lines end in CRLF on the wire (RFC 5321): the MailHost serialises the
#: message with its policy, and zope.sendmail passes the bytes on unchanged.
WIRE_POLICY = compat32.clone(linesep="\r\n")


def build_message(
    subject: str, body: str, mfrom: str, mto: str, language: str = "vi"
) -> MIMEMultipart:
    message = MIMEMultipart("alternative", policy=WIRE_POLICY)
    message["Subject"] = Header(subject, "utf-8")
    message["From"] = mfrom
    message["To"] = mto
    message["Content-Language"] = language
    message["Auto-Submitted"] = "auto-generated"
    message.attach(MIMEText(body, "plain", "utf-8", policy=WIRE_POLICY))
    message.attach(
        MIMEText(to_html(subject, body, language), "html", "utf-8", policy=WIRE_POLICY)
    )
    return message


class _LoggedVote:
    """A mail data manager's vote that logs a failure instead of raising it."""

    def __init__(self, vote):
        self.vote = vote

    def __call__(self, *args, **kwargs):
        try:
            return self.vote(*args, **kwargs)
        except Exception:
            logger.exception(
                "The SMTP server could not be reached while committing; the "
                "transition is kept and the message is tried once more after "
                "the commit"
            )


def _resources(txn) -> list:
    # Transaction has no public API to list its data managers.
    return list(getattr(txn, "_resources", ()))


def _guard_votes(txn, known: set[int]) -> None:
    """Keep the SMTP connection of direct delivery from undoing a transition.

    Without a mail queue, zope.sendmail joins the transaction with a data
    manager that connects to the SMTP server when the transaction votes: a
    refused connection there would abort the commit, and the transition with
    it.  Our data managers get a vote that logs instead; zope.sendmail then
    tries again after the commit and logs that failure too.
    """
    for resource in _resources(txn):
        if id(resource) in known or not isinstance(resource, MailDataManager):
            continue
        if resource.vote is not None and not isinstance(resource.vote, _LoggedVote):
            resource.vote = _LoggedVote(resource.vote)


def send(recipient: str, subject: str, body: str) -> bool:
    """Hand one message to the MailHost, delivered when the transaction commits."""
    mfrom = sender()
    if not mfrom:
        logger.warning("No plone.email_from_address: message %r not sent", subject)
        return False
    language = api.portal.get_default_language() or "vi"
    message = build_message(subject, body, mfrom, recipient, language)
    mailhost = api.portal.get_tool("MailHost")
    txn = transaction.get()
    known = {id(resource) for resource in _resources(txn)}
    mailhost.send(message, mto=recipient, mfrom=mfrom, immediate=False, charset="utf-8")
    _guard_votes(txn, known)
    return True
