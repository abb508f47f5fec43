"""Settings of payments (registry prefix ``luanthanh.policy.payment``).

Edited in the control panel ``@@luanthanh-payment`` ("Thanh toán"): the
account that collects fees without cash (VietQR) and the reasons the desk
may give when it corrects a fee or grants an exemption.
"""

from luanthanh.policy.fields import lines
from luanthanh.policy.fields import optional_line
from luanthanh.policy.i18n import _
from luanthanh.policy.payments import vietqr
from zope import schema
from zope.interface import Interface


PREFIX = "luanthanh.policy.payment"
FEE_REASONS_RECORD = f"{PREFIX}.fee_reasons"

#: The reasons of an exemption (miễn) or a reduction (giảm), token|Title.
DEFAULT_FEE_REASONS = [
    "khai-sinh-khai-tu-dung-han|Đăng ký khai sinh, khai tử đúng hạn",
    "ket-hon-trong-nuoc|Đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước",
    "nguoi-co-cong|Người thuộc gia đình có công với cách mạng",
    "ho-ngheo|Người thuộc hộ nghèo",
    "nguoi-khuyet-tat|Người khuyết tật",
    "nop-truc-tuyen|Giảm phí, lệ phí khi nộp hồ sơ trực tuyến",
    "sai-muc-phi|Điều chỉnh mức phí, lệ phí ghi nhận sai",
]


class InvalidBin(schema.ValidationError):
    __doc__ = _("error_bank_bin", default="Mã BIN của ngân hàng gồm đúng 6 chữ số.")


class InvalidAccount(schema.ValidationError):
    __doc__ = _(
        "error_account_number",
        default="Số tài khoản chỉ gồm chữ số và chữ cái không dấu, tối đa 19 ký tự.",
    )


def validate_bin(value: str) -> bool:
    """Empty (no VietQR code) or a BIN :func:`vietqr.check_bin` accepts."""
    try:
        if value:
            vietqr.check_bin(value)
    except ValueError:
        raise InvalidBin(value) from None
    return True


def validate_account(value: str) -> bool:
    """Empty or an account number :func:`vietqr.check_account` accepts."""
    try:
        if value:
            vietqr.check_account(value)
    except ValueError:
        raise InvalidAccount(value) from None
    return True


class IPaymentSettings(Interface):
    """Edited in the control panel ``@@luanthanh-payment`` ("Thanh toán")."""

    bank_bin = optional_line(
        _("label_bank_bin", default="Mã BIN ngân hàng (NAPAS)"),
        default="970405",
        description=_(
            "help_bank_bin",
            default="6 chữ số do NAPAS cấp cho ngân hàng của tài khoản thu, ví dụ "
            "970405 (Agribank), 970415 (VietinBank). Để trống thì không hiện mã "
            "VietQR.",
        ),
        constraint=validate_bin,
    )
    account_number = optional_line(
        _("label_account_number", default="Số tài khoản thu phí, lệ phí"),
        default="3800201000999",
        constraint=validate_account,
    )
    account_name = optional_line(
        _("label_account_name", default="Tên chủ tài khoản"),
        default="TRUNG TAM PHUC VU HANH CHINH CONG XA LUAN THANH",
    )
    purpose_template = optional_line(
        _("label_purpose_template", default="Nội dung chuyển khoản"),
        default="{code}",
        description=_(
            "help_purpose_template",
            default="{code} được thay bằng mã hồ sơ; sao kê ngân hàng được đối "
            "chiếu theo mã này. Không dấu, tối đa 25 ký tự sau khi thay: mã hồ sơ "
            "đã dài 25 ký tự, nên một mẫu dài hơn chỉ ghi mã hồ sơ.",
        ),
    )
    fee_reasons = lines(
        _("label_fee_reasons", default="Lý do miễn, giảm hoặc điều chỉnh phí, lệ phí"),
        default=list(DEFAULT_FEE_REASONS),
        description=_(
            "help_fee_reasons",
            default="Mỗi dòng một lý do: mã|Tên. Bộ phận Một cửa phải chọn một lý do "
            "khi sửa mức phí hoặc miễn phí, lệ phí cho hồ sơ.",
        ),
    )
