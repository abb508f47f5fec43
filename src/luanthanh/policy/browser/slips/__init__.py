"""Printable slips of the one-stop desk (A4), after the forms of the circular.

The forms of Thông tư 03/2025/TT-VPCP (Phụ lục I, Mẫu 01 to 07), filled from a dossier,
one module per screen:

* ``@@giay-tiep-nhan`` (:mod:`.receipt`): Giấy tiếp nhận hồ sơ và hẹn trả kết
  quả, with a QR code to the public status lookup;
* ``@@phieu-yeu-cau-bo-sung`` (:mod:`.supplement`): Phiếu yêu cầu bổ sung,
  hoàn thiện hồ sơ;
* ``@@phieu-tu-choi`` (:mod:`.refusal`): Phiếu từ chối tiếp nhận giải quyết
  hồ sơ;
* ``@@phieu-xin-loi`` (:mod:`.apology`): Văn bản xin lỗi và đề nghị gia hạn
  thời gian giải quyết; its form issues an apology through
  ``api.dossier.issue_apology``;
* ``@@thong-bao-dung`` (:mod:`.stop`): Thông báo dừng giải quyết hồ sơ
  (Mẫu số 05);
* ``@@phieu-kiem-soat`` (:mod:`.control`): Phiếu kiểm soát quá trình giải
  quyết hồ sơ, from the dossier's ``history``;
* ``@@bien-lai-thu-phi`` (:mod:`.fee_receipt`): Biên lai thu phí, lệ phí,
  the e-receipt of a paid fee (issue #18), not a form of the circular;
* ``@@so-theo-doi`` on the DossierFolder (:mod:`.book`): Sổ theo dõi hồ sơ
  (Mẫu số 07) for
  a period, from catalog metadata only, also as ``?format=xlsx``.
"""

from luanthanh.policy.browser.slips.apology import ApologyView
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.browser.slips.book import TrackingBookView
from luanthanh.policy.browser.slips.control import ControlView
from luanthanh.policy.browser.slips.fee_receipt import FeeReceiptView
from luanthanh.policy.browser.slips.receipt import ReceiptView
from luanthanh.policy.browser.slips.refusal import RefusalView
from luanthanh.policy.browser.slips.stop import StopView
from luanthanh.policy.browser.slips.supplement import SupplementView


__all__ = [
    "ApologyView",
    "ControlView",
    "FeeReceiptView",
    "ReceiptView",
    "RefusalView",
    "SlipView",
    "StopView",
    "SupplementView",
    "TrackingBookView",
]
