"""One typed accessor per settings interface of the control panels.

Each accessor returns a read-only view of the registry records of one
interface (:mod:`luanthanh.policy.interfaces`): attribute access by field
name, and the field's default where a record is missing or empty.  Nothing
else reads these records by name, so that a renamed record or a new default
changes in one place.

The deadline and statistics settings have their accessors beside their
interfaces (``deadlines.settings``, ``statistics.settings``).
"""

from luanthanh.policy.config import DEFAULT_MAX_DOSSIER_MB
from luanthanh.policy.config import DEFAULT_MAX_FILE_MB
from luanthanh.policy.config import DOSSIER_PREFIX
from luanthanh.policy.config import LOGIN_PREFIX
from luanthanh.policy.config import MB
from luanthanh.policy.config import ONLINE_PREFIX
from luanthanh.policy.config import PROCEDURE_PREFIX
from luanthanh.policy.config import SITE_PREFIX
from luanthanh.policy.interfaces import IDossierSettings
from luanthanh.policy.interfaces import ILoginSettings
from luanthanh.policy.interfaces import IOnlineSettings
from luanthanh.policy.interfaces import IProcedureSettings
from luanthanh.policy.interfaces import ISiteSettings
from plone import api
from zope.schema import getFieldsInOrder


class Settings:
    """The records of ``interface`` under ``prefix``, with the schema's defaults."""

    def __init__(self, interface, prefix: str):
        self._interface = interface
        self._prefix = prefix
        self._fields = dict(getFieldsInOrder(interface))

    def __getattr__(self, name: str):
        fields = self.__dict__.get("_fields", {})
        if name not in fields:
            raise AttributeError(name)
        value = api.portal.get_registry_record(f"{self._prefix}.{name}", default=None)
        if value is None or value == "":
            return fields[name].default
        return value

    def record_name(self, name: str) -> str:
        """The registry record behind field ``name``."""
        if name not in self._fields:
            raise AttributeError(name)
        return f"{self._prefix}.{name}"

    def as_dict(self) -> dict:
        """Every field with its value."""
        return {name: getattr(self, name) for name in self._fields}


def site() -> Settings:
    """The center's own details (ISiteSettings): name, address, hotline..."""
    return Settings(ISiteSettings, SITE_PREFIX)


def procedures() -> Settings:
    """The procedure catalogue settings (IProcedureSettings)."""
    return Settings(IProcedureSettings, PROCEDURE_PREFIX)


def dossiers() -> Settings:
    """Dossier settings (IDossierSettings): agency code, assignees."""
    return Settings(IDossierSettings, DOSSIER_PREFIX)


def online() -> Settings:
    """Online submission, lookup and upload settings (IOnlineSettings)."""
    return Settings(IOnlineSettings, ONLINE_PREFIX)


def login() -> Settings:
    """Login throttle settings (ILoginSettings)."""
    return Settings(ILoginSettings, LOGIN_PREFIX)


DEFAULT_CENTER_NAME = "Trung tâm Phục vụ hành chính công xã Luận Thành"


def center() -> dict[str, str]:
    """The center's name, address, hotline and e-mail, as slips and mails print them."""
    values = site()
    return {
        "center_name": values.center_name or DEFAULT_CENTER_NAME,
        "address": values.address or "",
        "hotline": values.hotline or "",
        "email": values.email or "",
    }


def upload_limits() -> tuple[int, int]:
    """The per-file and per-dossier upload limits in bytes (control panel, in MB)."""
    values = online()
    return (
        (values.max_file_mb or DEFAULT_MAX_FILE_MB) * MB,
        (values.max_dossier_mb or DEFAULT_MAX_DOSSIER_MB) * MB,
    )
