"""``@@tiep-nhan-truc-tiep``: the counter intake form (create and accept).

The applicant's fields are those of the dossier (:class:`IApplicant`); the
form adds the procedure, the priority flag and one attachment.  The
attachment goes through the upload check of every other channel
(:func:`luanthanh.policy.uploads.check_upload`: type by content, macros,
scripts, size), its error beside the field.

Below the procedure, the papers received (:mod:`.counter_papers`): the
procedure's checklist, shown for the procedure chosen, without JavaScript by
``?procedure=<UID>`` or the "Hiện thành phần hồ sơ" button (the form comes
back with what was typed), with it by ``counter_intake.js``, which reloads
the table (``?procedure=<UID>&ajax=papers``) when the procedure changes.
"""

from luanthanh.policy import settings
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.api.exc import InvalidInput
from luanthanh.policy.browser.errors import message_of
from luanthanh.policy.browser.workspace import counter_papers
from luanthanh.policy.config import present
from luanthanh.policy.content.delivery import IResultDelivery
from luanthanh.policy.content.dossier import IApplicant
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.dossiers.attachments import DEFAULT_NAME
from luanthanh.policy.dossiers.attachments import Upload
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.i18n import _
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import UploadRejected
from luanthanh.policy.urls import site_url
from plone import api
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedBlobFile
from plone.namedfile.interfaces import INamed
from plone.protect import CheckAuthenticator
from plone.supermodel import model
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form import validator
from z3c.form.browser.radio import RadioFieldWidget
from z3c.form.error import ErrorViewMessage
from z3c.form.interfaces import IErrorViewSnippet
from zExceptions import Forbidden
from zope import schema
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Invalid
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import RequiredMissing
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import transaction


FORM_ERRORS = _(
    "status_form_errors",
    default="Hồ sơ chưa được tiếp nhận: vui lòng sửa các lỗi bên dưới.",
)


@provider(IContextSourceBinder)
def published_procedures(context) -> SimpleVocabulary:
    """Published procedures, "code – title", from the catalog."""
    terms = []
    for brain in api.content.find(
        portal_type="Procedure", review_state="published", sort_on="sortable_title"
    ):
        code = present(brain.procedure_code) or ""
        title = f"{code} – {brain.Title}" if code else brain.Title
        terms.append(SimpleTerm(value=brain.UID, token=brain.UID, title=title))
    return SimpleVocabulary(terms)


class ICounterIntake(model.Schema):
    """Tiếp nhận hồ sơ trực tiếp tại quầy: what the form asks besides the applicant."""

    directives.widget(
        "procedure",
        prompt=True,
        promptMessage=_("prompt_choose_procedure", default="— Chọn thủ tục —"),
    )
    procedure = schema.Choice(
        title=_("label_dossier_procedure", default="Thủ tục hành chính"),
        source=published_procedures,
        required=True,
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Tệp đính kèm"),
        description=_(
            "help_attachment",
            default="Bản chụp hoặc bản quét giấy tờ người nộp hồ sơ đã nộp "
            "(không bắt buộc).",
        ),
        required=False,
    )


