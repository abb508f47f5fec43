"""The papers received with a dossier: the checks, the defaults of the counter
table, and what the receipt prints for dossiers recorded before."""

from luanthanh.policy.dossiers import papers
from luanthanh.policy.dossiers.attachments import Upload
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import translated
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import PDF
from plone import api

import pytest


def test_clean_keeps_order_and_tidies_text():
    rows = papers.clean(
        [
            {"name": "  Tờ khai ", "form": "original", "count": 1},
            {
                "name": "Bản sao\nGiấy khai sinh",
                "form": "copy",
                "count": 2,
                "note": " x ",
            },
            {"name": "Thẻ căn cước", "form": "shown"},
        ]
    )
    assert rows == [
        {"name": "Tờ khai", "form": "original", "count": 1, "note": ""},
        {"name": "Bản sao Giấy khai sinh", "form": "copy", "count": 2, "note": "x"},
        {"name": "Thẻ căn cước", "form": "shown", "count": 1, "note": ""},
    ]


@pytest.mark.parametrize(
    "row,message",
    [
        ({"name": "Tờ khai", "form": "photocopy", "count": 1}, "hình thức nhận không"),
        ({"name": "Tờ khai", "form": "", "count": 1}, "chọn Bản chính, Bản sao"),
        ({"name": "Tờ khai", "form": "copy", "count": 0}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": -2}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": "2"}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": "abc"}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": 1.5}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": True}, "số nguyên dương"),
        ({"name": "Tờ khai", "form": "copy", "count": 1000}, "số nguyên dương"),
        ({"name": " ", "form": "copy", "count": 1}, "vui lòng nhập tên giấy tờ"),
        ({"name": "x" * 301, "form": "copy", "count": 1}, "300 ký tự"),
    ],
)
def test_clean_refuses_with_a_vietnamese_message(row, message):
    good = {"name": "Đơn", "form": "original", "count": 1}
    with pytest.raises(InvalidInput) as info:
        papers.clean([good, row])
    assert message in translated(info.value.message)
    assert info.value.field == "received_documents"
    assert info.value.details == {"row": 2}
    # The control: the same list without the bad row passes.
    assert papers.clean([good])


@pytest.mark.parametrize("value", [None, "Tờ khai", {"name": "x"}, ["Tờ khai"]])
def test_clean_refuses_what_is_not_a_list_of_records(value):
    with pytest.raises(InvalidInput) as info:
        papers.clean(value)
    assert "Danh sách giấy tờ đã nhận không hợp lệ" in translated(info.value.message)


def test_required_means_at_least_one():
    assert papers.clean([]) == []
    with pytest.raises(InvalidInput) as info:
        papers.clean([], required=True)
    assert "Chưa nhận giấy tờ nào" in translated(info.value.message)


@pytest.mark.parametrize(
    "originals,copies,mandatory,form,count",
    [
        (1, 0, True, "original", 1),
        (2, 1, True, "original", 2),
        (0, 3, True, "copy", 3),
        (0, 0, True, "shown", 1),
        (1, 0, False, "", 1),  # conditional ("nếu có"): not received unless ticked
        (0, 0, False, "", 1),
    ],
)
def test_counter_defaults(originals, copies, mandatory, form, count):
    row = {"originals": originals, "copies": copies, "mandatory": mandatory}
    assert papers.default_form(row) == form
    assert papers.default_count(row) == count


def test_uploads_are_electronic_copies():
    uploads = [
        Upload("gcs.pdf", "application/pdf", PDF, "Giấy chứng sinh"),
        Upload("anh.png", "image/png", b"", ""),
    ]
    assert papers.clean(papers.uploaded(uploads)) == [
        {
            "name": "Giấy chứng sinh",
            "form": "copy",
            "count": 1,
            "note": "Bản điện tử nộp trực tuyến",
        },
        {
            "name": "anh.png",
            "form": "copy",
            "count": 1,
            "note": "Bản điện tử nộp trực tuyến",
        },
    ]


class TestOlderDossiers:
    """Dossiers received before the papers were recorded: no upgrade step, a
    class default (None), and a fallback for the receipt."""

    @pytest.fixture
    def procedure(self, portal):
        with api.env.adopt_roles(["Manager"]):
            return make_procedure(portal)

    def test_not_recorded_at_the_counter(self, portal, procedure):
        with api.env.adopt_roles(["Manager"]):
            dossier = make_dossier(portal, procedure, channel="direct")
        assert "received_documents" not in dossier.__dict__
        assert papers.recorded(dossier) is None
        assert papers.receipt_rows(dossier) is None

    def test_online_ones_from_their_files(self, portal, procedure):
        with api.env.adopt_roles(["Manager"]):
            dossier = make_dossier(portal, procedure, channel="online")
        assert papers.receipt_rows(dossier) is None  # no file: not known
        attach_file(dossier, "to-khai.pdf", "Tờ khai", PDF, "application/pdf")
        assert papers.receipt_rows(dossier) == [
            {
                "name": "Tờ khai",
                "form": "copy",
                "count": 1,
                "note": "Bản điện tử nộp trực tuyến",
            }
        ]

    def test_a_record_wins_even_empty(self, portal, procedure):
        with api.env.adopt_roles(["Manager"]):
            dossier = make_dossier(portal, procedure, channel="online")
        attach_file(dossier, "to-khai.pdf", "Tờ khai", PDF, "application/pdf")
        papers.record(dossier, [])
        assert papers.receipt_rows(dossier) == []
