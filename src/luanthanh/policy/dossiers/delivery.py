"""How the applicant asked to receive the result (mẫu 01, item 6).

``result_delivery`` is a token of ``luanthanh.policy.result_delivery``:

- ``center``: at the center's counter (the default, and that of every dossier
  made before the choice existed);
- ``post``: by the public postal service (dịch vụ bưu chính công ích) to
  ``result_address``, which is then required;
- ``online``: the electronic copy of the result (the dossier's "Kết quả đã số
  hóa") is sent by the official to the applicant's e-mail address, which is
  then required.  The site has no applicant accounts and sends no result by
  itself: the officials' dossier page tells the official to send it.
"""

from luanthanh.policy import settings
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.formatting import without_links
from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from luanthanh.policy.vocabularies import RESULT_DELIVERY
from zope.i18nmessageid import Message


DEFAULT = "center"
TOKENS = tuple(token for token, _title in RESULT_DELIVERY)

UNKNOWN = _(
    "error_result_delivery_unknown",
    default="Cách nhận kết quả không hợp lệ: chọn nhận tại Trung tâm, qua dịch "
    "vụ bưu chính công ích hoặc trực tuyến.",
)
ADDRESS_MISSING = _(
    "error_result_address_missing",
    default="Vui lòng ghi địa chỉ nhận kết quả qua dịch vụ bưu chính công ích.",
)
EMAIL_MISSING = _(
    "error_result_email_missing",
    default="Vui lòng ghi thư điện tử để nhận kết quả trực tuyến.",
)


def clean(delivery, address, email) -> dict[str, str]:
    """``result_delivery`` and ``result_address`` as a dossier keeps them.

    An empty choice is ``center``; the address is kept only for ``post``.
    Raises :class:`~luanthanh.policy.errors.InvalidInput` (``field`` names the
    field at fault) for an unknown token, ``post`` without an address and
    ``online`` without an e-mail address.
    """
    delivery = delivery or DEFAULT
    if not isinstance(delivery, str) or delivery not in TOKENS:
        raise InvalidInput(UNKNOWN, field="result_delivery")
    address = " ".join(address.split()) if isinstance(address, str) else ""
    if delivery == "post" and not address:
        raise InvalidInput(ADDRESS_MISSING, field="result_address")
    if delivery == "online" and not (email or "").strip():
        raise InvalidInput(EMAIL_MISSING, field="applicant_email")
    return {
        "result_delivery": delivery,
        "result_address": address if delivery == "post" else "",
    }


def title(delivery) -> Message:
    """The vocabulary's title of ``delivery`` (``center`` when unknown)."""
    titles = dict(RESULT_DELIVERY)
    return titles.get(delivery) or titles[DEFAULT]


def place(dossier) -> Message | str:
    """Where the result goes, as the receipt's item 6 and the thank-you page
    print it after "Đăng ký nhận kết quả tại:"."""
    delivery = getattr(dossier, "result_delivery", None) or DEFAULT
    if delivery == "post":
        return _(
            "result_place_post",
            default="Qua dịch vụ bưu chính công ích, đến địa chỉ: ${address}",
            mapping={"address": dossier.result_address or ""},
        )
    if delivery == "online":
        return _(
            "result_place_online",
            default="Trực tuyến: bản điện tử của kết quả được gửi đến thư điện "
            "tử ${email}",
            mapping={"email": dossier.applicant_email or ""},
        )
    center = settings.center()
    where = center["center_name"]
    if center["address"]:
        where = f"{where}, {center['address']}"
    return where


def instruction(dossier) -> Message:
    """What the official does when the result is ready (the dossier page)."""
    delivery = getattr(dossier, "result_delivery", None) or DEFAULT
    if delivery == "post":
        return _(
            "result_todo_post",
            default="Gửi qua bưu điện (dịch vụ bưu chính công ích) đến: ${address}",
            mapping={"address": dossier.result_address or ""},
        )
    if delivery == "online":
        return _(
            "result_todo_online",
            default="Gửi bản điện tử của kết quả (tệp “Kết quả đã số hóa”) qua "
            "thư điện tử đến: ${email}",
            mapping={"email": dossier.applicant_email or ""},
        )
    return _(
        "result_todo_center",
        default="Người nộp hồ sơ đến nhận kết quả tại Trung tâm.",
    )


def mail_values(dossier) -> dict[str, str]:
    """The result mail's ``collect_at`` (the center, when the applicant comes
    to it) and ``result_sent`` (how the result goes otherwise): each line of
    the mail whose value is empty is left out."""
    delivery = getattr(dossier, "result_delivery", None) or DEFAULT
    if delivery == "post":
        sent = _(
            "mail_result_sent_post",
            default="Kết quả sẽ được gửi đến ông/bà qua dịch vụ bưu chính công "
            "ích, theo địa chỉ: ${address}.",
            mapping={"address": without_links(dossier.result_address or "")},
        )
    elif delivery == "online":
        sent = _(
            "mail_result_sent_online",
            default="Bản điện tử của kết quả sẽ được gửi đến ông/bà qua thư điện "
            "tử ${email}.",
            mapping={"email": dossier.applicant_email or ""},
        )
    else:
        return {"collect_at": settings.center()["center_name"], "result_sent": ""}
    return {"collect_at": "", "result_sent": translated(sent, request=False)}
