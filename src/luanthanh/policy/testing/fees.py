"""Dossiers of the lookup's applicant with a fee in each payment status
(issue #18): the VietQR code is shown while the fee is unpaid only.

``tests/restapi/services/dossier_lookup``, ``tests/dossiers/lookup`` and
``tests/browser/slips`` build on :func:`fee_dossiers`.
"""

from luanthanh.policy import api as lt_api
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.scenarios import lookup_dossier
from plone import api


FEE = 15000
#: The payment statuses of :func:`fee_dossiers`; "free" is a procedure
#: without fee (exempt, "Không thu phí, lệ phí").
FEE_CASES = ("unpaid", "paid", "exempt", "free")


def fee_dossiers(portal, state: str = "processing") -> dict:
    """One dossier in ``state`` per case of :data:`FEE_CASES`: case → dossier.

    The fee of 15.000 đồng is paid by VietQR at the desk ("paid"), exempted
    for a poor household ("exempt"), or still due ("unpaid")."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        paying = make_procedure(portal, id="co-le-phi", fee=FEE)
        free = make_procedure(portal, id="khong-le-phi", title="Thủ tục miễn phí")
        dossiers = {
            case: lookup_dossier(portal, free if case == "free" else paying, state)
            for case in FEE_CASES
        }
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.record(dossiers["paid"], "vietqr", reference="FT26342001")
        lt_api.payment.exempt(dossiers["exempt"], "ho-ngheo")
    return dossiers
