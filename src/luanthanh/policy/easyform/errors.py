"""Vietnamese messages for z3c.form's own errors on EasyForm forms.

z3c.form has no Vietnamese catalogue: "Required input is missing." and
"The entered value is not a valid integer literal." would show in English
beside a citizen's field.  These ``message`` values replace them on every
EasyForm of the site (and only there), through z3c.form's standard
``ErrorViewMessage`` adapters.
"""

from collective.easyform.interfaces import IEasyForm
from luanthanh.policy.i18n import _
from z3c.form.converter import FormatterValidationError
from z3c.form.error import ErrorViewMessage
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import RequiredMissing


REQUIRED = _("error_form_required", default="Vui lòng nhập thông tin này.")
FORMAT = _(
    "error_form_format",
    default="Giá trị chưa đúng định dạng, vui lòng kiểm tra và nhập lại.",
)
INVALID = _("error_form_invalid", default="Giá trị không hợp lệ.")

RequiredMessage = ErrorViewMessage(REQUIRED, error=RequiredMissing, content=IEasyForm)
FormatMessage = ErrorViewMessage(
    FORMAT, error=FormatterValidationError, content=IEasyForm
)
ConstraintMessage = ErrorViewMessage(
    INVALID, error=ConstraintNotSatisfied, content=IEasyForm
)
