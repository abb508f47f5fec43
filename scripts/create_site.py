"""Create the Plone site if it does not exist yet.

Run by ``make start`` as ``zconsole run instance/etc/zope.conf
scripts/create_site.py``, where ``app`` is the Zope root.

Environment:
  ADMIN_USER      Zope admin login (default admin)
  ADMIN_PASSWORD  its password (default admin)
  SITE_ID         id of the site (default Plone)
  DELETE_EXISTING "true" to drop and re-create the site (default false)
  DEMO            "false" to skip the demo (default true): the demo profile,
                  and on a new site the living demo of scripts/demo_site.py
                  (demo officials with passwords printed once and saved to
                  var/demo-officials.txt, the field -> official mapping, the
                  demo half-year of dossiers and today's dossiers)
  DEMO_WORKSPACE  "false" to keep the demo profile without that living demo
                  (the e2e journeys, benchmarks and proofs; default true)
  HOST            the address the instance will listen on: anything but the
                  loopback (127.0.0.1, ::1, localhost) is refused while the
                  admin password is the default ``admin`` (scripts/admin_guard.py)

A second run keeps the existing site and its data (it only says which demo
officials exist and how to reset their passwords).  The admin user is created
once; its password is reset to ADMIN_PASSWORD when that is set explicitly.
"""

from Products.CMFPlone.factory import addPloneSite

import inspect
import os
import sys
import transaction


# zconsole runs this file with exec(), without __file__: our folder from our code.
sys.path.insert(
    0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
)

from admin_guard import check as check_exposure
from admin_guard import password_is_default
from demo_site import announce
from demo_site import create_demo
from demo_site import demo_enabled
from demo_site import report_existing
from demo_site import site_url
from demo_site import var_dir
from demo_site import workspace_enabled
from zope_session import zope_session


TRUTHY = {"1", "true", "yes", "on"}

SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN_USER = os.environ.get("ADMIN_USER", "admin")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD") or "admin"
DELETE_EXISTING = os.environ.get("DELETE_EXISTING", "false").lower() in TRUTHY
DEMO = demo_enabled()
WORKSPACE = workspace_enabled()

TITLE = "Trung tâm Phục vụ hành chính công xã Luận Thành"
PROFILES = [
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "luanthanh.policy:default",
]

app = globals()["app"]  # bound by zconsole

acl = app.acl_users
# Never on the network with admin/admin (exits 2 with the reason, before any change).
check_exposure(
    os.environ.get("HOST", "127.0.0.1"),
    password_is_default(acl, ADMIN_USER, os.environ.get("ADMIN_PASSWORD")),
)
if acl.getUserById(ADMIN_USER) is None:
    acl._doAddUser(ADMIN_USER, ADMIN_PASSWORD, ["Manager"], [])
    print(f"Created Zope admin user {ADMIN_USER!r}")
elif "ADMIN_PASSWORD" in os.environ:
    if hasattr(acl, "users"):  # a PluggableAuthService: its ZODB user manager
        acl.users.updateUserPassword(ADMIN_USER, ADMIN_PASSWORD)
    else:  # Zope's basic user folder (as plone.recipe.zope2instance makes it)
        acl._doChangeUser(ADMIN_USER, ADMIN_PASSWORD, ["Manager"], [])
    print(f"Updated the password of {ADMIN_USER!r}")
with zope_session(app) as session:
    if SITE_ID in app.objectIds() and DELETE_EXISTING:
        app.manage_delObjects([SITE_ID])
        transaction.commit()
        print(f"Deleted the existing site {SITE_ID!r}")

    if SITE_ID in app.objectIds():
        print(f"Site {SITE_ID!r} exists: kept as it is.")
        if WORKSPACE:
            session.use_site(session.app[SITE_ID])
            report_existing(var_dir())
    else:
        site = addPloneSite(
            session.app,
            SITE_ID,
            title=TITLE,
            profile_id="Products.CMFPlone:plone",
            extension_ids=PROFILES + (["luanthanh.policy:demo"] if DEMO else []),
            default_language="vi",
            portal_timezone="Asia/Ho_Chi_Minh",
        )
        session.use_site(site)
        transaction.commit()
        print(f"Created site {SITE_ID!r}: {site.title}")
        if WORKSPACE:
            demo = create_demo(site)
            transaction.commit()
            announce(demo, var_dir(), site_url(SITE_ID))
# Close the database cleanly so that FileStorage writes its index.
app._p_jar.db().close()
