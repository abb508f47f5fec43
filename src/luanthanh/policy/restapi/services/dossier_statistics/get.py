"""``GET @dossier-statistics?start=YYYY-MM-DD&end=YYYY-MM-DD[&field=…][&procedure=…]``.

For officials (permission "luanthanh.policy: View statistics"). Answers the
figures of :func:`luanthanh.policy.statistics.compute_statistics`; a bad or
missing date, an end before the start, an unknown field or procedure get a
400 ``{"error": {"type", "message", ...}}`` with a Vietnamese message.
"""

from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import StatisticsError
from plone.restapi.services import Service
from zope.i18n import translate


def error_body(error: StatisticsError, request) -> dict:
    return {
        "error": {
            "type": error.type,
            "message": translate(error.message, context=request),
            **error.details,
        }
    }


class DossierStatisticsGet(Service):
    def reply(self):
        form = self.request.form
        try:
            return compute_statistics(
                form.get("start"),
                form.get("end"),
                field=form.get("field") or None,
                procedure=form.get("procedure") or None,
            )
        except StatisticsError as error:
            self.request.response.setStatus(400)
            return error_body(error, self.request)
