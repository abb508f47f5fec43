"""The fields model of a generated form, and its regeneration.

A generated form holds the applicant fields, one upload ``giay_to_<n>`` for
each document of ``required_documents`` that is sent online (``n`` is its
1-based row number), the question "Đăng ký nhận kết quả tại"
(:func:`add_delivery`), the consent box and the solemn declaration.  Running
the generation again touches only the uploads ``giay_to_<n>``: they are
added, relabelled, updated (help text, required) or removed; and it adds the
question on receiving the result when the form lacks it.  Every other field,
and the fields' order, stay as the editor left them.
"""

from dataclasses import dataclass
from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.onlineforms.prologue import file_help
from luanthanh.policy.onlineforms.xml import applicant_fields
from luanthanh.policy.onlineforms.xml import COMMITMENT
from luanthanh.policy.onlineforms.xml import consent_fieldset
from luanthanh.policy.onlineforms.xml import DELIVERY_ADDRESS_FIELD
from luanthanh.policy.onlineforms.xml import DELIVERY_FIELD
from luanthanh.policy.onlineforms.xml import delivery_fieldset
from luanthanh.policy.onlineforms.xml import fieldset
from luanthanh.policy.onlineforms.xml import model
from luanthanh.policy.onlineforms.xml import NAMESPACES
from luanthanh.policy.onlineforms.xml import upload
from lxml import etree

import re


SCHEMA_NS = "http://namespaces.plone.org/supermodel/schema"
UPLOAD_RE = re.compile(r"^giay_to_(\d+)$")
DOCUMENTS_FIELDSET = "giay_to"
DOCUMENTS_LABEL = "Giấy tờ kèm theo"
CONSENT_FIELDSET = "cam_ket"


@dataclass(frozen=True)
class UploadSpec:
    """One generated upload: ``giay_to_<number>``."""

    number: int
    title: str
    description: str
    required: bool

    @property
    def name(self) -> str:
        return f"giay_to_{self.number}"

    def xml(self) -> str:
        return upload(self.name, self.title, self.required, self.description)


def upload_specs(procedure) -> list[UploadSpec]:
    """The uploads the procedure asks for: its documents sent online."""
    return [
        UploadSpec(
            number=row["number"],
            title=row["name"],
            description=row["note"] or file_help(),
            required=row["mandatory"],
        )
        for row in checklist(procedure)
        if row["online"] and row["name"]
    ]


def fields_model(procedure) -> str:
    """The whole fields model of a new generated form."""
    specs = upload_specs(procedure)
    documents = (
        fieldset(DOCUMENTS_FIELDSET, DOCUMENTS_LABEL, *(s.xml() for s in specs))
        if specs
        else ""
    )
    return model(
        applicant_fields(),
        documents,
        delivery_fieldset(),
        consent_fieldset(COMMITMENT),
    )


@dataclass
class Changes:
    """What a regeneration changed, by field id."""

    added: list[str]
    relabelled: list[str]
    updated: list[str]
    removed: list[str]

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "added": self.added,
            "relabelled": self.relabelled,
            "updated": self.updated,
            "removed": self.removed,
        }

    def __bool__(self) -> bool:
        return any(self.as_dict().values())


def _tag(name: str) -> str:
    return f"{{{SCHEMA_NS}}}{name}"


def _child_text(element, name: str) -> str:
    child = element.find(_tag(name))
    return (child.text or "") if child is not None else ""


def _set_child(element, name: str, value: str, after: str | None = None) -> None:
    child = element.find(_tag(name))
    if child is None:
        child = etree.Element(_tag(name))
        anchor = element.find(_tag(after)) if after else None
        if anchor is not None:
            anchor.addnext(child)
        else:
            element.append(child)
    child.text = value


def _element(spec: UploadSpec):
    wrapper = etree.fromstring(f"<wrap {NAMESPACES}>{spec.xml()}</wrap>")
    return wrapper[0]


