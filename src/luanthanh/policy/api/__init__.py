"""The domain API of the center, in the style of plone.api.

    from luanthanh.policy import api

    dossier = api.dossier.create(procedure, applicant_name="Nguyễn Văn An", ...)
    api.dossier.transition(dossier, "accept")
    api.dossier.history(dossier)

Views, REST services, easyform actions, imports, scripts and subscribers go
through these functions; nothing else writes dossier data.  Errors are the
classes of :mod:`luanthanh.policy.api.exc`.
"""

from luanthanh.policy.api import dossier
from luanthanh.policy.api import exc
from luanthanh.policy.api import exchange
from luanthanh.policy.api import lookup
from luanthanh.policy.api import payment
from luanthanh.policy.api import procedure
from luanthanh.policy.api import search


__all__ = ["dossier", "exc", "exchange", "lookup", "payment", "procedure", "search"]
