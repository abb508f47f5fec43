"""Every page template of the site's pages cooked before the first request.

Zope's page templates (Five's and zope.browserpage's ``ViewPageTemplateFile``,
the views of ``browser:page template=...``, viewlets, portlets, z3c.form
widgets) are compiled by Chameleon lazily, on their first rendering
(``zope.pagetemplate``'s ``_cook_check``): the first visitors of a freshly
started instance pay the compilation, and concurrent first renderings of the
same template race (malthe/chameleon#387: HTTP 500 on the first concurrent
renders).  ``CHAMELEON_EAGER`` does not help: it applies to Chameleon's own
template files, which this stack does not use.

:func:`warm_up` runs on ``IProcessStarting`` (Zope's WSGI starter notifies it
after the database is open and before waitress serves; ``zconsole`` scripts
do not pay for it): it finds the templates of every view, viewlet, portlet
and widget registered by the packages whose pages the site serves
(:data:`PACKAGES`) and cooks each one, in one thread.  With
``CHAMELEON_CACHE`` (set in ``etc/zope.conf.in``) later starts read the
compiled code from disk.  ``LUANTHANH_TEMPLATE_WARMUP=off`` skips it (the
test layers do: a test session has no disk cache, and the tests that need the
warm-up call :func:`warm_up` themselves).
"""

from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.pagetemplate.pagetemplate import PageTemplate
from zope.processlifetime import IProcessStarting

import importlib
import logging
import os
import time


logger = logging.getLogger("luanthanh.policy.warmup")

#: ``off`` (or ``0``, ``false``, ``no``): no warm-up when the process starts.
SWITCH = "LUANTHANH_TEMPLATE_WARMUP"

#: The packages whose templates the site's pages render (public and officials').
PACKAGES = (
    "luanthanh.policy",
    "Products.CMFPlone",
    "plone.app.layout",
    "plone.app.portlets",
    "plone.portlet.static",
    "plone.portlet.collection",
    "plone.app.contenttypes",
    "plone.app.contentmenu",
    "plone.app.i18n",
    "plone.app.viewletmanager",
    "plone.app.z3cform",
    "plone.z3cform",
    "z3c.form",
    "plone.app.dexterity",
    "plone.app.textfield",
    "plone.formwidget.namedfile",
    "plone.namedfile",
    "plone.app.users",
    "plone.app.search",
    "plone.app.theming",
    "plonetheme.barceloneta",
    "collective.easyform",
    "collective.z3cform.datagridfield",
)


def _package_dirs(packages) -> tuple[str, ...]:
    dirs = []
    for name in packages:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        dirs.extend(os.path.join(path, "") for path in getattr(module, "__path__", ()))
    return tuple(dirs)


def _namespaces(factory):
    if not isinstance(factory, type):
        yield getattr(factory, "__dict__", {})
        factory = type(factory)
    for klass in factory.__mro__:
        yield vars(klass)
        # plone.z3cform's form wrapper is registered, its form class is not:
        # the form's own templates (an online form's thank-you page) too.
        form = vars(klass).get("form")
        if isinstance(form, type):
            for form_class in form.__mro__:
                yield vars(form_class)


def _registries(registry, seen=None):
    """``registry`` and the registries it extends (test layers stack them)."""
    seen = set() if seen is None else seen
    if id(registry) in seen:
        return
    seen.add(id(registry))
    yield registry
    for base in getattr(registry, "__bases__", ()):
        yield from _registries(base, seen)


def _registered_factories():
    for registry in _registries(getGlobalSiteManager()):
        for registration in registry.registeredAdapters():
            yield registration.factory
        for registration in registry.registeredSubscriptionAdapters():
            yield registration.factory
        for registration in registry.registeredUtilities():
            yield registration.component


def page_templates(packages=PACKAGES) -> list[PageTemplate]:
    """The file templates of the registered components, from ``packages``."""
    dirs = _package_dirs(packages)
    found = {}
    for factory in _registered_factories():
        for namespace in _namespaces(factory):
            for value in list(namespace.values()):
                if not isinstance(value, PageTemplate):
                    continue
                filename = getattr(value, "filename", "") or ""
                if filename.startswith(dirs):
                    found[id(value)] = value
    return list(found.values())


def cooked(template: PageTemplate) -> bool:
    """Whether ``template`` is compiled (its next rendering compiles nothing)."""
    return template._v_program is not None and not template._v_errors


def warm_up(packages=PACKAGES) -> int:
    """Cook the templates of ``packages``; how many are cooked."""
    start = time.perf_counter()
    templates = page_templates(packages)
    count = 0
    for template in templates:
        try:
            template._cook_check()
        except Exception:  # a broken template fails at its rendering, as before
            logger.exception("Could not compile %s", template.filename)
            continue
        count += cooked(template)
    logger.info(
        "%d of %d page templates compiled in %.1f s",
        count,
        len(templates),
        time.perf_counter() - start,
    )
    return count


@adapter(IProcessStarting)
def warm_up_on_start(event) -> None:
    """IProcessStarting: :func:`warm_up`, before waitress serves."""
    if os.environ.get(SWITCH, "on").strip().lower() in ("off", "0", "false", "no"):
        logger.info("Page templates not compiled at start (%s)", SWITCH)
        return
    warm_up()