def _generated(schema) -> dict[int, object]:
    found = {}
    for element in schema.iter(_tag("field")):
        match = UPLOAD_RE.match(element.get("name") or "")
        if match:
            found[int(match.group(1))] = element
    return found


def _documents_fieldset(schema):
    found = schema.find(f"{_tag('fieldset')}[@name='{DOCUMENTS_FIELDSET}']")
    if found is not None:
        return found
    found = etree.Element(
        _tag("fieldset"), name=DOCUMENTS_FIELDSET, label=DOCUMENTS_LABEL
    )
    consent = schema.find(f"{_tag('fieldset')}[@name='{CONSENT_FIELDSET}']")
    if consent is not None:
        consent.addprevious(found)
    else:
        schema.append(found)
    return found


def _insert(schema, element, number: int, present: dict[int, object]) -> None:
    before = [n for n in present if n < number]
    after = [n for n in present if n > number]
    if before:
        present[max(before)].addnext(element)
    elif after:
        present[min(after)].addprevious(element)
    else:
        _documents_fieldset(schema).append(element)


def _insert_delivery(schema) -> list[str]:
    """Put the question on receiving the result before the consent fieldset
    (else at the end) unless the form asks it already; the fields added."""
    names = {element.get("name") for element in schema.iter(_tag("field"))}
    if DELIVERY_FIELD in names:
        return []
    wrapper = etree.fromstring(f"<wrap {NAMESPACES}>{delivery_fieldset()}</wrap>")
    element = wrapper[0]
    consent = schema.find(f"{_tag('fieldset')}[@name='{CONSENT_FIELDSET}']")
    if consent is not None:
        consent.addprevious(element)
    else:
        schema.append(element)
    added = [DELIVERY_FIELD]
    if DELIVERY_ADDRESS_FIELD in names:  # kept where it is: no second one
        element.remove(
            element.find(f"{_tag('field')}[@name='{DELIVERY_ADDRESS_FIELD}']")
        )
    else:
        added.append(DELIVERY_ADDRESS_FIELD)
    return added


def _serialize(root) -> str:
    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body


def add_delivery(xml: str) -> tuple[str, list[str]]:
    """``xml`` (any form's fields model) with the question "Đăng ký nhận kết
    quả tại" added if it lacks it; the ids of the fields added."""
    root = etree.fromstring(xml.encode("utf-8"))
    added = _insert_delivery(root.find(_tag("schema")))
    return (_serialize(root), added) if added else (xml, [])


def merge(xml: str, specs: list[UploadSpec]) -> tuple[str, Changes]:
    """``xml`` with its uploads ``giay_to_<n>`` brought in line with ``specs``."""
    root = etree.fromstring(xml.encode("utf-8"))
    schema = root.find(_tag("schema"))
    changes = Changes([], [], [], [])
    present = _generated(schema)
    wanted = {spec.number: spec for spec in specs}
    for number in sorted(set(present) - set(wanted)):
        element = present.pop(number)
        element.getparent().remove(element)
        changes.removed.append(f"giay_to_{number}")
    for number, spec in sorted(wanted.items()):
        element = present.get(number)
        if element is None:
            element = _element(spec)
            _insert(schema, element, number, present)
            present[number] = element
            changes.added.append(spec.name)
            continue
        if _child_text(element, "title") != spec.title:
            _set_child(element, "title", spec.title)
            changes.relabelled.append(spec.name)
        elif _child_text(element, "description") != spec.description or _child_text(
            element, "required"
        ) != str(spec.required):
            changes.updated.append(spec.name)
        _set_child(element, "description", spec.description, after="title")
        _set_child(element, "required", str(spec.required), after="description")
    documents = schema.find(f"{_tag('fieldset')}[@name='{DOCUMENTS_FIELDSET}']")
    if documents is not None and len(documents) == 0:
        schema.remove(documents)
    changes.added.extend(_insert_delivery(schema))
    return _serialize(root), changes
