"""Settings for the proofs and the load test (run with ``zconsole run``).

The online forms refuse posts made faster than a person can type
(``honeypot_enabled`` brings a minimum fill time), more than
``submission_limit`` posts and more than ``lookup_limit`` status lookups per
address: the load clients are fast and all on 127.0.0.1, so these limits are
lifted on these throw-away sites.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from zope.component.hooks import setSite

import os
import transaction


app = globals()["app"]  # bound by zconsole
site = app[os.environ.get("SITE_ID", "Plone")]
setSite(site)
admin = app.acl_users.getUserById(os.environ.get("ADMIN_USER", "admin"))
newSecurityManager(None, admin.__of__(app.acl_users))
api.portal.set_registry_record("luanthanh.policy.online.honeypot_enabled", False)
api.portal.set_registry_record("luanthanh.policy.online.submission_limit", 0)
# The status lookup counts every try per address: all clients are 127.0.0.1.
api.portal.set_registry_record("luanthanh.policy.online.lookup_limit", 1000000)
transaction.commit()
print("Online form guard relaxed for load: no minimum fill time, no rate limit")
app._p_jar.db().close()
