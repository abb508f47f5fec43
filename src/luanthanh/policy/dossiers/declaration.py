"""The declaration of an online dossier (tờ khai): the citizen's answers,
grouped as on the form, for the officials.

The online form's action keeps one row per field in the dossier's
``form_data`` (:mod:`luanthanh.policy.easyform.actions`): ``field``,
``label`` and ``value`` (the answer as text, dates already dd/mm/yyyy,
choices by their titles, files by the name they are kept under), and since
the declaration is shown on the dossier page also ``fieldset`` (the title
of the field's fieldset when the citizen sent the form, "" for the form's
first one), ``kind`` (:func:`answer_kind`) and ``applicant`` (copied into
the dossier's applicant fields).

Rows written before lack the last three: they are taken from the
procedure's current form where it still has the field, else the row stays
in the first group, as text (or as a file when an attachment has its name).
A row without a label shows its field id.

Nothing here writes: the declaration is read-only.  A correction goes
through a request for supplement or a note in the history.
"""

from collective.easyform.api import get_schema
from collective.easyform.interfaces import IFieldExtender
from collective.easyform.interfaces import ILabel
from dataclasses import dataclass
from dataclasses import field as data_field
from luanthanh.policy.dossiers.catalog import find
from luanthanh.policy.dossiers.relations import procedure_of
from plone.namedfile.interfaces import INamedField
from plone.supermodel.interfaces import FIELDSETS_KEY
from zope.i18n import translate
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime


#: The validator of the consent boxes (the consent and the solemn declaration).
CONSENT_VALIDATOR = "luanthanh.isConsent"
#: The applicant's fields of the demo and generated forms: never "main facts"
#: (the dossier shows the applicant already), also in rows without ``applicant``.
APPLICANT_FIELDS = frozenset({"ho_ten", "so_cccd", "so_dien_thoai", "email", "dia_chi"})
#: How a ticked box is kept (``answer_yes`` in Vietnamese and English).
CHECKED = frozenset({"có", "yes", "true"})
#: Kinds of answers that name what the dossier is about.
FACT_KINDS = frozenset({"text", "date", "choice"})


def fieldset_titles(schema, request=None) -> dict[str, str]:
    """Field id → the title of its fieldset; the form's first fieldset (the
    fields outside any ``<fieldset>``) is not listed."""
    titles = {}
    for fieldset in schema.queryTaggedValue(FIELDSETS_KEY, None) or ():
        title = translate(fieldset.label or fieldset.__name__, context=request)
        for name in fieldset.fields:
            titles[name] = title
    return titles


def answer_kind(field, consent: bool = False) -> str:
    """What an answer is, for showing it: ``file``, ``consent`` (the consent
    box, and the boxes checked like it such as the solemn declaration),
    ``bool``, ``date``, ``choice`` or ``text``."""
    if INamedField.providedBy(field):
        return "file"
    if IBool.providedBy(field):
        validators = getattr(IFieldExtender(field, None), "validators", None) or ()
        return "consent" if consent or CONSENT_VALIDATOR in validators else "bool"
    if IDate.providedBy(field) or IDatetime.providedBy(field):
        return "date"
    choice = field.value_type if ICollection.providedBy(field) else field
    return "choice" if IChoice.providedBy(choice) else "text"


@dataclass
class Answer:
    """One answer of the declaration."""

    field: str
    label: str
    value: str
    kind: str
    applicant: bool = False
    #: For a file: {title, url, size} of the attachment it is kept as, or
    #: None when the dossier no longer holds it.
    file: dict | None = None

    @property
    def checked(self) -> bool:
        """A box ticked: the answer is "Có" (or "Yes", sent in English)."""
        return self.value.strip().casefold() in CHECKED


@dataclass
class Section:
    """A fieldset of the form: its title ("" for the form's first one), its
    answers, and its consent boxes (shown once, together)."""

    title: str
    answers: list[Answer] = data_field(default_factory=list)
    consents: list[Answer] = data_field(default_factory=list)


@dataclass
class Declaration:
    """The sections in the form's order, and the attachments that answer a
    field of the form: attachment URL → the field's label."""

    sections: list[Section]
    answered: dict[str, str]

    def __bool__(self) -> bool:
        return bool(self.sections)


