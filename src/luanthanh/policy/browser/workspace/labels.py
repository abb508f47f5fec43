"""Labels of dossier values, computed once per distinct value per page.

Shared by the workspace screens.
"""

from luanthanh.policy import deadlines
from luanthanh.policy.browser.procedures import Labels
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.config import local
from luanthanh.policy.config import today
from luanthanh.policy.formatting import days_left_label
from luanthanh.policy.formatting import fullname
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import TIMELINESS
from plone import api
from zope.i18n import translate


class DossierLabels(Labels):
    """Translations and look-ups computed once per distinct value per page."""

    def __init__(self, request):
        super().__init__(request)
        self.workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            DOSSIER_WORKFLOW
        )
        self.calendar = deadlines.WorkCalendar.from_registry()
        self.today = today()

    def _title(self, text: str) -> str:
        # Workflow titles are Vietnamese msgids of our domain (GenericSetup).
        return translate(text, domain="luanthanh.policy", context=self.request)

    def state(self, state_id) -> str:
        def make(value):
            state = self.workflow.states.get(value or "") if value else None
            return state.title if state is not None else (value or "")

        key = ("state", state_id)
        if key not in self._cache:
            self._cache[key] = self._title(make(state_id))
        return self._cache[key]

    def transition(self, transition_id) -> str:
        key = ("transition", transition_id)
        if key not in self._cache:
            tdef = self.workflow.transitions.get(transition_id or "")
            self._cache[key] = (
                self._title(tdef.title) if tdef is not None else transition_id or ""
            )
        return self._cache[key]

    def channel(self, value) -> str:
        return self._get("channel", value, lambda v: dict(CHANNELS).get(v, v or ""))

    def timeliness(self, value) -> str:
        return self._get("timeliness", value, lambda v: dict(TIMELINESS).get(v, ""))

    def fullname(self, userid) -> str:
        key = ("user", userid)
        if key not in self._cache:
            self._cache[key] = fullname(userid)
        return self._cache[key]

    def days_left(self, due) -> int:
        day = local(due).date()
        key = ("days", day)
        if key not in self._cache:
            self._cache[key] = deadlines.working_days_left(
                self.today, day, self.calendar
            )
        return self._cache[key]

    def days_label(self, days: int) -> str:
        return self._get("days_label", days, days_left_label)
