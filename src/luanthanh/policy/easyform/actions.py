"""The easyform action "Tạo hồ sơ": each valid submission becomes a dossier.

Registered like easyform's own actions (``actions.zcml`` of
collective.easyform): an ``ActionFactory`` utility for the action picker and
a plone.supermodel ``BaseHandler`` utility for the XML of ``actions_model``,
both named ``luanthanh.policy.actions.CreateDossier``.

What happens on a submission (anonymous or logged in), after easyform has
validated the fields and :mod:`luanthanh.policy.easyform.guard` the honeypot,
stamp, rate limit and total size:

1. a post whose token (one per rendering of the form) already made a dossier
   shows that dossier's thank-you page again and creates nothing;
2. everything is checked before anything is created: the procedure (by code,
   open for online submission), the applicant fields of the mapping (name,
   CCCD, phone, e-mail), how the result is to be received
   (:func:`luanthanh.policy.api.dossier.check_result_delivery`), the consent
   box and every upload (:func:`luanthanh.policy.uploads.check_upload`);
   errors go beside their field, or at the top of the form;
3. the dossier (state ``intake``, channel ``online``) and one File per upload
   are created inside a savepoint (:func:`luanthanh.policy.api.dossier.create`
   and :func:`~luanthanh.policy.api.dossier.attach_files`), rolled back on
   any error; the token is recorded with it, each upload as a paper received
   (an electronic copy, for the receipt), and the dossier is indexed
   just after the commit (:mod:`luanthanh.policy.dossiers.pending`);
4. the code goes into the request for the thank-you page
   (:func:`luanthanh.policy.easyform.receipt.receipt`), and the confirmation
   e-mail is queued (sent at commit; a failure is logged, never shown).
"""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.api import is_file_data
from collective.easyform.config import FORM_ERROR_MARKER
from collective.easyform.interfaces import ILabel
from luanthanh.policy import settings
from luanthanh.policy.api.dossier import attach_files
from luanthanh.policy.api.dossier import check_result_delivery
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.api.dossier import defer_indexing
from luanthanh.policy.api.dossier import find_submission
from luanthanh.policy.api.dossier import record_uploaded_documents
from luanthanh.policy.api.dossier import register_submission
from luanthanh.policy.api.dossier import Upload
from luanthanh.policy.api.exc import InvalidInput
from luanthanh.policy.config import logger
from luanthanh.policy.config import now
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.dossiers.declaration import answer_kind
from luanthanh.policy.dossiers.declaration import fieldset_titles
from luanthanh.policy.easyform import guard
from luanthanh.policy.easyform.answers import answer_text
from luanthanh.policy.easyform.answers import choice_titles
from luanthanh.policy.easyform.answers import field_label
from luanthanh.policy.easyform.confirmation import send_confirmation
from luanthanh.policy.easyform.forms import schema as form_schema
from luanthanh.policy.easyform.interfaces import ICreateDossier
from luanthanh.policy.easyform.receipt import set_receipt
from luanthanh.policy.easyform.validators import CONSENT_MISSING
from luanthanh.policy.easyform.validators import is_cccd
from luanthanh.policy.easyform.validators import is_email
from luanthanh.policy.easyform.validators import is_phone
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import clean_id_number
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.uploads import check_total
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import UploadRejected
from plone.supermodel.exportimport import BaseHandler
from plone.supermodel.interfaces import IFieldNameExtractor
from ZODB.POSException import ConflictError
from zope.component import adapter
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.schema import getFieldsInOrder

import transaction


ONLINE_LEVELS = ("full", "partial")


NO_PROCEDURE = _(
    "error_online_no_procedure",
    default="Biểu mẫu này chưa được gắn với một thủ tục hành chính nhận hồ sơ "
    "trực tuyến. Xin vui lòng liên hệ Trung tâm.",
)
NOT_CREATED = _(
    "error_online_not_created",
    default="Hệ thống chưa tạo được hồ sơ, chưa có thông tin nào được lưu. Vui "
    "lòng gửi lại sau ít phút hoặc liên hệ Trung tâm.",
)
NAME_MISSING = _(
    "error_online_name_missing", default="Vui lòng nhập họ và tên người nộp."
)
PHONE_MISSING = _(
    "error_online_phone_missing",
    default="Vui lòng nhập số điện thoại để cán bộ liên hệ khi cần.",
)
FIELD_MISSING = _(
    "error_online_field_missing",
    default="Biểu mẫu thiếu trường “${field}” mà thao tác tạo hồ sơ cần. Xin "
    "vui lòng liên hệ Trung tâm.",
)


