"""A GET never submits a form.

z3c.form reads ``request.form``, which holds the query string as well as a
POST body: a GET to a dossier's ``@@edit`` with ``form.buttons.save`` and the
fields in the query string saves the dossier, and plone.protect lets it write
when the query string also carries the user's valid ``_authenticator`` (a
token that leaks into browser history, proxy logs and ``Referer`` headers).

So a request that is not a POST has the button values (``form.buttons.*``)
taken out of its form before the form sees them, on our forms (the views of
``luanthanh.policy``) and on the add and edit forms of our content types: the
form is shown, nothing is saved.  A submission must come as a POST.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.interfaces import IBrowserLayer
from z3c.form.interfaces import IForm


#: The content types of the add-on (profiles/default/types).
OUR_TYPES = frozenset(
    {
        "Dossier",
        "DossierFolder",
        "LegalDocument",
        "LegalDocumentFolder",
        "Procedure",
        "ProcedureFolder",
    }
)
PACKAGE = "luanthanh.policy"


def _form_of(published):
    """The z3c.form form being published (also inside a plone.z3cform wrapper)."""
    form = getattr(published, "form_instance", None) or published
    return form if IForm.providedBy(form) else None


def _ours(published, form) -> bool:
    """Whether ``form`` is one of our forms, or adds or edits one of our types."""
    for obj in (published, form):
        if type(obj).__module__.startswith(PACKAGE):
            return True
    try:
        portal_type = getattr(form, "portal_type", None)
    except AttributeError:  # an edit form's portal_type reads its context
        portal_type = None
    if portal_type is None:
        portal_type = getattr(getattr(form, "context", None), "portal_type", None)
    return portal_type in OUR_TYPES


def _is_button(name: str) -> bool:
    return name.startswith("form.buttons.") or ".buttons." in name


def ignore_buttons_of_get(event) -> None:
    """IPubAfterTraversal: a non-POST request's form buttons are dropped."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET") == "POST":
        return
    buttons = [name for name in request.form if _is_button(name)]
    if not buttons:
        return
    published = request.get("PUBLISHED")
    form = _form_of(published)
    if form is None or not _ours(published, form):
        return
    for name in buttons:
        request.form.pop(name, None)
        request.other.pop(name, None)
    logger.warning(
        "Buttons %s of a %s request to %s ignored: forms are submitted by POST",
        ", ".join(sorted(buttons)),
        request.get("REQUEST_METHOD", "GET"),
        request.get("ACTUAL_URL", ""),
    )
