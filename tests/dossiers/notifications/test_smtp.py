"""Through a real SMTP server on loopback: mail leaves only when the transaction
commits, and an unreachable server never undoes the transition."""

from aiosmtpd.controller import Controller
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.mails import Collector
from luanthanh.policy.testing.mails import configure_sender
from luanthanh.policy.testing.mails import free_port
from luanthanh.policy.testing.mails import FROM_ADDRESS
from luanthanh.policy.testing.mails import html
from luanthanh.policy.testing.mails import parse
from luanthanh.policy.testing.mails import plain
from plone import api
from Products.MailHost.MailHost import MailHost

import logging
import pytest
import time
import transaction


@pytest.fixture
def smtp():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, collector
    finally:
        controller.stop()


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    mailhost = portal.MailHost
    assert isinstance(mailhost, MailHost)  # the real one, not a mock
    with api.env.adopt_roles(["Manager"]):
        configure_sender()
        create_officials()
        dossier = make_dossier(portal, make_procedure(portal))
    transaction.commit()
    return portal, mailhost, dossier


def point_at(mailhost, host: str, port: int) -> None:
    """Point the real MailHost at ``host:port``.

    Plone keeps the SMTP settings in the registry (the mail control panel)
    and patches zope.sendmail's SMTPMailer to read them from there; the
    MailHost's own attributes are set too, as the ZMI would.
    """
    mailhost.smtp_host = host
    mailhost.smtp_port = port
    api.portal.set_registry_record("plone.smtp_host", host)
    api.portal.set_registry_record("plone.smtp_port", port)
    transaction.commit()


def wait_for(collector, count: int, timeout: float = 5.0) -> list:
    deadline = time.monotonic() + timeout
    while len(collector.envelopes) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return collector.envelopes


def test_accept_mail_goes_out_at_commit(site, smtp):
    _portal, mailhost, dossier = site
    controller, collector = smtp
    point_at(mailhost, controller.hostname, controller.port)

    fire(dossier, "accept", "motcua")
    time.sleep(0.2)
    assert collector.envelopes == []  # nothing before the commit
    transaction.commit()

    envelopes = wait_for(collector, 2)
    assert len(envelopes) == 2
    by_rcpt = {tuple(e.rcpt_tos): e for e in envelopes}
    assert set(by_rcpt) == {("an@example.org",), ("chuyenvien@luanthanh.example.org",)}
    envelope = by_rcpt[("an@example.org",)]
    assert envelope.mail_from == FROM_ADDRESS
    message = parse(envelope.original_content or envelope.content)
    assert message["Subject"] == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    assert message["To"] == "an@example.org"
    body = plain(message)
    assert "Kính gửi ông/bà Nguyễn Văn An," in body
    assert f"- Mã hồ sơ: {dossier.code}" in body
    assert "- Thủ tục: Cấp Giấy xác nhận tình trạng hôn nhân" in body
    assert "- Ngày hẹn trả kết quả: 17 giờ 00 phút ngày " in body
    assert f"?code={dossier.code}" in html(message)
    official = parse(by_rcpt[("chuyenvien@luanthanh.example.org",)].content)
    assert official["Subject"] == f"Hồ sơ {dossier.code} được giao cho ông/bà xử lý"


def test_aborted_transition_sends_nothing(site, smtp):
    _portal, mailhost, dossier = site
    controller, collector = smtp
    point_at(mailhost, controller.hostname, controller.port)

    fire(dossier, "accept", "motcua")
    transaction.abort()
    time.sleep(0.3)
    assert collector.envelopes == []
    assert api.content.get_state(dossier) == "intake"


def test_unreachable_server_keeps_the_transition(site, caplog):
    _portal, mailhost, dossier = site
    point_at(mailhost, "127.0.0.1", free_port())  # nobody listens there

    with caplog.at_level(logging.ERROR):
        fire(dossier, "accept", "motcua")
        transaction.commit()  # does not raise
    transaction.begin()
    assert api.content.get_state(dossier) == "processing"
    assert dossier.received_at is not None
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("SMTP server could not be reached" in m for m in messages)
