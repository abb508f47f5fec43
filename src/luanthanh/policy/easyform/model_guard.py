"""Who may put code in an EasyForm: the one check of every path (issue #14).

An EasyForm keeps its fields and its actions as supermodel XML
(``fields_model``, ``actions_model``).  That XML can carry code that runs on
the server when the form is shown or submitted: TALES expressions
(``easyform:TDefault``, ``TEnabled``, ``TValidator``, ``THidden``,
``depends_on``, ``css_class``, ``serverSide`` on fields; ``execCondition`` and
the mailer's ``body_pt`` and ``*Override`` on actions), custom scripts
(Python) and mailers (which send every answer to an address).  easyform's own
edit forms hide those settings from users without its permissions, but the
XML itself is a plain text attribute that anyone who may edit the form can
replace, through the model editors or ``PATCH ++api++``: an editor could make
a form print any dossier's personal data.

:func:`check` compares the models of a form with the models it had at the
last commit (a new form: with the site's default models) and refuses any
piece of code that is new or changed unless the user has the permission
easyform defines for it on the form:

* a TALES setting: "collective.easyform: Edit TALES Fields";
* a Python setting: "collective.easyform: Edit Python Fields";
* a mailer: "collective.easyform: Add Mailers" (Manager only: ``rolemap.xml``);
* a custom script: "collective.easyform: Add Custom Scripts".

Code already there (put by a Manager) may stay while an editor changes the
rest of the form; removing code needs no permission.  Every path calls it:
the subscribers below (object added and modified: Classic add and edit forms,
``POST`` and ``PATCH`` over ``++api++``; schema modified: the field and
action add and edit forms of ``@@fields`` and ``@@actions``), the model
editors (:mod:`luanthanh.policy.easyform.modeleditor`) and the REST
deserializer (:mod:`luanthanh.policy.easyform.serializer`), which turn the
refusal into a status message and a 400 JSON error.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_parent
from collective.easyform.config import EDIT_PYTHON_PERMISSION
from collective.easyform.config import EDIT_TALES_PERMISSION
from collective.easyform.interfaces import IAction
from collective.easyform.interfaces import IActionExtender
from collective.easyform.interfaces import ICustomScript
from collective.easyform.interfaces import IFieldExtender
from collective.easyform.interfaces import IMailer
from collective.easyform.interfaces.easyform import default_actions
from collective.easyform.interfaces.easyform import default_fields
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.i18n import _
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.supermodel import loadString
from plone.supermodel.parser import SupermodelParseError
from plone.supermodel.utils import mergedTaggedValueDict
from ZODB.utils import z64
from zope.component import queryUtility
from zope.i18nmessageid import Message
from zope.interface import providedBy
from zope.schema import getFieldNames
from zope.schema import getFieldsInOrder
from zope.security.interfaces import IPermission


ADD_MAILERS = "collective.easyform.AddMailers"
ADD_CUSTOM_SCRIPTS = "collective.easyform.AddCustomScripts"

#: The permissions that guard code; a setting whose write permission is one
#: of them is code.
CODE_PERMISSIONS = (EDIT_TALES_PERMISSION, EDIT_PYTHON_PERMISSION)

#: Action types that are code as a whole: (interface, permissions to add or
#: change one).
CODE_ACTIONS = (
    (IMailer, (ADD_MAILERS,)),
    (ICustomScript, (ADD_CUSTOM_SCRIPTS, EDIT_PYTHON_PERMISSION)),
)

MODELS = ("fields_model", "actions_model")

CODE_REFUSED = _(
    "error_form_code_refused",
    default="Tài khoản này không có quyền đưa mã lệnh vào biểu mẫu: ${items}. "
    "Biểu thức TALES, kịch bản Python và thao tác gửi thư chỉ quản trị hệ thống được "
    "thêm hoặc sửa; hãy bỏ các phần đó hoặc nhờ quản trị hệ thống.",
)


class CodeRefused(Forbidden):
    """The user may not add or change code in this form's models."""

    status = 400
    type = "CodeRefused"


def code_settings(iface) -> tuple[str, ...]:
    """The settings of ``iface`` that easyform guards as code."""
    permissions = mergedTaggedValueDict(iface, WRITE_PERMISSIONS_KEY)
    return tuple(
        name
        for name, permission in permissions.items()
        if permission in CODE_PERMISSIONS
    )


