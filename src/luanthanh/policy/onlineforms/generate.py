"""Generating the online form (EasyForm) of a procedure, and keeping it in line.

The form lives in the section ``nop-ho-so``, is linked from the procedure's
``form`` relation and its action "Tạo hồ sơ" is set to the procedure's code.
A generated form is marked (an annotation holding its procedure's UID);
regeneration touches only its generated parts (:mod:`.fields`), the
introduction and a missing "Tạo hồ sơ" action; a form made by hand is never
rewritten.
"""

from dataclasses import dataclass
from luanthanh.policy.config import logger
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import NotFound
from luanthanh.policy.i18n import _
from luanthanh.policy.onlineforms import fields
from luanthanh.policy.onlineforms.prologue import prologue
from luanthanh.policy.onlineforms.publication import GENERATED_KEY
from luanthanh.policy.onlineforms.publication import linked_form
from luanthanh.policy.onlineforms.publication import ONLINE_LEVELS
from luanthanh.policy.onlineforms.publication import sync_publication
from luanthanh.policy.onlineforms.xml import create_dossier_action
from luanthanh.policy.onlineforms.xml import SECTION
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.uuid.interfaces import IUUID
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified


ACTION_TYPE = "luanthanh.policy.actions.CreateDossier"


@dataclass
class Result:
    """The form of a procedure, whether it was created, and what changed."""

    form: object
    created: bool
    changes: fields.Changes
    procedure_code: str = ""

    def as_dict(self) -> dict:
        return {
            "url": self.form.absolute_url(),
            "procedure": self.procedure_code,
            "created": self.created,
            "changes": self.changes.as_dict(),
        }


def is_generated(form) -> bool:
    """Whether ``form`` was made by the generator (not by hand)."""
    return bool(IAnnotations(form).get(GENERATED_KEY))


def accepts_online(procedure) -> bool:
    return getattr(procedure, "online_level", None) in ONLINE_LEVELS


def _free_id(section, procedure) -> str:
    base = procedure.getId()
    candidate, number = base, 1
    while candidate in section.objectIds():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def configure_form(form, introduction: str) -> None:
    """What every dossier form says and does, generated or made by hand
    (setuphandlers/demo_forms.py): its introduction, submit label, thank-you
    texts, one page, no empty answers in the summary."""
    form.formPrologue = RichTextValue(introduction, "text/html", "text/x-html-safe")
    form.submitLabel = "Gửi hồ sơ"
    form.form_tabbing = False
    form.default_fieldset_label = "Thông tin người nộp hồ sơ"
    form.thankstitle = "Đã gửi hồ sơ trực tuyến"
    form.thanksdescription = (
        "Cảm ơn ông/bà. Hồ sơ đã được chuyển tới Bộ phận Một cửa; nội dung "
        "ông/bà đã khai được liệt kê dưới đây."
    )
    form.includeEmpties = False


def _configure(form, procedure) -> None:
    configure_form(form, prologue(procedure))


def _has_dossier_action(form) -> bool:
    return ACTION_TYPE in (getattr(form, "actions_model", "") or "")


def _link(procedure, form) -> None:
    procedure.form = RelationValue(getUtility(IIntIds).getId(form))
    modified(procedure)


def _section():
    section = api.portal.get().get(SECTION)
    if section is None:
        raise NotFound(
            _(
                "error_online_form_no_section",
                default="Trang chưa có mục “Nộp hồ sơ trực tuyến” (nop-ho-so) "
                "để đặt biểu mẫu.",
            )
        )
    return section


def _create(procedure) -> object:
    section = _section()
    form = api.content.create(
        container=section,
        type="EasyForm",
        id=_free_id(section, procedure),
        title=f"Nộp hồ sơ trực tuyến: {procedure.title}",
        description=procedure.description or "",
        language="vi",
    )
    IAnnotations(form)[GENERATED_KEY] = IUUID(procedure)
    form.fields_model = fields.fields_model(procedure)
    form.actions_model = create_dossier_action(procedure.code)
    _configure(form, procedure)
    form.reindexObject()
    return form


def generate(procedure) -> Result:
    """Create the procedure's online form, or bring the generated one up to date.

    Raises :class:`~luanthanh.policy.errors.Conflict` when the procedure's
    form was made by hand (it is never rewritten).  Runs with Manager rights:
    the caller checks that the user may edit the procedure.
    """
    with api.env.adopt_roles(["Manager"]):
        form = linked_form(procedure)
        if form is None:
            form = _create(procedure)
            _link(procedure, form)
            sync_publication(procedure, form)
            specs = fields.upload_specs(procedure)
            logger.info("Online form %s generated", form.absolute_url(1))
            changes = fields.Changes([s.name for s in specs], [], [], [])
            return Result(form, True, changes, procedure.code)
        if not is_generated(form):
            raise Conflict(
                _(
                    "error_online_form_hand_made",
                    default="Biểu mẫu “${title}” của thủ tục này được soạn tay; "
                    "hệ thống không tự cập nhật nó. Hãy sửa biểu mẫu trực tiếp.",
                    mapping={"title": form.Title()},
                )
            )
        xml, changes = fields.merge(form.fields_model, fields.upload_specs(procedure))
        if changes:
            form.fields_model = xml
        if not _has_dossier_action(form):
            form.actions_model = create_dossier_action(procedure.code)
        _configure(form, procedure)
        modified(form)
        sync_publication(procedure, form)
        return Result(form, False, changes, procedure.code)


def generate_missing() -> list[Result]:
    """Generate a form for every procedure that accepts online dossiers
    (``online_level`` full or partial) and has none yet; the forms created."""
    results = []
    for brain in api.content.find(
        portal_type="Procedure", unrestricted=True, sort_on="sortable_title"
    ):
        procedure = brain._unrestrictedGetObject()
        if accepts_online(procedure) and linked_form(procedure) is None:
            results.append(generate(procedure))
    return results
