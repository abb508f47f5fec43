"""The plone.app.testing layers of luanthanh.policy.

``fixtures.py`` turns them into pytest fixtures (``integration``,
``functional``, ``portal``, ``functional_portal``...) through pytest-plone.
"""

from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import collective.easyform
import luanthanh.policy
import os
import plone.restapi


# Compile the .po catalogues (ours and plone.app.locales') when ZCML loads, so
# that the tests see the same Vietnamese UI as a running site.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("zope_i18n_allowed_languages", "vi en")
# No template warm-up when the WSGI server layer starts (caching/warmup.py):
# without a disk cache it compiles ~350 templates; the tests that need it
# (tests/caching/test_warmup.py, bench/bench_pages.py) call it themselves.
os.environ.setdefault("LUANTHANH_TEMPLATE_WARMUP", "off")


class Layer(PloneSandboxLayer):
    """Plone with plone.restapi, collective.easyform and luanthanh.policy."""

    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.easyform)
        self.loadZCML(package=luanthanh.policy)

    def setUpPloneSite(self, portal):
        self.applyProfile(portal, "luanthanh.policy:default")


FIXTURE = Layer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="LuanThanhPolicyLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="LuanThanhPolicyLayer:FunctionalTesting",
)
