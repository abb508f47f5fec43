"""Reading the messages the site hands to its MailHost (or a real SMTP server)."""

from aiosmtpd.controller import Controller
from contextlib import contextmanager
from email import message_from_bytes
from email import message_from_string
from email import policy
from email.header import decode_header
from email.header import make_header
from plone import api

import socket
import time
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


# A real SMTP server on loopback ---------------------------------------------------


class Collector:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server():
    """An SMTP server on loopback that the site's real MailHost sends to:
    yields its :class:`Collector`."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        mailhost = api.portal.get().MailHost
        mailhost.smtp_host = controller.hostname
        mailhost.smtp_port = controller.port
        api.portal.set_registry_record("plone.smtp_host", controller.hostname)
        api.portal.set_registry_record("plone.smtp_port", controller.port)
        transaction.commit()
        yield collector
    finally:
        controller.stop()


def received(collector, count: int, timeout: float = 10.0) -> list:
    """The messages (parsed) once ``count`` have arrived, or after ``timeout``."""
    deadline = time.monotonic() + timeout
    while len(collector.envelopes) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return [parse(e.original_content or e.content) for e in collector.envelopes]
