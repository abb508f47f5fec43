"""Days typed as dd/mm/yyyy everywhere, whatever the browser's locale.

The browser's own ``<input type="date">`` shows and takes the day in the
order of the browser's locale: mm/dd/yyyy in an English browser.  Citizens
and officials of the center write dd/mm/yyyy, so every day input of the site
is a text input with that placeholder, a ``pattern``, a numeric keyboard on
phones and a hint the input points at (``aria-describedby``).  The server
reads it with :func:`luanthanh.policy.formatting.parse_day` (dd/mm/yyyy, or
ISO yyyy-mm-dd for old links) and refuses anything else with
:data:`~luanthanh.policy.formatting.INVALID_DAY`.

* z3c.form (the online EasyForms, and every form of the site): the widget
  :class:`DayWidget` and its converter, registered for ``IDate`` on the
  project's browser layer (``dates.zcml``);
* plain HTML filters (workspace dashboard, report, slips): the macro
  ``input`` of ``@@luanthanh-day-input`` (``templates/day_input.pt``).

REST keeps ISO dates: its deserializers do not use widgets.
"""

from luanthanh.policy.formatting import DAY_HINT
from luanthanh.policy.formatting import DAY_PATTERN
from luanthanh.policy.formatting import DAY_PLACEHOLDER
from luanthanh.policy.formatting import input_day
from luanthanh.policy.formatting import INVALID_DAY
from luanthanh.policy.formatting import parse_day
from plone.app.z3cform.widgets.base import HTMLTextInputWidget
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.error import ErrorViewMessage
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import ITextWidget
from z3c.form.widget import FieldWidget
from z3c.form.widget import Widget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import implementer_only
from zope.schema.interfaces import IDate


class IDayWidget(ITextWidget):
    """A day typed as dd/mm/yyyy."""


class InvalidDay(FormatterValidationError):
    """A text that is no day in dd/mm/yyyy (nor yyyy-mm-dd)."""


def day_attributes(input_id: str, request=None) -> dict[str, str]:
    """The attributes every day input has (besides id, name and value)."""
    return {
        "type": "text",
        "inputmode": "numeric",
        "autocomplete": "off",
        "placeholder": DAY_PLACEHOLDER,
        "pattern": DAY_PATTERN,
        "title": translate(DAY_HINT, context=request),
        "aria-describedby": f"{input_id}-hint",
    }


@implementer_only(IDayWidget)
class DayWidget(HTMLTextInputWidget, Widget):
    """A text input for a day, dd/mm/yyyy (instead of ``type="date"``)."""

    klass = "day-widget"
    maxlength = 10
    size = 10

    @property
    def attributes(self):
        attributes = super().attributes
        attributes.update(day_attributes(self.id, self.request))
        return attributes

    def hint_id(self) -> str:
        return f"{self.id}-hint"


@adapter(IDate, IDayWidget)
class DayConverter(BaseDataConverter):
    """date ↔ ``dd/mm/yyyy``; ``yyyy-mm-dd`` is read too."""

    def toWidgetValue(self, value):
        if value is self.field.missing_value or value is None:
            return ""
        return input_day(value)

    def toFieldValue(self, value):
        if not value or not value.strip():
            return self.field.missing_value
        day = parse_day(value)
        if day is None:
            raise InvalidDay(INVALID_DAY, value)
        return day


@implementer(IFieldWidget)
def DayFieldWidget(field, request):
    return FieldWidget(field, DayWidget(request))


#: The Vietnamese message beside a day z3c.form could not read (more
#: specific than the generic format message of the EasyForms).
InvalidDayMessage = ErrorViewMessage(INVALID_DAY, error=InvalidDay, widget=IDayWidget)


class DayInputMacros(BrowserView):
    """``@@luanthanh-day-input``: the macro ``input`` for plain HTML forms.

    Define ``day_id``, ``day_name`` and ``day_value`` (a date, an ISO text or
    what was typed), optionally ``day_required``, then use
    ``context/@@luanthanh-day-input/macros/input``.
    """

    index = ViewPageTemplateFile("templates/day_input.pt")

    @property
    def macros(self):
        return self.index.macros

    def __call__(self):
        return ""

    def attributes(self, input_id: str) -> dict[str, str]:
        return day_attributes(input_id, self.request)

    def value(self, value) -> str:
        return input_day(value)

    def hint(self) -> str:
        return translate(DAY_HINT, context=self.request)
