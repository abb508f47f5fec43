"""easyform's field validators and defaults, without a new class per call.

collective.easyform registers, for every field of every EasyForm, a z3c.form
validator and a default adapter (``FieldExtenderValidator``,
``FieldExtenderDefault`` and their group variants) that first look up "the
next most specific" validator or default with ``superAdapter``.  That
function builds a **new class** (``@implementer(...) class Wrapper``) on each
call, i.e. for each field of each rendering and each submission: a new
interface specification every time, so zope.interface's adapter cache never
hits and each lookup is made from scratch.  It was the largest share of the
form's own CPU (``make bench-profile``: a quarter of the server's time of a
submission POST, a fifth of the form's GET).

The adapters below are easyform's, registered for our browser layer (more
specific: they win on sites with ``luanthanh.policy`` installed), with the
same lookup, except that the wrapper class of each interface is made once
and kept: the same class and interface, so the same adapter is found.
"""

from collective.easyform.api import get_expression
from collective.easyform.fields import FieldExtenderDefault
from collective.easyform.fields import FieldExtenderValidator
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import IEasyFormForm
from collective.easyform.interfaces import IFieldExtender
from collective.easyform.validators import IFieldValidator
from luanthanh.policy.interfaces import IBrowserLayer
from z3c.form.interfaces import IGroup
from z3c.form.interfaces import IValidator
from z3c.form.interfaces import IValue
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import providedBy
from zope.schema.interfaces import IField

import threading


_WRAPPERS: dict = {}
_LOCK = threading.Lock()


class _Wrapper:
    """An object seen through one interface less (easyform's ``Wrapper``)."""

    def __init__(self, view):
        self.__view__ = view

    def __getattr__(self, item):
        return getattr(self.__view__, item)


def wrapper_class(interface) -> type:
    """The one wrapper class that provides ``interface`` (made once)."""
    cls = _WRAPPERS.get(interface)
    if cls is None:
        with _LOCK:
            cls = _WRAPPERS.get(interface)
            if cls is None:
                cls = implementer(interface)(
                    type(f"Wrapper_{interface.__name__}", (_Wrapper,), {})
                )
                _WRAPPERS[interface] = cls
    return cls


def super_adapter(specific_interface, adapter, objects, name=""):
    """easyform's ``superAdapter`` (the next most specific adapter), with one
    wrapper class per interface instead of one per call."""
    new_obj = []
    found = False
    for obj in objects:
        interfaces = list(providedBy(obj).interfaces())
        try:
            index = interfaces.index(specific_interface)
        except ValueError:
            new_obj.append(obj)
            continue
        found = True
        new_obj.append(wrapper_class(interfaces[index + 1])(obj))
    if not found:
        return None
    adapter_interfaces = list(providedBy(adapter).interfaces())
    if not adapter_interfaces:
        return None
    return queryMultiAdapter(new_obj, adapter_interfaces[0], name=name)


@implementer(IValidator)
@adapter(IEasyForm, IBrowserLayer, IEasyFormForm, IField, Interface)
class Validator(FieldExtenderValidator):
    """easyform's validator of a field of the default fieldset."""

    def validate(self, value):
        view_interface = self.__class__.__component_adapts__[2]
        validator = super_adapter(
            view_interface,
            self,
            (self.context, self.request, self.view, self.field, self.widget),
        )
        if validator is not None:
            validator.validate(value)
        efield = IFieldExtender(self.field)
        for name in getattr(efield, "validators", None) or ():
            check = queryUtility(IFieldValidator, name=name)
            if not check:
                continue
            message = check(value, REQUEST=self.request)
            if message:
                raise Invalid(message)
        expression = getattr(efield, "TValidator", None)
        if expression:
            try:
                message = get_expression(self.context, expression, value=value)
            except Exception as error:
                raise Invalid(error) from error
            if message:
                raise Invalid(message)


@implementer(IValidator)
@adapter(IEasyForm, IBrowserLayer, IGroup, IField, Interface)
class GroupValidator(Validator):
    """easyform's validator of a field in a fieldset (group)."""


@implementer(IValue)
@adapter(IEasyForm, IBrowserLayer, IEasyFormForm, IField, Interface)
class Default(FieldExtenderDefault):
    """easyform's default value of a field of the default fieldset."""

    def get(self):
        efield = IFieldExtender(self.field)
        expression = getattr(efield, "TDefault", None)
        if expression:
            return get_expression(self.context, expression)
        view_interface = self.__class__.__component_adapts__[2]
        found = super_adapter(
            view_interface,
            self,
            (self.context, self.request, self.view, self.field, self.widget),
            name="default",
        )
        if found is not None:
            return found.get()
        return self.field.default


@implementer(IValue)
@adapter(IEasyForm, IBrowserLayer, IGroup, IField, Interface)
class GroupDefault(Default):
    """easyform's default value of a field in a fieldset (group)."""
