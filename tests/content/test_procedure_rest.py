"""plone.restapi round trip of every Procedure field, over HTTP."""

from luanthanh.policy.testing.builders import make_content

import pytest
import transaction


DOCUMENTS = [
    {
        "name": "Tờ khai đăng ký khai sinh",
        "originals": 1,
        "copies": 0,
        "note": "Theo mẫu",
        "template_url": "https://example.org/to-khai-khai-sinh.docx",
    },
    {
        "name": "Giấy chứng sinh",
        "originals": 1,
        "copies": 0,
        "note": "",
        "template_url": "",
    },
    {
        "name": "Văn bản ủy quyền",
        "originals": 0,
        "copies": 1,
        "note": "Nếu nhờ người khác nộp",
        "template_url": "",
    },
]


@pytest.fixture
def khai_tu(functional_portal):
    item = make_content(
        functional_portal["thu-tuc-hanh-chinh"],
        "Procedure",
        id="khai-tu",
        title="Đăng ký khai tử",
        code="1.000656",
        field="tu-phap-ho-tich",
    )
    transaction.commit()
    return item


@pytest.fixture
def payload(khai_tu):
    return {
        "@type": "Procedure",
        "id": "khai-sinh",
        "title": "Đăng ký khai sinh",
        "description": "Đăng ký khai sinh cho trẻ em.",
        "code": "1.001193",
        "field": "tu-phap-ho-tich",
        "processing_days": 0,
        "same_day_cutoff": "15:30:00",
        "processing_note": "Trả trong ngày nếu nộp trước 15 giờ 30.",
        "online_level": "full",
        "channels": ["direct", "online", "postal"],
        "fee": 0,
        "fee_note": "Miễn lệ phí",
        "implementing_agency": "Ủy ban nhân dân xã Luận Thành",
        "audience": ["citizen"],
        "required_documents": DOCUMENTS,
        "steps": {
            "data": "<ol><li>Nộp hồ sơ</li></ol>",
            "content-type": "text/html",
            "encoding": "utf-8",
        },
        "conditions": {
            "data": "<p>Trẻ em sinh ra còn sống.</p>",
            "content-type": "text/html",
            "encoding": "utf-8",
        },
        "result": "Giấy khai sinh (bản chính)",
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP"],
        "interlinked": [khai_tu.UID()],
    }


def test_round_trip_every_field(manager_request, payload):
    response = manager_request.post("thu-tuc-hanh-chinh", json=payload)
    assert response.status_code == 201, response.text
    data = manager_request.get("thu-tuc-hanh-chinh/khai-sinh").json()
    for key in (
        "title",
        "description",
        "code",
        "processing_days",
        "same_day_cutoff",
        "processing_note",
        "fee",
        "fee_note",
        "implementing_agency",
        "result",
        "legal_basis",
    ):
        assert data[key] == payload[key], key
    # The flags a client did not send come from the rule (content.documents).
    assert data["required_documents"] == [
        row | {"mandatory": True, "online": True} for row in DOCUMENTS
    ]
    assert data["field"] == {"token": "tu-phap-ho-tich", "title": "Tư pháp – Hộ tịch"}
    assert data["online_level"]["token"] == "full"
    assert sorted(c["token"] for c in data["channels"]) == [
        "direct",
        "online",
        "postal",
    ]
    assert [a["token"] for a in data["audience"]] == ["citizen"]
    assert "<li>Nộp hồ sơ</li>" in data["steps"]["data"]
    assert "Trẻ em sinh ra còn sống." in data["conditions"]["data"]
    assert [i["title"] for i in data["interlinked"]] == ["Đăng ký khai tử"]
    assert data["form"] is None


def test_patch_reorders_and_removes_documents(manager_request, payload):
    manager_request.post("thu-tuc-hanh-chinh", json=payload)
    reordered = [DOCUMENTS[2], DOCUMENTS[0]]
    response = manager_request.patch(
        "thu-tuc-hanh-chinh/khai-sinh", json={"required_documents": reordered}
    )
    assert response.status_code == 204, response.text
    data = manager_request.get("thu-tuc-hanh-chinh/khai-sinh").json()
    assert data["required_documents"] == [
        row | {"mandatory": True, "online": True} for row in reordered
    ]
    # Flags a client sends are kept.
    flagged = [DOCUMENTS[0] | {"mandatory": False, "online": False}]
    manager_request.patch(
        "thu-tuc-hanh-chinh/khai-sinh", json={"required_documents": flagged}
    )
    data = manager_request.get("thu-tuc-hanh-chinh/khai-sinh").json()
    assert data["required_documents"] == flagged


def test_invalid_code_is_a_structured_error(manager_request, payload):
    payload["code"] = "1-001193"
    response = manager_request.post("thu-tuc-hanh-chinh", json=payload)
    assert response.status_code == 400
    error = response.json()["message"]
    assert "1.001193" in error  # the Vietnamese explanation gives an example


def test_duplicate_code_refused(manager_request, payload):
    payload["code"] = "1.000656"
    response = manager_request.post("thu-tuc-hanh-chinh", json=payload)
    assert response.status_code == 400
    assert "đã được dùng" in response.json()["message"]
    assert manager_request.get("thu-tuc-hanh-chinh/khai-sinh").status_code == 404


def test_anonymous_cannot_create(anon_request, payload):
    response = anon_request.post("thu-tuc-hanh-chinh", json=payload)
    assert response.status_code == 401
