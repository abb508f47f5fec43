"""A Zope session for the ``zconsole run`` scripts: request, language, site, admin.

    with zope_session(app, site_id="Plone") as session:
        do_something(session.site)
        if nothing_to_keep:
            session.abort()

On entry: a request (``Accept-Language: vi`` and the language set to
Vietnamese, so that messages come out as on a page) made the global request,
the Zope admin user (``ADMIN_USER``, default ``admin``) as the security
manager, and the site (when ``site_id`` is given) as the local site.  On
exit the transaction is committed, or aborted when the block raised or
called :meth:`ZopeSession.abort`.

zconsole runs a script with ``exec`` and without ``__file__``: a script puts
its own folder (from its code's ``co_filename``) on ``sys.path`` to import
this module.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from collections.abc import Iterator
from contextlib import contextmanager
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import os
import sys
import transaction


LANGUAGE = "vi"


class NoAdminUser(Exception):
    """The Zope admin user does not exist."""

    def __init__(self, userid: str):
        self.userid = userid
        super().__init__(f"Không có người dùng quản trị Zope {userid!r} (ADMIN_USER).")


class ZopeSession:
    """The Zope root with a request, the site, and whether to commit."""

    def __init__(self, app, site=None):
        self.app = app
        self.request = app.REQUEST
        self.site = site
        self.aborted = False

    def use_site(self, site) -> None:
        """Make ``site`` the local site (after creating it, say)."""
        self.site = site
        setSite(site)

    def abort(self) -> None:
        """Write nothing: the transaction is aborted at the end."""
        self.aborted = True


def admin_userid() -> str:
    return os.environ.get("ADMIN_USER", "admin")


def login_admin(app) -> None:
    """Act as the Zope admin user; raises :class:`NoAdminUser` when missing."""
    userid = admin_userid()
    user = app.acl_users.getUserById(userid)
    if user is None:
        raise NoAdminUser(userid)
    newSecurityManager(None, user.__of__(app.acl_users))


@contextmanager
def zope_session(app, site_id: str | None = None) -> Iterator[ZopeSession]:
    """The Zope root with a Vietnamese request, the admin user and the site."""
    app = makerequest(app, environ={"HTTP_ACCEPT_LANGUAGE": LANGUAGE})
    # Messages in the site's language (Vietnamese), as on a page.
    app.REQUEST["LANGUAGE"] = app.REQUEST["I18N_LANGUAGE"] = LANGUAGE
    setRequest(app.REQUEST)
    login_admin(app)
    session = ZopeSession(app)
    if site_id is not None:
        session.use_site(app[site_id])
    try:
        yield session
    except BaseException:
        transaction.abort()
        raise
    else:
        if session.aborted:
            transaction.abort()
        else:
            transaction.commit()
    finally:
        noSecurityManager()
        setRequest(None)


def run_script(main, app, argv: list[str], script: str) -> None:
    """Exit with ``main(app, args)``'s status (2 without the admin user).

    ``args`` are the script's own arguments; the database is closed first."""
    try:
        status = main(app, script_args(argv, script))
    except NoAdminUser as error:
        print(str(error))
        status = 2
    app._p_jar.db().close()
    sys.exit(status)


def script_args(argv: list[str], script: str) -> list[str]:
    """The arguments after ``script`` (zconsole leaves its own in ``sys.argv``)."""
    ours = [i for i, arg in enumerate(argv) if arg.endswith(script)]
    return argv[ours[-1] + 1 :] if ours else argv[1:]
