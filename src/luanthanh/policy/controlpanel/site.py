"""Control panels of the center's details, the procedure fields and dossiers."""

from luanthanh.policy.config import DOSSIER_PREFIX
from luanthanh.policy.config import PROCEDURE_PREFIX
from luanthanh.policy.config import SITE_PREFIX
from luanthanh.policy.controlpanel.base import registry_panel
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IDossierSettings
from luanthanh.policy.interfaces import INationalFieldSettings
from luanthanh.policy.interfaces import IProcedureSettings
from luanthanh.policy.interfaces import ISiteSettings


SiteSettingsControlPanel = registry_panel(
    ISiteSettings,
    SITE_PREFIX,
    _("label_site_settings", default="Thông tin Trung tâm"),
    _(
        "help_site_settings",
        default="Địa chỉ, đường dây nóng và giờ làm việc của Trung tâm (hiện ở "
        "chân mọi trang) và các thủ tục thường dùng ở trang chủ.",
    ),
)

ProcedureSettingsControlPanel = registry_panel(
    IProcedureSettings,
    PROCEDURE_PREFIX,
    _("label_procedure_settings", default="Lĩnh vực thủ tục hành chính"),
    _(
        "help_procedure_settings",
        default="Các lĩnh vực dùng để phân loại thủ tục và thống kê hồ sơ.",
    ),
)

NationalFieldSettingsControlPanel = registry_panel(
    INationalFieldSettings,
    PROCEDURE_PREFIX,
    _("label_national_field_settings", default="Lĩnh vực theo danh mục quốc gia"),
    _(
        "help_national_field_settings",
        default="Danh mục lĩnh vực thủ tục hành chính của Cơ sở dữ liệu quốc gia, "
        "dùng khi nhập thủ tục từ danh mục quốc gia và báo cáo lên tỉnh; khác "
        "với nhóm lĩnh vực dùng cho báo cáo của Trung tâm.",
    ),
)

DossierSettingsControlPanel = registry_panel(
    IDossierSettings,
    DOSSIER_PREFIX,
    _("label_dossier_settings", default="Hồ sơ một cửa"),
    _(
        "help_dossier_settings",
        default="Mã cơ quan dùng để đánh mã hồ sơ và cán bộ phụ trách từng lĩnh vực.",
    ),
)
