"""Settings of the statistics (prefix ``luanthanh.policy.statistics``)."""

from luanthanh.policy.fields import switch
from luanthanh.policy.i18n import _
from zope.interface import Interface


PREFIX = "luanthanh.policy.statistics"
PUBLIC_BOARD_RECORD = f"{PREFIX}.public_board"


class IStatisticsSettings(Interface):
    """Edited in the control panel ``@@luanthanh-statistics`` ("Thống kê")."""

    public_board = switch(
        _("label_public_board", default="Bật bảng công khai kết quả giải quyết"),
        description=_(
            "help_public_board",
            default="Khi bật, mọi người (kể cả khách chưa đăng nhập) xem được "
            "bảng số liệu tổng hợp và biểu đồ tại @@bang-cong-khai. Bảng chỉ có "
            "số liệu tổng hợp, không có thông tin cá nhân nào.",
        ),
        default=False,
    )
