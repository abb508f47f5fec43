"""The public board ``@@bang-cong-khai`` (công khai kết quả giải quyết).

The report's table and charts, for anyone, when the registry switch
``luanthanh.policy.statistics.public_board`` is on: aggregates only, never a
dossier or a name, and no split per procedure.
"""

from luanthanh.policy.browser.statistics.report import ReportView
from luanthanh.policy.i18n import _
from luanthanh.policy.statistics import public_board_enabled
from zExceptions import Forbidden
from zope.i18n import translate


class PublicBoardView(ReportView):
    """``@@bang-cong-khai``: the aggregate table and charts, for anyone."""

    public = True
    title = _("heading_public_board", default="Công khai kết quả giải quyết hồ sơ")

    def __call__(self):
        if not public_board_enabled():
            raise Forbidden(
                translate(
                    _(
                        "error_public_board_off",
                        default="Bảng công khai kết quả giải quyết chưa được bật.",
                    ),
                    context=self.request,
                )
            )
        return super().__call__()

    def procedure_rows(self) -> list[dict]:
        return []
