"""easyform's validators and defaults, with one wrapper class per interface."""

from collective.easyform.fields import superAdapter
from luanthanh.policy.easyform import defaults
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from z3c.form.interfaces import IValidator
from z3c.form.interfaces import IValue
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


@pytest.fixture
def form_view(online, functional_portal):
    request = functional_portal.REQUEST
    alsoProvides(request, IBrowserLayer)
    form = functional_portal.unrestrictedTraverse(KHAI_SINH)
    view = getMultiAdapter((form, request), name="view").form_instance
    view.update()
    return form, request, view


def widgets_of(view):
    yield from ((view, w) for w in view.widgets.values())
    for group in view.groups:
        yield from ((group, w) for w in group.widgets.values())


def test_ours_are_used(form_view):
    form, request, view = form_view
    kinds = set()
    for owner, widget in widgets_of(view):
        objects = (form, request, owner, widget.field, widget)
        validator = getMultiAdapter(objects, IValidator)
        default = getMultiAdapter(objects, IValue, name="default")
        kinds.add((type(validator), type(default)))
    assert kinds <= {
        (defaults.Validator, defaults.Default),
        (defaults.GroupValidator, defaults.GroupDefault),
    }
    assert kinds


def test_same_adapters_as_easyform(form_view):
    """The next validator and default found are the ones easyform finds."""
    form, request, view = form_view
    for owner, widget in widgets_of(view):
        objects = (form, request, owner, widget.field, widget)
        ours = getMultiAdapter(objects, IValidator)
        spec = type(ours).__component_adapts__[2]
        for name in ("", "default"):
            theirs = superAdapter(spec, ours, objects, name=name)
            found = defaults.super_adapter(spec, ours, objects, name=name)
            assert type(found) is type(theirs), widget.field.__name__


def test_one_wrapper_class_per_interface(form_view):
    form, request, view = form_view
    _owner, widget = next(widgets_of(view))
    objects = (form, request, view, widget.field, widget)
    ours = getMultiAdapter(objects, IValidator)
    spec = type(ours).__component_adapts__[2]
    defaults.super_adapter(spec, ours, objects)
    before = dict(defaults._WRAPPERS)
    for _ in range(3):
        defaults.super_adapter(spec, ours, objects)
    assert before == defaults._WRAPPERS
    interface = next(iter(before))
    assert defaults.wrapper_class(interface) is before[interface]


def test_validation_still_applies(online, browser, functional_portal):
    """easyform's own field validators (here the CCCD) still run."""
    open_form(browser, functional_portal)
    fill(browser, so_cccd="12345")
    submit(browser)
    assert "online-receipt-code" not in browser.contents
    assert "gồm đúng 12 chữ số" in browser.contents
