"""``make start`` must not put the site on the network with ``admin``/``admin``.

:func:`refusal` is the rule, :func:`check` applies it: a ``HOST`` other than
the loopback (127.0.0.1, ::1, localhost) while the Zope administrator's
password is the default ``admin`` (``ADMIN_PASSWORD`` unset, empty or
``admin``, and the stored password still ``admin``) is refused with a message
in Vietnamese and English, and the command exits with status 2.  Run by
``scripts/create_site.py`` (``make start``, ``make create-site``) before it
touches anything.
"""

import sys


LOOPBACK = frozenset({"127.0.0.1", "::1", "[::1]", "localhost"})
DEFAULT_PASSWORD = "admin"
EXIT_STATUS = 2


def is_loopback(host: str) -> bool:
    return host.strip().lower() in LOOPBACK


def password_is_default(acl, user: str, env_password: str | None) -> bool:
    """Will ``user`` of the root user folder ``acl`` have the password
    ``admin`` after ``scripts/create_site.py`` has run?"""
    if env_password:
        return env_password == DEFAULT_PASSWORD
    if acl.getUserById(user) is None:
        return True  # it is about to be created with the default
    if hasattr(acl, "users"):  # a PluggableAuthService
        found = acl.users.authenticateCredentials(
            {"login": user, "password": DEFAULT_PASSWORD}
        )
        return bool(found)
    return bool(acl.getUser(user).authenticate(DEFAULT_PASSWORD, None))


def refusal(host: str, default_password: bool) -> str | None:
    """The message refusing to serve, or None when it is safe enough."""
    if is_loopback(host) or not default_password:
        return None
    return (
        f"Từ chối khởi động: HOST={host} mở trang cho cả mạng trong khi mật khẩu"
        " quản trị Zope vẫn là mặc định (admin). Hãy đặt ADMIN_PASSWORD là một"
        " mật khẩu mạnh (ví dụ: make start HOST=0.0.0.0 ADMIN_PASSWORD=...),"
        " hoặc chỉ nghe trên 127.0.0.1.\n"
        f"Refusing to start: HOST={host} serves the site to the network while the"
        " Zope administrator's password is the default (admin). Set"
        " ADMIN_PASSWORD to a strong password (for example make start"
        " HOST=0.0.0.0 ADMIN_PASSWORD=...), or listen on 127.0.0.1 only."
    )


def check(host: str, default_password: bool) -> None:
    """Exit with status 2 and the message when :func:`refusal` refuses."""
    message = refusal(host, default_password)
    if message is not None:
        print(message, file=sys.stderr)
        raise SystemExit(EXIT_STATUS)
