"""Create the officials of the browser journeys in a fresh site.

Run as ``zconsole run <zope.conf> tests/e2e/officials.py`` after
``scripts/create_site.py``: the same accounts, groups and assignment as
``luanthanh.policy.testing.builders`` (``motcua`` at the desk, ``chuyenvien`` for
civil status, ``lanhdao`` approves), with the same password.
"""

from AccessControl.SecurityManagement import newSecurityManager
from luanthanh.policy.testing.builders import add_official
from plone import api
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN_USER = os.environ.get("ADMIN_USER", "admin")
#: The accounts of the journeys (the builders' officials, same password).
JOURNEY_OFFICIALS = ("motcua", "chuyenvien", "lanhdao")

app = globals()["app"]  # bound by zconsole
admin = app.acl_users.getUserById(ADMIN_USER).__of__(app.acl_users)
newSecurityManager(None, admin)
site = app[SITE_ID]
setSite(site)

for userid in JOURNEY_OFFICIALS:
    add_official(userid)
api.portal.set_registry_record(
    "luanthanh.policy.dossier.assignees", {"tu-phap-ho-tich": "chuyenvien"}
)
transaction.commit()
print(f"Officials ready: {', '.join(JOURNEY_OFFICIALS)}")
app._p_jar.db().close()