def _schema(source):
    """The schema of a model, as easyform reads it (None: no usable model)."""
    if not source:
        return None
    try:
        return loadString(source).schema
    except (SupermodelParseError, ValueError, TypeError):
        return None  # easyform shows the site's default model instead


def _plain(value):
    """A comparable form of a setting (rich text by its source)."""
    value = getattr(value, "raw", value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_plain(item) for item in value)
    return value


def _tagged(schema, extender, kind: str) -> dict:
    """The code settings easyform keeps as tagged values of the schema."""
    permissions = mergedTaggedValueDict(extender, WRITE_PERMISSIONS_KEY)
    items = {}
    for setting in code_settings(extender):
        for name, value in schema.queryTaggedValue(setting, {}).items():
            if value:  # empty and False are no code
                items[(kind, name, setting)] = (_plain(value), (permissions[setting],))
    return items


def field_code(source) -> dict:
    """{(kind, field, setting): (value, permissions)} of a fields model."""
    schema = _schema(source)
    return _tagged(schema, IFieldExtender, "field") if schema is not None else {}


def action_code(source) -> dict:
    """{(kind, action, setting): (value, permissions)} of an actions model."""
    schema = _schema(source)
    if schema is None:
        return {}
    items = _tagged(schema, IActionExtender, "action")
    for name, action in getFieldsInOrder(schema):
        for iface in providedBy(action):
            if not iface.isOrExtends(IAction):
                continue
            permissions = mergedTaggedValueDict(iface, WRITE_PERMISSIONS_KEY)
            for setting in code_settings(iface):
                value = _plain(getattr(action, setting, None))
                if value:
                    items[("action", name, setting)] = (value, (permissions[setting],))
            for code_iface, needed in CODE_ACTIONS:
                if iface.isOrExtends(code_iface):
                    whole = tuple(
                        (setting, _plain(getattr(action, setting, None)))
                        for setting in getFieldNames(code_iface)
                    )
                    items[("action", name, code_iface.__name__)] = (whole, needed)
    return items


def committed_models(form) -> dict:
    """The models of ``form`` at the last commit; a new form's: the defaults."""
    base = aq_base(form)
    state = None
    jar = getattr(base, "_p_jar", None)
    if jar is not None and base._p_oid is not None and base._p_serial != z64:
        state = jar.oldstate(base, base._p_serial)
        if isinstance(state, tuple):  # (dict, slots)
            state = state[0]
    state = state if isinstance(state, dict) else {}
    return {
        "fields_model": state.get("fields_model") or default_fields(form),
        "actions_model": state.get("actions_model") or default_actions(form),
    }


def current_models(form) -> dict:
    return {name: getattr(aq_base(form), name, None) for name in MODELS}


def new_code(before: dict, after: dict) -> dict:
    """The code of ``after`` that ``before`` did not have (or had otherwise)."""
    changed = {}
    for name, reader in (("fields_model", field_code), ("actions_model", action_code)):
        if after.get(name) == before.get(name):
            continue
        old = reader(before.get(name))
        for key, item in reader(after.get(name)).items():
            if old.get(key, (None,))[0] != item[0]:
                changed[key] = item
    return changed


def has_permission(permission_id: str, form) -> bool:
    permission = queryUtility(IPermission, name=permission_id)
    title = permission.title if permission is not None else permission_id
    return bool(getSecurityManager().checkPermission(title, form))


def refused(form, before: dict, after: dict) -> list[str]:
    """What of the new code the current user may not write, as labels."""
    labels = []
    for (_kind, name, setting), (_value, needed) in sorted(
        new_code(before, after).items()
    ):
        if not all(has_permission(permission, form) for permission in needed):
            labels.append(f"{setting} ({name})")
    return labels


def check(form, before: dict | None = None, after: dict | None = None) -> None:
    """Raise :class:`CodeRefused` if the user added code they may not write.

    ``before`` defaults to the committed models, ``after`` to the form's.
    """
    before = committed_models(form) if before is None else before
    after = current_models(form) if after is None else after
    labels = refused(form, before, after)
    if labels:
        raise CodeRefused(Message(CODE_REFUSED, mapping={"items": ", ".join(labels)}))


# Subscribers --------------------------------------------------------------------


def form_changed(form, event) -> None:
    """IObjectAddedEvent, IObjectModifiedEvent of an EasyForm."""
    check(form)


def schema_changed(schema_context, event) -> None:
    """ISchemaModifiedEvent of ``@@fields`` and ``@@actions`` (after easyform's)."""
    check(aq_parent(schema_context))