def current_form(dossier):
    """The online form of the dossier's procedure today, or None."""
    procedure = procedure_of(dossier)
    relation = getattr(procedure, "form", None) if procedure is not None else None
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def form_fields(form, request=None) -> dict[str, dict]:
    """Field id → {label, fieldset, kind} of ``form`` as it is now."""
    try:
        schema = get_schema(form)
    except Exception:  # a model that no longer parses: nothing to add
        return {}
    fieldsets = fieldset_titles(schema, request)
    return {
        name: {
            "label": translate(field.title or name, context=request),
            "fieldset": fieldsets.get(name, ""),
            "kind": answer_kind(field, consent=name == "dong_y"),
        }
        for name, field in getFieldsInOrder(schema)
        if not ILabel.providedBy(field)
    }


def rows(dossier, request=None) -> list[dict]:
    """The ``form_data`` rows, each with ``label``, ``fieldset``, ``kind`` and
    ``applicant`` (from the procedure's current form for older rows)."""
    stored = [row for row in (dossier.form_data or ()) if isinstance(row, dict)]
    missing = any("fieldset" not in row or not row.get("label") for row in stored)
    known = {}
    if missing:
        form = current_form(dossier)
        known = form_fields(form, request) if form is not None else {}
    completed = []
    for row in stored:
        name = str(row.get("field") or "")
        now = known.get(name, {})
        completed.append(
            {
                "field": name,
                "label": str(row.get("label") or now.get("label") or name),
                "value": "" if row.get("value") is None else str(row["value"]),
                "fieldset": str(row.get("fieldset", now.get("fieldset", ""))),
                "kind": str(row.get("kind") or now.get("kind") or ""),
                "applicant": bool(row.get("applicant", name in APPLICANT_FIELDS)),
            }
        )
    return completed


def attachments(dossier) -> list[dict]:
    """The files of the dossier the user may see, oldest first: title, url
    (the download), size (as Plone writes it), created."""
    brains = find(
        path={"query": "/".join(dossier.getPhysicalPath()), "depth": 1},
        portal_type="File",
        sort_on="created",
    )
    return [
        {
            "title": brain.Title or brain.getId,
            "url": f"{brain.getURL()}/@@download/file",
            "size": brain.getObjSize or "",
            "created": brain.created,
        }
        for brain in brains
    ]


def declaration(dossier, request=None, files: list[dict] | None = None) -> Declaration:
    """The dossier's declaration, grouped by fieldset, each uploaded file
    matched with the attachment it is kept as (by the document's name, or
    for older dossiers the file's name; in order).

    ``files``: :func:`attachments` of the dossier, when the caller has them."""
    files = attachments(dossier) if files is None else files
    unused = list(files)
    sections: list[Section] = []
    answered: dict[str, str] = {}
    for row in rows(dossier, request):
        kind = row["kind"]
        match = None
        if row["value"] and kind in ("file", ""):
            # Kept under the document it answers (its label) since the form
            # generator; under the citizen's file name before.
            names = (row["label"], row["value"])
            match = next((f for f in unused if f["title"] in names), None)
            if match is not None:
                unused.remove(match)
                answered[match["url"]] = row["label"]
                kind = "file"
        answer = Answer(
            field=row["field"],
            label=row["label"],
            value=row["value"],
            kind=kind or "text",
            applicant=row["applicant"],
            file=match,
        )
        if not sections or sections[-1].title != row["fieldset"]:
            sections.append(Section(title=row["fieldset"]))
        section = sections[-1]
        (section.consents if answer.kind == "consent" else section.answers).append(
            answer
        )
    return Declaration(sections=sections, answered=answered)


def main_facts(dossier, request=None, limit: int = 3) -> Section | None:
    """What the dossier is about, for the slips: the first ``limit`` answered
    text, date or choice fields of the first fieldset (past the form's first
    one) that has any, the applicant's own fields left out.  For a birth
    registration: the child's name, date of birth and sex.  None when the
    form has no such fieldset (a dossier received at the counter, a form
    with only the applicant and the documents)."""
    found: Section | None = None
    for row in rows(dossier, request):
        if found is not None and row["fieldset"] != found.title:
            break
        if (
            not row["fieldset"]
            or row["kind"] not in FACT_KINDS
            or row["applicant"]
            or row["field"] in APPLICANT_FIELDS
            or not row["value"].strip()
        ):
            continue
        if found is None:
            found = Section(title=row["fieldset"])
        found.answers.append(
            Answer(
                field=row["field"],
                label=row["label"],
                value=row["value"],
                kind=row["kind"],
            )
        )
        if len(found.answers) >= limit:
            break
    return found
