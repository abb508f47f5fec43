"""A citizen's answers as the dossier keeps them (``form_data``).

What the action "Tạo hồ sơ" (:mod:`.actions`) writes for each field of the
form: the answer as text, the field's label, the title of its fieldset and
the kind of answer (:func:`luanthanh.policy.dossiers.declaration.answer_kind`),
so that the dossier page, the slips and REST show the
declaration as the form was when the citizen sent it.
"""

from collective.easyform.api import is_file_data
from datetime import date
from datetime import datetime
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_short_datetime
from luanthanh.policy.i18n import _
from plone.app.textfield.value import RichTextValue
from zope.i18n import translate
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection


YES = _("answer_yes", default="Có")
NO = _("answer_no", default="Không")


def answer_text(value, request=None) -> str:
    """An answer as the text kept in ``form_data``."""
    if value is None:
        return ""
    if is_file_data(value):
        return value.filename or ""
    if isinstance(value, bool):
        yes_no = YES if value else NO
        return translate(yes_no, context=request)
    if isinstance(value, datetime):
        return format_short_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, RichTextValue):
        return value.raw or ""
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {answer_text(item, request)}" for key, item in value.items()
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        items = value if isinstance(value, (list, tuple)) else sorted(value, key=str)
        return ", ".join(answer_text(item, request) for item in items)
    return str(value)


def field_label(field, request=None) -> str:
    return translate(field.title or field.__name__, context=request)


def _term_title(vocabulary, value):
    try:
        term = vocabulary.getTerm(value)
    except (LookupError, TypeError, ValueError):
        return value
    return term.title or value


def choice_titles(field, value, context=None):
    """``value`` with each chosen term replaced by its title (a choice whose
    values differ from what the citizen read: "M" shown as "Nam")."""
    if value is None:
        return value
    choice = field.value_type if ICollection.providedBy(field) else field
    if not IChoice.providedBy(choice):
        return value
    try:
        vocabulary = choice.bind(context).vocabulary
    except Exception:  # an unknown named vocabulary: keep the values
        return value
    if vocabulary is None or not hasattr(vocabulary, "getTerm"):
        return value
    if ICollection.providedBy(field):
        items = value if isinstance(value, (list, tuple)) else sorted(value, key=str)
        return [_term_title(vocabulary, item) for item in items]
    return _term_title(vocabulary, value)
