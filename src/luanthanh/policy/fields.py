"""Small factories for the zope.schema fields the schemas declare again and again.

The registry interfaces (``interfaces``, ``deadlines.interfaces``,
``statistics.interfaces``), the content schemas and the easyform action share
a few kinds of field: a required whole number with a minimum, an optional
text with an empty default, a yes/no switch, a list of lines, a value the
site records itself (read-only in forms and in the REST API), a choice of
procedures.  Each factory returns the plain zope.schema field: a registry
record built from it is the same record as one built from the field written
out.  A description is passed on only when given, so that a field without one
keeps zope.schema's empty description.
"""

from plone.app.vocabularies.catalog import CatalogSource
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema


#: ``pattern_options`` of the relation widget: pick Procedures only.
PICK_PROCEDURES = {"selectableTypes": ["Procedure"]}


def _described(description, **attrs) -> dict:
    if description is not None:
        attrs["description"] = description
    return attrs


def number(title, default: int, minimum: int = 1, description=None) -> schema.Int:
    """A required whole number, ``minimum`` or more."""
    return schema.Int(
        title=title,
        default=default,
        min=minimum,
        required=True,
        **_described(description),
    )


def optional_line(title, default: str = "", description=None, **attrs):
    """A one-line text that may stay empty (``default`` is the empty text)."""
    return schema.TextLine(
        title=title, required=False, default=default, **_described(description, **attrs)
    )


def optional_text(title, default: str = "", description=None) -> schema.Text:
    """A multi-line text that may stay empty (``default`` is the empty text)."""
    return schema.Text(
        title=title, required=False, default=default, **_described(description)
    )


def switch(title, default: bool, description=None) -> schema.Bool:
    """A yes/no setting (a Bool is never required: "no" is an answer)."""
    return schema.Bool(
        title=title, default=default, required=False, **_described(description)
    )


def lines(title, default: list, description=None, **attrs) -> schema.List:
    """A list of text lines, one a line in the form (``required`` is False
    unless given)."""
    attrs.setdefault("required", False)
    return schema.List(
        title=title,
        value_type=schema.TextLine(),
        default=default,
        **_described(description, **attrs),
    )


def read_only(field_type, title, description=None, **attrs):
    """A value the site records itself (the workflow, the online forms, the
    importers): never required, read-only in forms and in the REST API."""
    return field_type(
        title=title, required=False, readonly=True, **_described(description, **attrs)
    )


def read_only_records(title, description=None) -> schema.List:
    """A read-only list of records (dicts of text keys), empty at first."""
    return read_only(
        schema.List,
        title,
        description,
        value_type=schema.Dict(key_type=schema.TextLine(), value_type=schema.Field()),
        default=[],
    )


def procedures(title) -> RelationList:
    """Optional relations to procedures of the catalogue."""
    return RelationList(
        title=title,
        value_type=RelationChoice(source=CatalogSource(portal_type="Procedure")),
        required=False,
        default=[],
    )