class CounterIntakeForm(AutoExtensibleForm, form.Form):
    """``@@tiep-nhan-truc-tiep``: create a walk-in dossier and accept it at once."""

    schema = ICounterIntake
    ignoreContext = True
    label = _("heading_counter_intake", default="Tiếp nhận hồ sơ trực tiếp")
    description = _(
        "help_counter_intake",
        default="Hồ sơ được tạo và tiếp nhận ngay: hệ thống cấp mã hồ sơ, tính "
        "ngày hẹn trả và chuyển cán bộ xử lý.",
    )
    enableCSRFProtection = True
    #: plone.app.z3cform shows this status as an error (red), not as news.
    formErrorsMessage = FORM_ERRORS
    template = ViewPageTemplateFile("templates/counter_intake.pt")
    papers_template = ViewPageTemplateFile("templates/counter_papers.pt")
    #: Messages beside the table of papers, and the rows at fault.
    paper_errors: tuple = ()
    paper_error_keys: frozenset = frozenset()

    def update(self):
        self.request.set("disable_border", True)
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        super().update()

    def render(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        if self.request.form.get("ajax") == "papers":
            return self.papers_html()
        return super().render()

    def updateWidgets(self, prefix=None):
        """``?procedure=<UID>`` chooses the procedure (a published one)."""
        super().updateWidgets(prefix)
        widget = self.widgets["procedure"]
        uid = self.request.form.get("procedure")
        known = {term.token for term in widget.terms}
        if not widget.value and isinstance(uid, str) and uid in known:
            widget.value = [uid]

    @property
    def portal_url(self) -> str:
        return site_url()

    def selected_procedure(self):
        """The published procedure chosen in the form, or None."""
        value = self.widgets["procedure"].value if self.widgets else None
        uid = value[0] if value else None
        if not uid:
            return None
        brains = api.content.find(
            UID=uid, portal_type="Procedure", review_state="published"
        )
        return brains[0].getObject() if brains else None

    def papers_procedure_uid(self) -> str:
        procedure = self.selected_procedure()
        return procedure.UID() if procedure is not None else ""

    def paper_rows(self) -> list[dict]:
        return counter_papers.table(
            self.request, self.selected_procedure(), self.paper_error_keys
        )

    def paper_options(self) -> list[dict]:
        return counter_papers.options(lambda msg: translate(msg, context=self.request))

    def papers_html(self) -> str:
        return self.papers_template()

    def check_papers(self, procedure) -> tuple[list[dict], list[str]] | None:
        """The papers to record and their rows' keys; None (and a message
        beside the table) when the table sent was not this procedure's."""
        if checklist(procedure) and not counter_papers.shown_for(
            self.request, procedure
        ):
            self.paper_errors = (
                _(
                    "error_counter_papers_unchecked",
                    default="Vui lòng đánh dấu các giấy tờ đã nhận của thủ tục "
                    "này trong bảng “Thành phần hồ sơ đã nhận”, rồi bấm “Tiếp "
                    "nhận hồ sơ”.",
                ),
            )
            return None
        return counter_papers.received(self.request, procedure)

    def updateFields(self):
        """The procedure, the applicant (IApplicant), the priority, the file."""
        super().updateFields()
        self.fields = (
            self.fields.select("procedure")
            + field.Fields(IApplicant)
            + field.Fields(IDossier).select("priority")
            + field.Fields(IResultDelivery)
            + self.fields.omit("procedure")
        )
        self.fields["result_delivery"].widgetFactory = RadioFieldWidget

    def updateActions(self):
        super().updateActions()
        self.actions["receive"].addClass("btn-primary")

    @button.buttonAndHandler(
        _("button_receive", default="Tiếp nhận hồ sơ"), name="receive"
    )
    def handle_receive(self, action):
        if self.request.get("REQUEST_METHOD", "GET") != "POST":
            raise Forbidden("POST only")  # a GET never writes
        CheckAuthenticator(self.request)
        data, errors = self.extractData()
        procedure = self.selected_procedure()
        papers = self.check_papers(procedure) if procedure is not None else None
        if errors or (procedure is not None and papers is None):
            self.status = FORM_ERRORS
            return
        if procedure is None:
            self.status = _(
                "error_procedure_missing", default="Không tìm thấy thủ tục đã chọn."
            )
            return
        values = {
            "applicant_name": data["applicant_name"].strip(),
            "applicant_phone": data["applicant_phone"].strip(),
            "applicant_id_number": (data.get("applicant_id_number") or "").strip()
            or None,
            "applicant_email": data.get("applicant_email") or None,
            "applicant_address": data.get("applicant_address") or "",
            "priority": bool(data.get("priority")),
            "channel": "direct",
            "result_delivery": data.get("result_delivery"),
            "result_address": data.get("result_address") or "",
        }
        received, keys = papers
        savepoint = transaction.savepoint()
        try:
            dossier = dossier_api.receive_at_counter(
                procedure,
                container=self.context,
                received_documents=received,
                **values,
            )
            attachment = data.get("attachment")
            if attachment:
                dossier_api.attach_files(dossier, [as_upload(attachment)])
        except InvalidInput as error:
            savepoint.rollback()
            if error.field != "received_documents":
                self.field_error(error)
                return
            self.status = FORM_ERRORS
            self.paper_errors = (message_of(error),)
            row = (error.details or {}).get("row")
            self.paper_error_keys = frozenset(keys[row - 1 : row] if row else ())
            return
        except WorkflowException as error:
            savepoint.rollback()
            self.status = message_of(error)
            return
        api.portal.show_message(
            _(
                "status_dossier_received",
                default="Đã tiếp nhận hồ sơ ${code}. Ngày hẹn trả kết quả: ${due}.",
                mapping={
                    "code": dossier.code,
                    "due": format_datetime(dossier.due_date),
                },
            ),
            self.request,
            type="info",
        )
        self.request.response.redirect(dossier.absolute_url())

    def field_error(self, error: InvalidInput) -> None:
        """The api's refusal beside its field (the form's own look), else on top."""
        self.status = _(
            "status_form_errors",
            default="Hồ sơ chưa được tiếp nhận: vui lòng sửa các lỗi bên dưới.",
        )
        widget = self.widgets.get(error.field or "")
        if widget is None:
            self.status = message_of(error)
            return
        snippet = getMultiAdapter(
            (
                Invalid(message_of(error)),
                self.request,
                widget,
                widget.field,
                self,
                self.context,
            ),
            IErrorViewSnippet,
        )
        snippet.update()
        widget.error = snippet
        self.widgets.errors += (snippet,)

    @button.buttonAndHandler(_("button_cancel", default="Hủy"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


def checked_file(blob) -> tuple[str, str]:
    """The clean name and the real type of the uploaded file; or
    :class:`UploadRejected` (the check of every channel)."""
    return check_upload(
        blob.filename or DEFAULT_NAME, blob.data, settings.upload_limits()[0]
    )


class AttachmentValidator(validator.SimpleFieldValidator):
    """The attachment is PDF, JPEG, PNG or DOCX by content, safe, in the limit."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value is None or not INamed.providedBy(value):
            return
        try:
            checked_file(value)
        except UploadRejected as error:
            raise Invalid(error.message) from error


validator.WidgetValidatorDiscriminators(
    AttachmentValidator, field=ICounterIntake["attachment"]
)


def as_upload(blob) -> Upload:
    """The uploaded (and validated) file of the form as an attachment."""
    filename, content_type = checked_file(blob)
    return Upload(filename=filename, content_type=content_type, data=blob.data)


RequiredMessage = ErrorViewMessage(
    _("error_required", default="Vui lòng nhập thông tin này."),
    error=RequiredMissing,
    form=CounterIntakeForm,
)
