"""Demo officials: one desk official, one processor per field, one leader.

``make start`` with ``DEMO=true`` (``scripts/create_site.py``) creates them
on a new site, each in the officials' group of their role
(:data:`luanthanh.policy.setuphandlers.site.GROUPS`), and makes each
processor the official of their field (IDossierSettings.assignees), so that
the demo dossiers imported afterwards are assigned to them.

Passwords are never written in the code: each is drawn with :mod:`secrets`
when the account is created, returned once to the caller (which prints it),
and can be drawn again with :func:`reset_demo_passwords` (``make
demo-passwords``).  An account that exists already is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from luanthanh.policy import settings
from luanthanh.policy.i18n import _
from luanthanh.policy.setuphandlers.site import GROUPS
from luanthanh.policy.vocabularies.terms import DEFAULT_FIELDS
from plone import api
from zope.i18n import translate

import secrets
import string


@dataclass(frozen=True)
class DemoOfficial:
    """One demo account: login, Vietnamese full name, group, field."""

    userid: str
    fullname: str
    group: str
    field: str = ""  # the field they are responsible for (processors)


DEMO_OFFICIALS: tuple[DemoOfficial, ...] = (
    DemoOfficial("motcua.lan", "Nguyễn Thị Lan", "mot-cua"),
    DemoOfficial("kinhte.hung", "Trần Văn Hùng", "chuyen-vien", "kinh-te"),
    DemoOfficial("vhxh.mai", "Lê Thị Mai", "chuyen-vien", "van-hoa-xa-hoi"),
    DemoOfficial("tuphap.nam", "Phạm Quang Nam", "chuyen-vien", "tu-phap-ho-tich"),
    DemoOfficial("lanhdao.son", "Hoàng Minh Sơn", "lanh-dao"),
)

#: The e-mail domain of the demo accounts (reserved: no mail is delivered).
EMAIL_DOMAIN = "luanthanh.invalid"

#: Letters and digits that cannot be misread (no 0/O, 1/l/I).
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
#: Four groups of five characters: about 113 bits drawn by ``secrets``.
_GROUPS, _GROUP_SIZE = 4, 5


def new_password() -> str:
    """A random password such as ``Hk7pQ-m2rLw-9tBz4-hXc3e`` (ASCII, for HTTP
    basic auth too), with upper and lower case letters and digits."""
    while True:
        chars = [secrets.choice(_ALPHABET) for _ in range(_GROUPS * _GROUP_SIZE)]
        if (
            any(c.isupper() for c in chars)
            and any(c.islower() for c in chars)
            and any(c.isdigit() for c in chars)
        ):
            break
    return "-".join(
        "".join(chars[i : i + _GROUP_SIZE]) for i in range(0, len(chars), _GROUP_SIZE)
    )


def _vi(msg) -> str:
    """``msg`` in the site's language (Vietnamese), whatever the request."""
    return translate(msg, target_language=api.portal.get_default_language() or "vi")


def role_title(official: DemoOfficial) -> str:
    """The official's role as the table shows it: group, and field if any."""
    groups = {group_id: title for group_id, title, _roles in GROUPS}
    title = _vi(groups[official.group])
    fields = dict(DEFAULT_FIELDS)
    if official.field:
        title = f"{title} – {fields.get(official.field, official.field)}"
    return title


def existing_demo_officials() -> list[DemoOfficial]:
    """The demo officials whose account exists."""
    return [o for o in DEMO_OFFICIALS if api.user.get(userid=o.userid) is not None]


def create_demo_officials() -> dict[str, str]:
    """Create the demo officials that do not exist yet, in their groups.

    Returns user id → password for the accounts created now (only those);
    existing accounts keep their password and are only put in their group.
    """
    created = {}
    for official in DEMO_OFFICIALS:
        if api.user.get(userid=official.userid) is None:
            password = new_password()
            api.user.create(
                email=f"{official.userid}@{EMAIL_DOMAIN}",
                username=official.userid,
                password=password,
                properties={"fullname": official.fullname},
            )
            created[official.userid] = password
        api.group.add_user(groupname=official.group, username=official.userid)
    return created


def reset_demo_passwords() -> dict[str, str]:
    """Draw a new password for every existing demo official: user id → password."""
    acl = api.portal.get_tool("acl_users")
    passwords = {}
    for official in existing_demo_officials():
        password = new_password()
        acl.userSetPassword(official.userid, password)
        passwords[official.userid] = password
    return passwords


def map_demo_fields() -> dict[str, str]:
    """Make each demo processor the official of their field, where the field
    has no official yet (or one whose account is gone); the whole mapping."""
    record = settings.dossiers().record_name("assignees")
    mapping = dict(api.portal.get_registry_record(record, default=None) or {})
    for official in DEMO_OFFICIALS:
        current = mapping.get(official.field)
        if not official.field or (current and api.user.get(userid=current)):
            continue
        mapping[official.field] = official.userid
    api.portal.set_registry_record(record, mapping)
    return mapping


HEADERS = (
    _("demo_officials_role", default="Vai trò"),
    _("demo_officials_login", default="Tên đăng nhập"),
    _("demo_officials_password", default="Mật khẩu"),
)


def officials_table(passwords: dict[str, str]) -> str:
    """A plain-text table (role, login, password) of the officials in
    ``passwords``, in the order of :data:`DEMO_OFFICIALS`."""
    rows = [tuple(_vi(h) for h in HEADERS)]
    rows += [
        (role_title(o), o.userid, passwords[o.userid])
        for o in DEMO_OFFICIALS
        if o.userid in passwords
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
