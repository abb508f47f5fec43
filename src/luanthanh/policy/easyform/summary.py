"""The answers of an online form, as the thank-you page shows them.

A readable summary instead of easyform's widgets in display mode (which drew
input-like boxes and repeated a checkbox's label beside its own label): one
section per fieldset, each answer as a label and its text.  Dates are
dd/mm/yyyy, yes/no answers "Có"/"Không", files their name and size as kept
in the dossier (:func:`luanthanh.policy.easyform.receipt.received_files`).
"""

from collective.easyform.api import is_file_data
from collective.easyform.interfaces import ILabel
from luanthanh.policy.easyform.actions import answer_text
from luanthanh.policy.easyform.actions import field_label
from luanthanh.policy.easyform.answers import choice_titles
from luanthanh.policy.easyform.guard import GUARD_FIELDS
from luanthanh.policy.formatting import format_size
from zope.i18n import translate


def _file_text(name: str, value, files: dict) -> str:
    kept = files.get(name)
    if kept:
        return f"{kept['name']} ({kept['size']})"
    size = len(getattr(value, "data", b"") or b"")
    return f"{value.filename} ({format_size(size)})" if value.filename else ""


def rows(fields, shown, data: dict, files: dict, request=None) -> list[dict]:
    """(label, value) of each answer of ``fields`` (z3c.form Fields) that the
    thank-you page shows: those of ``shown`` (easyform's choice, from the
    form's ``showAll``/``showFields``), and the files kept in the dossier,
    which easyform leaves out."""
    result = []
    for name, form_field in fields.items():
        field = form_field.field
        if ILabel.providedBy(field) or name in GUARD_FIELDS:
            continue
        value = data.get(name)
        if is_file_data(value):
            text = _file_text(name, value, files)
        elif name in shown:  # a choice by its title ("post": its sentence)
            text = answer_text(choice_titles(field, value), request)
        else:
            continue
        result.append(
            {
                "name": name,
                "label": field_label(field, request),
                "value": text,
                "empty": not text,
                "long": len(text) > 80 or len(field_label(field, request)) > 80,
            }
        )
    return result


def sections(form, data: dict, files: list[dict], request=None) -> list[dict]:
    """The fieldsets of the thank-you ``form`` with their answers.

    ``files``: the files kept in the dossier (the receipt's), by field.
    """
    by_field = {f["field"]: f for f in files if f.get("field")}
    groups = list(getattr(form, "groups", ()))
    shown = set(form.fields.keys())
    for group in groups:
        shown.update(group.fields.keys())
    base_groups = getattr(form, "base_groups", {}) or {}
    title = getattr(form, "default_fieldset_label", "") or ""
    result = [
        {
            "title": translate(title, context=request) if title else "",
            "rows": rows(
                getattr(form, "base_fields", form.fields),
                shown,
                data,
                by_field,
                request,
            ),
        }
    ]
    for group in groups:
        fields = base_groups.get(group.label) or group.fields
        result.append(
            {
                "title": translate(group.label or "", context=request),
                "rows": rows(fields, shown, data, by_field, request),
            }
        )
    return [section for section in result if section["rows"]]
