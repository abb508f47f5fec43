"""Reading the messages the site hands to its MailHost."""

from email import message_from_bytes
from email import message_from_string
from email import policy
from email.header import decode_header
from email.header import make_header
from plone import api

import transaction


FROM_ADDRESS = "motcua@luanthanh.example.org"
FROM_NAME = "Trung tâm Phục vụ hành chính công xã Luận Thành"


def configure_sender() -> None:
    """The site's sender: ``FROM_NAME <FROM_ADDRESS>``."""
    api.portal.set_registry_record("plone.email_from_address", FROM_ADDRESS)
    api.portal.set_registry_record("plone.email_from_name", FROM_NAME)


def parse(raw):
    """A received message, its headers and parts decoded."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return message_from_bytes(raw, policy=policy.default)


def plain(message) -> str:
    """The text/plain part, decoded; CRLF line ends (as sent) read as LF."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return text.replace("\r\n", "\n")


def html(message) -> str:
    """The text/html part, decoded; CRLF line ends read as LF."""
    text = message.get_body(preferencelist=("html",)).get_content()
    return text.replace("\r\n", "\n")


def messages(mailhost) -> list:
    """The messages of the site's (mock) MailHost, as committed so far."""
    transaction.begin()
    return list(api.portal.get().MailHost.messages)


def supplement_mails(mails: list) -> list:
    """The "nộp bổ sung" messages among ``mails`` (texts): to, subject, body."""
    found = []
    for text in mails:
        message = message_from_string(text)
        subject = str(make_header(decode_header(message["Subject"] or "")))
        if "nộp bổ sung" in subject:
            [part] = [
                part
                for part in message.walk()
                if part.get_content_type() == "text/plain"
            ]
            body = part.get_payload(decode=True).decode("utf-8")
            found.append({"to": message["To"], "subject": subject, "body": body})
    return found
