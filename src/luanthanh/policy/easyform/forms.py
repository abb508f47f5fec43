"""The models of an EasyForm, parsed once per request, and which EasyForms
create dossiers: those with an enabled "Tạo hồ sơ" action.

collective.easyform parses a form's XML models (plone.supermodel) on every
``get_schema``/``get_actions``; it keeps nothing because the parsed schema
is tagged with the (acquisition-wrapped) form.  One submission parsed the
fields model in the view and again in the "Tạo hồ sơ" action, and the
actions model for the guard and again for the action list.  :func:`schema`
and :func:`actions` keep each parse in the request's annotations, keyed on
the form's path and the model's text (a model edited in the request is
parsed anew): shared within one request (one thread, one acquisition
chain), never between requests.
"""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from luanthanh.policy.easyform.interfaces import ICreateDossier
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.schema import getFieldsInOrder


#: Request annotation: (model, form path, model text) → parsed schema.
PARSED_KEY = "luanthanh.policy.easyform.parsed"


def _parsed(form, model: str, parse):
    request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None:
        return parse(form)
    key = (
        model,
        "/".join(form.getPhysicalPath()),
        getattr(form, f"{model}_model", None),
    )
    parsed = annotations.setdefault(PARSED_KEY, {})
    found = parsed.get(key)
    if found is None:
        found = parsed[key] = parse(form)
    return found


def schema(form):
    """``get_schema(form)``, parsed once in this request."""
    return _parsed(form, "fields", get_schema)


def actions(form):
    """``get_actions(form)``, parsed once in this request."""
    return _parsed(form, "actions", get_actions)


def dossier_actions(form) -> list:
    """The enabled "Tạo hồ sơ" actions of an EasyForm."""
    try:
        found = actions(form)
    except Exception:  # a broken actions model: easyform reports it elsewhere
        return []
    return [
        action
        for _name, action in getFieldsInOrder(found)
        if ICreateDossier.providedBy(action) and action.required
    ]
