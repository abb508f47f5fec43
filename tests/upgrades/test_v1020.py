"""Upgrade 1019 → 1020: each required document gets ``mandatory`` and ``online``."""

from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from luanthanh.policy.upgrades.v1020 import upgrade


PROFILE = "luanthanh.policy:default"


def test_upgrade_sets_the_flags_from_the_data(portal, setup_tool, officials):
    procedure = make_procedure(
        portal,
        required_documents=[
            required_document("Tờ khai", note="Theo mẫu"),
            required_document("Giấy chứng nhận kết hôn", 0, 1, note="Nếu có."),
            required_document("Văn bản ủy quyền", note="Không bắt buộc"),
            required_document("Căn cước", 0, 0, note="Xuất trình bản chính"),
            required_document("Giấy tờ khác (nếu có)", 0, 0),
        ],
    )
    # As in 1019: rows without flags (the add subscriber now sets them).
    procedure.required_documents = [
        {k: v for k, v in row.items() if k not in ("mandatory", "online")}
        for row in procedure.required_documents
    ]
    setup_tool.setLastVersionForProfile(PROFILE, "1019")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert [(r["mandatory"], r["online"]) for r in procedure.required_documents] == [
        (True, True),
        (False, True),
        (False, True),
        (True, False),
        (False, False),
    ]


def test_upgrade_keeps_flags_an_editor_set(portal, setup_tool, officials):
    row = required_document("Tờ khai") | {"mandatory": False, "online": False}
    procedure = make_procedure(portal, required_documents=[row])
    upgrade(setup_tool)
    upgrade(setup_tool)  # run again: nothing changes
    assert procedure.required_documents == [row]
