"""1023 → 1024: the online forms ask how the result is to be received.

Every EasyForm with the action "Tạo hồ sơ" (the generated forms, the demo
forms and those made by hand) gains the question "Đăng ký nhận kết quả tại"
(at the center, by post to an address, online) before its consent fieldset,
unless it asks it already (mẫu 01 of Thông tư 03/2025/TT-VPCP, item 6).
Only ``fields_model`` changes: the forms' other fields, their actions, saved
data and the dossiers already sent stay as they are; the action reads the
question under its default ids.  Dossiers need nothing: those made before
keep the center (the class default of ``result_delivery``).
"""

from luanthanh.policy.config import logger
from luanthanh.policy.onlineforms.fields import add_delivery
from plone import api


ACTION_TYPE = "luanthanh.policy.actions.CreateDossier"


def dossier_forms() -> list:
    """Every EasyForm of the site whose actions create dossiers."""
    forms = []
    for brain in api.content.find(portal_type="EasyForm", unrestricted=True):
        form = brain._unrestrictedGetObject()
        if ACTION_TYPE in (getattr(form, "actions_model", "") or ""):
            forms.append(form)
    return forms


def upgrade(setup_tool) -> None:
    for form in dossier_forms():
        xml = getattr(form, "fields_model", "") or ""
        if not xml:
            continue
        updated, added = add_delivery(xml)
        if not added:
            continue
        form.fields_model = updated
        # No IObjectModifiedEvent: it would save a version of the form
        # (CMFEditions), which the stored sites' upgrade cannot; the new
        # model is a new ZODB serial, so the cached rendering is not reused.
        form.reindexObject()
        logger.info("%s: asks how the result is received", form.absolute_url(1))
