"""Control panel for the center's contact details."""

from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IDossierSettings
from luanthanh.policy.interfaces import IProcedureSettings
from luanthanh.policy.interfaces import ISiteSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class SiteSettingsForm(RegistryEditForm):
    schema = ISiteSettings
    schema_prefix = "luanthanh.policy.site"
    label = _("label_site_settings", default="Thông tin Trung tâm")
    description = _(
        "help_site_settings",
        default="Địa chỉ, đường dây nóng và giờ làm việc của Trung tâm (hiện ở "
        "chân mọi trang) và các thủ tục thường dùng ở trang chủ.",
    )


class SiteSettingsControlPanel(ControlPanelFormWrapper):
    form = SiteSettingsForm


class ProcedureSettingsForm(RegistryEditForm):
    schema = IProcedureSettings
    schema_prefix = "luanthanh.policy"
    label = _("label_procedure_settings", default="Lĩnh vực thủ tục hành chính")
    description = _(
        "help_procedure_settings",
        default="Các lĩnh vực dùng để phân loại thủ tục và thống kê hồ sơ.",
    )


class ProcedureSettingsControlPanel(ControlPanelFormWrapper):
    form = ProcedureSettingsForm


class DossierSettingsForm(RegistryEditForm):
    schema = IDossierSettings
    schema_prefix = "luanthanh.policy.dossier"
    label = _("label_dossier_settings", default="Hồ sơ một cửa")
    description = _(
        "help_dossier_settings",
        default="Mã cơ quan dùng để đánh mã hồ sơ và cán bộ phụ trách từng lĩnh vực.",
    )


class DossierSettingsControlPanel(ControlPanelFormWrapper):
    form = DossierSettingsForm
