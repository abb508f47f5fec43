"""The officials' dossier search (``GET @dossier-search``).

    from luanthanh.policy import api

    criteria = api.search.criteria(request.form)  # InvalidInput (400) if bad
    found = api.search.find(criteria, request)  # a sequence of summaries
    len(found), found[0:25]

The filters are the dashboard's (:mod:`luanthanh.policy.dossiers.criteria`);
the result holds only dossiers the current user may view, and is built from
catalog metadata only.
"""

from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.dossiers import criteria as _criteria
from luanthanh.policy.dossiers import search as _search
from luanthanh.policy.formatting import fullname
from plone import api
from zope.i18n import translate


#: The most dossiers one page may hold (``b_size``).
MAX_BATCH_SIZE = _criteria.MAX_BATCH_SIZE
#: The state groups ``state`` accepts besides the states themselves.
STATE_GROUPS = _criteria.STATE_GROUPS
#: The orders ``sort`` accepts.
SORTS = _criteria.SORTS
#: The parameters a search may carry; any other is refused.
PARAMETERS = _criteria.PARAMETERS

Criteria = _criteria.Criteria


def criteria(form) -> Criteria:
    """The checked filters of a request's ``form``.

    Raises :class:`~luanthanh.policy.errors.InvalidInput` (400) with a
    Vietnamese message for an unknown parameter, state, field, channel,
    deadline filter, scope or order, a bad date, phone, CCCD or procedure
    code, an end before the start, or a page size outside 1–100.
    """
    return _criteria.parse_criteria(form)


class _Labels:
    """State titles and full names, computed once per value per search."""

    def __init__(self, request):
        self.request = request
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            DOSSIER_WORKFLOW
        )
        self.states = workflow.states if workflow is not None else {}
        self._cache: dict = {}

    def state(self, state_id: str) -> str:
        key = ("state", state_id)
        if key not in self._cache:
            definition = self.states.get(state_id) if state_id else None
            title = definition.title if definition is not None else state_id
            # Workflow titles are Vietnamese msgids of our domain.
            self._cache[key] = translate(
                title, domain="luanthanh.policy", context=self.request
            )
        return self._cache[key]

    def fullname(self, userid: str) -> str:
        key = ("user", userid)
        if key not in self._cache:
            self._cache[key] = fullname(userid)
        return self._cache[key]


def find(criteria: Criteria, request, context=None) -> _search.Found:
    """The dossiers matching ``criteria`` that the current user may view.

    A sequence of compact summaries (``@id``, ``code``, ``title``, state and
    its title, procedure, field, applicant's name, channel, priority,
    reception, due and return dates in ISO 8601, ``overdue``, assignee), made
    only for the items read.  ``scope=mine`` uses the user's roles on
    ``context`` (default: the site).
    """
    context = context if context is not None else api.portal.get()
    user = api.user.get_current()
    userid = user.getId() or ""
    roles = api.user.get_roles(user=user, obj=context)
    labels = _Labels(request)
    to_url = request.physicalPathToURL

    def item(catalog, rid: int) -> dict:
        meta = catalog.getMetadataForRID(rid)
        state = meta.get("review_state") or ""
        assigned_to = meta.get("assigned_to") or ""
        return _search.summary(
            meta,
            to_url(catalog.getpath(rid)),
            labels.state(state) if isinstance(state, str) else "",
            labels.fullname(assigned_to) if isinstance(assigned_to, str) else "",
        )

    return _search.search(criteria, userid, roles, factory=item)
