"""Supermodel XML builders of the demo online forms (see :mod:`.demo_forms`).

The builders live in :mod:`luanthanh.policy.onlineforms.xml` (the generated
forms use them too); their names stay importable from here.
"""

from dataclasses import dataclass
from luanthanh.policy.onlineforms.xml import applicant_fields
from luanthanh.policy.onlineforms.xml import COMMITMENT
from luanthanh.policy.onlineforms.xml import consent_fieldset
from luanthanh.policy.onlineforms.xml import CONSENT_TEXT
from luanthanh.policy.onlineforms.xml import CONSENT_TITLE
from luanthanh.policy.onlineforms.xml import create_dossier_action
from luanthanh.policy.onlineforms.xml import delivery_fieldset
from luanthanh.policy.onlineforms.xml import field
from luanthanh.policy.onlineforms.xml import fieldset
from luanthanh.policy.onlineforms.xml import FILE
from luanthanh.policy.onlineforms.xml import FILE_HELP
from luanthanh.policy.onlineforms.xml import model
from luanthanh.policy.onlineforms.xml import NAMESPACES
from luanthanh.policy.onlineforms.xml import RADIO
from luanthanh.policy.onlineforms.xml import SECTION
from luanthanh.policy.onlineforms.xml import SECTION_LAYOUT
from luanthanh.policy.onlineforms.xml import upload


DEMO_MARK = "Dữ liệu mẫu (sample data)"


@dataclass(frozen=True)
class DemoForm:
    id: str
    procedure_code: str
    title: str
    description: str
    fields_model: str


__all__ = [
    "COMMITMENT",
    "CONSENT_TEXT",
    "CONSENT_TITLE",
    "DEMO_MARK",
    "FILE",
    "FILE_HELP",
    "NAMESPACES",
    "RADIO",
    "SECTION",
    "SECTION_LAYOUT",
    "DemoForm",
    "applicant_fields",
    "consent_fieldset",
    "create_dossier_action",
    "delivery_fieldset",
    "field",
    "fieldset",
    "model",
    "upload",
]