def text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def find_procedure(code: str):
    brains = find_by_code(code or "")
    return brains[0]._unrestrictedGetObject() if brains else None


@implementer(ICreateDossier)
class CreateDossier(Action):
    __doc__ = ICreateDossier.__doc__

    def __init__(self, **kw):
        for name, field in ICreateDossier.namesAndDescriptions():
            setattr(self, name, kw.pop(name, field.default))
        super().__init__(**kw)

    # The submission -------------------------------------------------------

    def onSuccess(self, fields, request):
        form = get_context(self)
        token = guard.submission_token(fields, form)
        existing = find_submission(token)
        if existing is not None:  # a double click, a retry: no second dossier
            relation = existing.procedure
            set_receipt(request, existing, relation.to_object if relation else None)
            logger.info("Repeated post of %s: dossier %s", form.getId(), existing.code)
            return None

        procedure = find_procedure(self.procedure_code)
        if procedure is None or procedure.online_level not in ONLINE_LEVELS:
            logger.error(
                "Form %s: no online procedure with code %r",
                "/".join(form.getPhysicalPath()),
                self.procedure_code,
            )
            return {FORM_ERROR_MARKER: NO_PROCEDURE}

        schema = form_schema(form)
        errors, applicant = self.applicant(schema, fields)
        uploads = self.uploads(schema, fields, errors)
        if errors:
            return errors

        consent = schema[self.consent_field]
        data = dict(
            applicant,
            channel="online",
            form_data=self.form_data(schema, fields, request, uploads),
            consent_text=consent_text(consent, request),
            consented_at=now(),
            submission_token=token,
        )
        savepoint = transaction.savepoint()
        try:
            # Indexed once this transaction has committed (dossiers.pending).
            defer_indexing()
            dossier = create_dossier(procedure, unrestricted=True, **data)
            register_submission(dossier, token)
            files = [upload for _name, upload in uploads]
            attach_files(dossier, files)
            record_uploaded_documents(dossier, files)
        except ConflictError:
            raise
        except Exception:
            savepoint.rollback()
            logger.exception("Online dossier for %s not created", procedure.code)
            return {FORM_ERROR_MARKER: NOT_CREATED}

        email = applicant.get("applicant_email") or ""
        sent = ""
        if (
            email
            and self.send_confirmation
            and send_confirmation(dossier, procedure, request)
        ):
            sent = email
        set_receipt(request, dossier, procedure, email=sent)
        logger.info("Online dossier %s created from %s", dossier.code, form.getId())
        return None

    # Checks ---------------------------------------------------------------

    def applicant(self, schema, fields) -> tuple[dict, dict]:
        """The applicant fields of the dossier, and the errors on the way."""
        errors = {}
        mapping = {
            "name_field": self.name_field,
            "id_number_field": self.id_number_field,
            "phone_field": self.phone_field,
            "email_field": self.email_field,
            "address_field": self.address_field,
            "consent_field": self.consent_field,
        }
        for setting in ("name_field", "phone_field", "consent_field"):
            field_id = mapping[setting]
            if not field_id or field_id not in schema:
                errors[FORM_ERROR_MARKER] = Message(
                    FIELD_MISSING, mapping={"field": field_id or setting}
                )
                return errors, {}

        def value(field_id):
            # An optional mapping to a field the form does not have: unasked.
            return text(fields.get(field_id)) if field_id in schema else ""

        name = " ".join(value(self.name_field).split())
        if not name:
            errors[self.name_field] = NAME_MISSING
        id_number = clean_id_number(value(self.id_number_field))
        message = is_cccd(id_number)
        if message:
            errors[self.id_number_field] = message
        phone = value(self.phone_field)
        message = PHONE_MISSING if not phone else is_phone(phone)
        if message:
            errors[self.phone_field] = message
        email = value(self.email_field)
        message = is_email(email)
        if message:
            errors[self.email_field] = message
        if fields.get(self.consent_field) is not True:
            errors[self.consent_field] = CONSENT_MISSING
        delivery = self.delivery(schema, fields, email, errors)
        return errors, {
            "applicant_name": name,
            "applicant_id_number": id_number,
            "applicant_phone": normalize_phone(phone),
            "applicant_email": email,
            "applicant_address": value(self.address_field),
            **delivery,
        }

    def delivery(self, schema, fields, email: str, errors: dict) -> dict:
        """How the applicant asked to receive the result (the center when the
        form does not ask), checked by the api; its refusal beside the field."""
        chosen = (
            fields.get(self.delivery_field) if self.delivery_field in schema else None
        )
        address = fields.get(self.delivery_address_field)
        try:
            return check_result_delivery(
                chosen, address if isinstance(address, str) else "", email
            )
        except InvalidInput as error:
            target = {
                "result_delivery": self.delivery_field,
                "result_address": self.delivery_address_field,
                "applicant_email": self.email_field,
            }.get(error.field)
            errors[target if target in schema else FORM_ERROR_MARKER] = error.message
            return {}

    def uploads(self, schema, fields, errors) -> list[tuple[str, Upload]]:
        """Every uploaded file, checked: (field id, its clean name, type and
        data, and the field's label: the title of the File in the dossier)."""
        per_file, per_dossier = settings.upload_limits()
        files, total = [], 0
        for name, field in getFieldsInOrder(schema):
            value = fields.get(name)
            if not is_file_data(value):
                continue
            payload = value.data
            try:
                filename, content_type = check_upload(value.filename, payload, per_file)
            except UploadRejected as error:
                errors[name] = error.message
                continue
            total += len(payload)
            # Kept under the document it answers (the field's label).
            title = field_label(field)
            files.append((name, Upload(filename, content_type, payload, title)))
        try:
            check_total(total, per_dossier)
        except UploadRejected as error:
            errors.setdefault(FORM_ERROR_MARKER, error.message)
        return files

    def form_data(self, schema, fields, request, uploads=()) -> list[dict]:
        """Every answer, with what the form looked like when it was sent.

        Each row: the field id, its label, the answer as text (a choice by
        its title, a date as dd/mm/yyyy, a file by the name it is kept under
        in the dossier), the title of the field's fieldset ("" for the form's
        first one), the kind of answer (:func:`answer_kind`) and whether the
        action copied it into the applicant's fields.  The dossier page
        shows the declaration from these rows alone, whatever the form
        becomes later.
        """
        stored = {name: upload.filename for name, upload in uploads}
        form = get_context(self)
        fieldsets = fieldset_titles(schema, request)
        applicant = {
            self.name_field,
            self.id_number_field,
            self.phone_field,
            self.email_field,
            self.address_field,
            self.delivery_field,
            self.delivery_address_field,
        }
        rows = []
        for name, field in getFieldsInOrder(schema):
            if ILabel.providedBy(field) or name in guard.GUARD_FIELDS:
                continue
            value = fields.get(name)
            if name in stored:
                shown = stored[name]
            else:
                shown = answer_text(choice_titles(field, value, form), request)
            rows.append(
                {
                    "field": name,
                    "label": field_label(field, request),
                    "value": shown,
                    "fieldset": fieldsets.get(name, ""),
                    "kind": answer_kind(field, name == self.consent_field),
                    "applicant": name in applicant,
                }
            )
        return rows


def consent_text(field, request=None) -> str:
    """What the applicant consented to: the box's label and its description."""
    parts = [field_label(field, request)]
    if field.description:
        parts.append(translate(field.description, context=request))
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


#: The name of the action type: its utilities and its ``type`` in the XML.
ACTION_TYPE = "luanthanh.policy.actions.CreateDossier"


@implementer(IFieldNameExtractor)
@adapter(ICreateDossier)
class CreateDossierName:
    """The type written to the XML when easyform saves the actions.

    plone.supermodel would write the class's dotted name
    (``luanthanh.policy.easyform.actions.CreateDossier``), under which no
    handler is registered: the saved model could not be read back.
    """

    def __init__(self, context):
        self.context = context

    def __call__(self) -> str:
        return ACTION_TYPE


CreateDossierAction = ActionFactory(
    CreateDossier,
    _("label_create_dossier_action", default="Tạo hồ sơ"),
    "cmf.ManagePortal",
)
CreateDossierHandler = BaseHandler(CreateDossier)
