"""The one way to the dossier catalog, and the keyed hashes of phone and CCCD.

Every reader of dossiers (the dashboard, the statistics, the lookup, code
uniqueness, imports, exports, the tracking book, the online form action,
upgrade steps, the demo content) gets the catalog here: :func:`catalog` and
the searches :func:`find` (secured: what the current user may see) and
:func:`find_unrestricted`.  How dossiers get into it and stay out of
``portal_catalog``: :mod:`luanthanh.policy.dossiers.catalog_tool`.

Phone numbers and identity numbers (CCCD, số định danh cá nhân) are never
indexed in clear: the index ``applicant_keys`` holds HMAC-SHA256 keys made
with a secret generated once per site and kept as a private attribute of the
tool (out of the registry, out of reach of restricted code).  A search by
phone or CCCD hashes the query the same way (:func:`rewrite_query`).
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from datetime import datetime
from datetime import timedelta
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers.catalog_tool import SECRET_ATTRIBUTE
from luanthanh.policy.dossiers.catalog_tool import TOOL_ID
from luanthanh.policy.interfaces import IDossierCatalogTool
from luanthanh.policy.normalize import normalize_id_number
from luanthanh.policy.normalize import normalize_phone
from plone import api
from zope.component import queryUtility

import hmac
import re


__all__ = [
    "TOOL_ID",
    "applicant_key",
    "applicant_keys",
    "applicant_secret",
    "catalog",
    "find",
    "find_unrestricted",
    "misplaced",
    "query_key",
    "rewrite_query",
]

_QUERY_NOISE = re.compile(r'\b(AND|OR|NOT)\b|[*"()?]')


class NoDossierCatalog(LookupError):
    """The site has no dossier catalog (profile older than 1009)."""


def catalog(fallback: bool = False):
    """``portal_dossier_catalog`` of the current site.

    ``fallback=True`` (upgrade steps older than 1009 only) answers
    ``portal_catalog`` on a site that does not have it yet.
    """
    tool = queryUtility(IDossierCatalogTool)
    if tool is None:
        if fallback:
            return api.portal.get_tool("portal_catalog")
        raise NoDossierCatalog(TOOL_ID)
    # Acquired from the current site (wrapped in the request), so that the
    # brains' objects know their URLs.
    return getattr(api.portal.get(), TOOL_ID, tool)


# Keyed hashes -------------------------------------------------------------------


def _secret(tool=None) -> bytes | None:
    tool = tool if tool is not None else queryUtility(IDossierCatalogTool)
    if tool is None:
        return None
    return getattr(aq_base(tool), SECRET_ATTRIBUTE, None)


def applicant_secret(tool=None) -> bytes | None:
    """The site's secret of the applicant keys (None before it has one).

    Trusted code only: whoever has it can test phone numbers against the
    index.  The indexer asks it once per batch of an import
    (:mod:`~luanthanh.policy.dossiers.shared_values`), not twice per dossier:
    finding the dossier catalog utility wraps it in the site each time.
    """
    return _secret(tool)


def _key(secret: bytes | None, kind: str, value: str) -> str:
    if not value or not secret:
        return ""
    message = f"{kind}:{value}".encode()
    # hmac.new(secret, message, hashlib.sha256).hexdigest(), in one C call.
    return hmac.digest(secret, message, "sha256").hex()


def applicant_key(kind: str, value: str, tool=None) -> str:
    """The HMAC-SHA256 key of a normalised phone (``kind="phone"``) or
    identity number (``kind="id"``); "" without a value or a secret."""
    return _key(_secret(tool), kind, value)


def applicant_keys(
    phone: str | None, id_number: str | None, tool=None, secret=None
) -> list:
    """The keys to index for a dossier's applicant (none in clear);
    ``secret``: :func:`applicant_secret` when the caller has it in hand."""
    if secret is None:
        secret = _secret(tool)
    keys = [
        _key(secret, "phone", normalize_phone(phone)),
        _key(secret, "id", normalize_id_number(id_number)),
    ]
    return [key for key in keys if key]


def query_key(text: str | None) -> str:
    """The key to search for when ``text`` is a phone or a CCCD, else "".

    ``text`` may be what an official typed ("0912 345 678") or a full-text
    query built from it ("0912 AND 345 AND 678*").
    """
    if not isinstance(text, str):
        return ""
    digits = "".join(_QUERY_NOISE.sub(" ", text).split())
    phone = normalize_phone(digits)
    if phone:
        return applicant_key("phone", phone)
    id_number = normalize_id_number(digits)
    if id_number:
        return applicant_key("id", id_number)
    return ""


def rewrite_query(query: dict) -> dict:
    """``query`` with a phone or CCCD ``SearchableText`` turned into its key."""
    text = query.get("SearchableText")
    if isinstance(text, dict):
        text = text.get("query")
    key = query_key(text)
    if not key:
        return query
    query = dict(query)
    del query["SearchableText"]
    query["applicant_keys"] = key
    return query


# Searches -------------------------------------------------------------------


def find(**query):
    """Dossier catalog brains the current user may see."""
    return catalog().searchResults(**rewrite_query(query))


def find_unrestricted(fallback: bool = False, **query):
    """Dossier catalog brains, whoever asks (trusted code only)."""
    return catalog(fallback).unrestrictedSearchResults(**rewrite_query(query))


def book_position(dossier) -> tuple[int, int] | None:
    """Where the dossier stands in the Sổ theo dõi hồ sơ (Mẫu số 07): the
    book is the year it was received in (local time), the order its rank
    among that year's dossiers of its folder sorted by reception time, as
    the book of the whole year lists them.  None before reception."""
    received = getattr(dossier, "received_at", None)
    if received is None:
        return None
    local = local_datetime(received)
    start = datetime(local.year, 1, 1, tzinfo=TZ)
    brains = find_unrestricted(
        path="/".join(aq_parent(dossier).getPhysicalPath()),
        portal_type="Dossier",
        received_at={"query": (start, received), "range": "min:max"},
        sort_on="received_at",
    )
    path = "/".join(dossier.getPhysicalPath())
    for order, brain in enumerate(brains, start=1):
        if brain.getPath() == path:
            return local.year, order
    return local.year, len(brains) + 1


#: The DateIndex keeps minutes: "before a day" is up to its previous minute.
MINUTE = timedelta(minutes=1)


def book_orders(folder_path: str, low: datetime, high: datetime) -> dict:
    """(Quyển số, Số thứ tự) of every dossier of the book at ``folder_path``
    received from ``low`` to ``high``, by catalog record id: the numbers of
    :func:`book_position`, whoever asks (a viewer who sees fewer dossiers
    reads the same numbers as the receipts), without reading the dossiers
    of the year before ``low`` (only their count)."""
    orders: dict = {}
    for year in range(local_datetime(low).year, local_datetime(high).year + 1):
        year_start = datetime(year, 1, 1, tzinfo=TZ)
        first = max(low, year_start)
        last = min(high, datetime(year + 1, 1, 1, tzinfo=TZ) - MINUTE)
        before = 0
        if first - MINUTE >= year_start:
            before = len(
                find_unrestricted(
                    path=folder_path,
                    portal_type="Dossier",
                    received_at={
                        "query": (year_start, first - MINUTE),
                        "range": "min:max",
                    },
                )
            )
        brains = find_unrestricted(
            path=folder_path,
            portal_type="Dossier",
            received_at={"query": (first, last), "range": "min:max"},
            sort_on="received_at",
        )
        for order, brain in enumerate(brains, start=before + 1):
            orders[brain.getRID()] = (year, order)
    return orders


def misplaced() -> list[str]:
    """Paths of dossiers and dossier attachments ``portal_catalog`` holds
    (should be none)."""
    portal_catalog = api.portal.get_tool("portal_catalog")
    paths = []
    for brain in portal_catalog.unrestrictedSearchResults(portal_type="DossierFolder"):
        folder = brain.getPath()
        paths.extend(
            b.getPath()
            for b in portal_catalog.unrestrictedSearchResults(path=folder)
            if b.getPath() != folder
        )
    paths.extend(
        b.getPath()
        for b in portal_catalog.unrestrictedSearchResults(portal_type="Dossier")
    )
    return sorted(set(paths))
