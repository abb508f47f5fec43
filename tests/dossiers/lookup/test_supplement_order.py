"""The supplement is refused before its files are read (issue #14, finding 6).

The state and the file count come from the form's parts (their headers), so
that a supplement sent to a dossier that waits for none, or with too many
files, is answered before up to 10 MB per file are read into memory.
"""

from luanthanh.policy import api as lt_api
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.testing.files import PDF
from plone import api
from zope.interface import alsoProvides

import pytest


PHONE = "0912 345 678"


class Part:
    """A file part of the form that counts how often it is read."""

    def __init__(self, filename: str, data: bytes = PDF):
        self.filename = filename
        self.data = data
        self.reads = 0

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        return self.data if size < 0 else self.data[:size]


def post_upload(portal, dossier, parts):
    """The lookup page's ``upload`` action, with ``parts`` as the chosen files."""
    request = portal.REQUEST
    alsoProvides(request, IBrowserLayer)
    request.method = "POST"
    request["REQUEST_METHOD"] = "POST"
    request.form.update(
        {
            "action": "upload",
            "code": dossier.code,
            "phone": PHONE,
            "token": lt_api.lookup.issue_token(dossier.code),
            "files": parts,
        }
    )
    view = api.content.get_view("tra-cuu-ho-so", portal, request)
    view.handle("upload")
    return view


@pytest.mark.parametrize("state", ["processing", "intake", "result"])
def test_no_file_is_read_outside_supplement(portal, dossiers, state):
    parts = [Part("a.pdf"), Part("b.pdf")]
    view = post_upload(portal, dossiers[state], parts)
    assert "chờ bổ sung" in view.error
    assert portal.REQUEST.response.getStatus() == 409
    assert [part.reads for part in parts] == [0, 0]


def test_no_file_is_read_past_the_count(portal, dossiers):
    parts = [Part(f"{n}.pdf") for n in range(11)]
    view = post_upload(portal, dossiers["supplement"], parts)
    assert "tối đa 10 tệp" in view.error
    assert portal.REQUEST.response.getStatus() == 400
    assert {part.reads for part in parts} == {0}
    assert len(dossiers["supplement"].objectIds()) == 1


def test_the_files_are_read_when_they_may_be_taken(portal, dossiers):
    """The control: ten files to a dossier waiting for them are read and kept."""
    parts = [Part(f"{n}.pdf") for n in range(10)]
    view = post_upload(portal, dossiers["supplement"], parts)
    assert not view.error, view.error
    assert "Đã nhận 10 tệp bổ sung" in view.message
    assert {part.reads for part in parts} == {1}
    assert len(dossiers["supplement"].objectIds()) == 11
