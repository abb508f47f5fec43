"""Create the officials of the browser journeys in a fresh site.

Run as ``zconsole run <zope.conf> tests/e2e/officials.py`` after
``scripts/create_site.py``: the same accounts, groups and assignment as
``luanthanh.policy.testing.builders`` (``motcua`` at the desk, ``chuyenvien`` for
civil status, ``lanhdao`` approves), with the same password.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN_USER = os.environ.get("ADMIN_USER", "admin")
PASSWORD = "Matkhau-1234!"
OFFICIALS = {
    # user id: (group, full name)
    "motcua": ("mot-cua", "Cán bộ một cửa"),
    "chuyenvien": ("chuyen-vien", "Chuyên viên tư pháp"),
    "lanhdao": ("lanh-dao", "Phó Chủ tịch UBND xã"),
}

app = globals()["app"]  # bound by zconsole
admin = app.acl_users.getUserById(ADMIN_USER).__of__(app.acl_users)
newSecurityManager(None, admin)
site = app[SITE_ID]
setSite(site)

for userid, (group, fullname) in OFFICIALS.items():
    if api.user.get(username=userid) is None:
        api.user.create(
            email=f"{userid}@luanthanh.example.org",
            username=userid,
            password=PASSWORD,
            properties={"fullname": fullname},
        )
    api.group.add_user(groupname=group, username=userid)
api.portal.set_registry_record(
    "luanthanh.policy.dossier.assignees", {"tu-phap-ho-tich": "chuyenvien"}
)
transaction.commit()
print(f"Officials ready: {', '.join(OFFICIALS)}")
app._p_jar.db().close()
