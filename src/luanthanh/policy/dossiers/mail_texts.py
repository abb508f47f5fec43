"""The texts of the workflow's e-mail notifications, as gettext messages.

One :class:`MailText` (subject and body) per message, and the signature that
ends every body (``${signature}``).  The defaults are the Vietnamese texts;
the translations are in the catalogues of the ``luanthanh.policy`` domain
(``locales/<language>/LC_MESSAGES/luanthanh.policy.po``; ``make i18n``
collects new messages).  Placeholders are ``${name}``: the values are put in
by :func:`luanthanh.policy.dossiers.notifications.render`, which leaves out
a line whose placeholder has no value (so keep one optional value a line).
The dossier's internal ``notes`` never go into a message.
"""

from luanthanh.policy.i18n import _
from typing import NamedTuple
from zope.i18nmessageid import Message


class MailText(NamedTuple):
    """The subject (one line) and the body of a message."""

    subject: Message
    body: Message


APPLICANT_ACCEPT = MailText(
    subject=_(
        "mail_applicant_accept_subject",
        default="Hồ sơ ${code} đã được tiếp nhận",
    ),
    body=_(
        "mail_applicant_accept_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "${center_name} đã tiếp nhận hồ sơ của ông/bà.\n"
            "\n"
            "- Mã hồ sơ: ${code}\n"
            "- Thủ tục: ${procedure}\n"
            "- Thời gian tiếp nhận: ${received}\n"
            "- Ngày hẹn trả kết quả: ${due}\n"
            "${fee}\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "Khi đến ${collect_at} nhận kết quả, ông/bà mang theo Giấy tiếp nhận "
            "hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân.\n"
            "${result_sent}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPLICANT_SUPPLEMENT = MailText(
    subject=_(
        "mail_applicant_supplement_subject",
        default="Hồ sơ ${code} cần bổ sung, hoàn thiện",
    ),
    body=_(
        "mail_applicant_supplement_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "Hồ sơ ${code} (thủ tục: ${procedure}) cần được bổ sung, hoàn thiện. "
            "Ngày yêu cầu: ${requested}.\n"
            "\n"
            "Nội dung cần bổ sung:\n"
            "${request}\n"
            "\n"
            "Thời hạn giải quyết hồ sơ tạm dừng cho đến khi ông/bà nộp đủ hồ sơ "
            "bổ sung.\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPLICANT_RESULT = MailText(
    subject=_(
        "mail_applicant_result_subject",
        default="Hồ sơ ${code} đã có kết quả",
    ),
    body=_(
        "mail_applicant_result_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "Hồ sơ ${code} (thủ tục: ${procedure}) đã có kết quả giải quyết.\n"
            "${fee}\n"
            "\n"
            "Mời ông/bà đến ${collect_at} để nhận kết quả, mang theo Giấy tiếp "
            "nhận hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân.\n"
            "${result_sent}\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPLICANT_REFUSE = MailText(
    subject=_(
        "mail_applicant_refuse_subject",
        default="Hồ sơ ${code} không được tiếp nhận",
    ),
    body=_(
        "mail_applicant_refuse_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "${center_name} thông báo không tiếp nhận hồ sơ ${code} (thủ tục: "
            "${procedure}).\n"
            "\n"
            "Lý do:\n"
            "${reason}\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPLICANT_DENY = MailText(
    subject=_(
        "mail_applicant_deny_subject",
        default="Hồ sơ ${code} bị từ chối giải quyết",
    ),
    body=_(
        "mail_applicant_deny_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "${center_name} thông báo từ chối giải quyết hồ sơ ${code} (thủ tục: "
            "${procedure}).\n"
            "\n"
            "Lý do:\n"
            "${reason}\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPLICANT_STOP = MailText(
    subject=_(
        "mail_applicant_stop_subject",
        default="Hồ sơ ${code} đã dừng giải quyết",
    ),
    body=_(
        "mail_applicant_stop_body",
        default=(
            "Kính gửi ông/bà ${applicant_name},\n"
            "\n"
            "${center_name} thông báo dừng giải quyết hồ sơ ${code} (thủ tục: "
            "${procedure}).\n"
            "\n"
            "Lý do:\n"
            "${reason}\n"
            "\n"
            "Ông/bà tra cứu tình trạng hồ sơ tại: ${lookup_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

OFFICIAL_ASSIGNED = MailText(
    subject=_(
        "mail_official_assigned_subject",
        default="Hồ sơ ${code} được giao cho ông/bà xử lý",
    ),
    body=_(
        "mail_official_assigned_body",
        default=(
            "Kính gửi ${official_name},\n"
            "\n"
            "Hồ sơ ${code} vừa được tiếp nhận và giao cho ông/bà xử lý.\n"
            "\n"
            "- Thủ tục: ${procedure}\n"
            "- Người nộp: ${applicant_name}\n"
            "- Thời gian tiếp nhận: ${received}\n"
            "- Ngày hẹn trả kết quả: ${due}\n"
            "\n"
            "Mở hồ sơ: ${dossier_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

APPROVERS_APPROVAL = MailText(
    subject=_(
        "mail_approvers_approval_subject",
        default="Hồ sơ ${code} chờ phê duyệt",
    ),
    body=_(
        "mail_approvers_approval_body",
        default=(
            "Kính gửi ${official_name},\n"
            "\n"
            "Hồ sơ ${code} đã được trình phê duyệt.\n"
            "\n"
            "- Thủ tục: ${procedure}\n"
            "- Người nộp: ${applicant_name}\n"
            "- Người trình: ${actor_name}\n"
            "- Ngày hẹn trả kết quả: ${due}\n"
            "\n"
            "Mở hồ sơ: ${dossier_url}\n"
            "\n"
            "${signature}"
        ),
    ),
)

SIGNATURE = _(
    "mail_signature_body",
    default=(
        "Trân trọng,\n"
        "${center_name}\n"
        "Địa chỉ: ${center_address}\n"
        "Đường dây nóng: ${center_hotline}\n"
        "Thư điện tử: ${center_email}\n"
        "\n"
        "Thư này được gửi tự động, xin ông/bà không trả lời thư này."
    ),
)

#: The texts by name: the applicant's message for each transition, the
#: official's and the approvers'.
TEXTS: dict[str, MailText] = {
    "applicant_accept": APPLICANT_ACCEPT,
    "applicant_supplement": APPLICANT_SUPPLEMENT,
    "applicant_result": APPLICANT_RESULT,
    "applicant_refuse": APPLICANT_REFUSE,
    "applicant_deny": APPLICANT_DENY,
    "applicant_stop": APPLICANT_STOP,
    "official_assigned": OFFICIAL_ASSIGNED,
    "approvers_approval": APPROVERS_APPROVAL,
}
