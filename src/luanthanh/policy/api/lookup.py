"""The public status lookup (tra cứu hồ sơ): find a dossier, show its status.

    from luanthanh.policy import api

    api.lookup.throttle(request)
    dossier = api.lookup.find(code, phone="0912 345 678")
    status = api.lookup.public_status(dossier, request)
    status["token"] = api.lookup.issue_token(dossier.code)

The rules (two factors compared in constant time, only the public status,
signed tokens) are those of :mod:`luanthanh.policy.dossiers.lookup`.
"""

from luanthanh.policy.api import payment as _payment
from luanthanh.policy.dossiers import lookup as _lookup
from luanthanh.policy.dossiers import rating as _rating


#: The longest code :func:`find` considers (forms cut what is typed to it).
MAX_CODE_LENGTH = _lookup.MAX_CODE_LENGTH
#: The longest comment a rating may carry.
MAX_COMMENT_LENGTH = _rating.MAX_COMMENT_LENGTH
#: Seconds a token of :func:`issue_token` stays valid.
TOKEN_TTL = _lookup.TOKEN_TTL
#: The fee of the dossier, and the VietQR payload to pay it while unpaid
#: (:func:`luanthanh.policy.api.payment.public`).
FEE_KEYS = ("fee_due", "fee_status", "qr_payload")
#: The keys of :func:`public_status`, and nothing else.
PUBLIC_KEYS = (*_lookup.PUBLIC_KEYS, *FEE_KEYS)


def throttle(request) -> None:
    """Count one try of this client's address.

    Raises :class:`~luanthanh.policy.errors.Throttled` (429) past
    ``lookup_limit`` tries per ``lookup_window_minutes`` (settings
    ``luanthanh.policy.online``).  Every try counts, found or not.
    """
    _lookup.throttle(request)


def find(code, phone: str | None = None, id_number: str | None = None):
    """The dossier with ``code`` whose applicant's phone (or CCCD) matches.

    The phone wins when both are given.  Raises
    :class:`~luanthanh.policy.errors.NotFound` (404), with one and the same
    message, for an unknown code and for a wrong second factor.
    """
    dossier = _lookup.find_dossier(code, phone=phone, id_number=id_number)
    if dossier is None:
        raise _lookup.not_found()
    return dossier


def public_status(dossier, request=None) -> dict:
    """What the citizen may see of ``dossier``: the keys of :data:`PUBLIC_KEYS`.

    Never the applicant's name, CCCD, phone, address, e-mail, the attachments
    or the internal notes.  The fee: ``fee_due`` (đồng, None when never
    recorded), ``fee_status`` and ``qr_payload`` (the VietQR payload while
    the fee is unpaid, otherwise None).
    """
    status = _lookup.public_status(dossier, request)
    status.update(_payment.public(dossier))
    return status


def issue_token(code: str, now: float | None = None) -> str:
    """A signed token for the actions of one lookup of the dossier ``code``."""
    return _lookup.issue_token(code, now=now)


def check_token(token, code: str, now: float | None = None) -> bool:
    """Whether ``token`` was issued for ``code`` and has not expired."""
    return _lookup.check_token(token, code, now=now)


def require_token(token, dossier) -> None:
    """Raise :class:`~luanthanh.policy.errors.Forbidden` (403) unless
    ``token`` was issued for ``dossier``."""
    _lookup.require_token(token, dossier)
