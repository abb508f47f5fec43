"""Control panel "Thanh toán" (@@luanthanh-payment): the collecting account
of VietQR payments and the reasons of exemptions and corrections."""

from luanthanh.policy.controlpanel.base import registry_panel
from luanthanh.policy.i18n import _
from luanthanh.policy.payments.interfaces import IPaymentSettings
from luanthanh.policy.payments.interfaces import PREFIX


PaymentControlPanel = registry_panel(
    IPaymentSettings,
    PREFIX,
    _("label_payment_settings", default="Thanh toán"),
    _(
        "help_payment_settings",
        default="Tài khoản nhận phí, lệ phí không dùng tiền mặt (mã VietQR trên giấy "
        "tiếp nhận và trang tra cứu) và danh sách lý do miễn, giảm phí, lệ phí.",
    ),
)
