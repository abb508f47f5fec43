"""New online dossiers: indexed just after their submission commits.

An online submission used to index its new dossier and its files in the
dossier catalog inside its own transaction.  Under concurrent submissions
those index writes (new lexicon words, path and applicant-key buckets that
split) conflicted, and Zope retried the *whole* POST: form parsing, the PDF,
the validation, the creation.  Now (issue #15):

* the submission's transaction creates the dossier and its files, records
  the form's submission token in :func:`tokens` (token → dossier path, so a
  double click or a retry still finds the first dossier at once) and puts
  the dossier's path in the persistent queue :func:`queue` (a
  ``zc.queue.Queue``: concurrent puts and pulls of different items resolve
  their conflicts);
* the dossier catalog's queue processor
  (:class:`~luanthanh.policy.dossiers.catalog_tool.DossierCatalogProcessor`)
  asks :func:`intercept` before it indexes: in a transaction marked by
  :func:`defer_new_dossiers`, a dossier that is not catalogued yet, and
  everything inside it, is queued instead of indexed;
* the same objects get no IntId yet: their key reference
  (:func:`key_reference`, five.intid's for any other object) answers
  ``NotYet``, which five.intid's subscriber takes as "register later".  So
  the submission writes neither ``intids`` nor the zc.relation catalog
  (z3c.relationfield catalogues the dossier → procedure relation when the
  dossier gets its IntId);
* once the submission has committed,
  :mod:`luanthanh.policy.dossiers.followup` registers the IntIds (and so
  the relation) and indexes the queued dossiers in a short transaction of
  its own, retried on its own when it conflicts.

Nothing is lost: the queue is written in the submission's transaction, so a
committed dossier is either catalogued or still queued.  A queued dossier
that its own follow-up could not index is indexed by the next submission's
follow-up (:data:`~luanthanh.policy.dossiers.followup.STALE_SECONDS`), by
:func:`~luanthanh.policy.dossiers.followup.index_pending` or by a rebuild of
the dossier catalog.

This module only keeps the records; it never touches the catalog itself.
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from five.intid.intid import addIntIdSubscriber
from five.intid.keyreference import KeyReferenceToPersistent
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import IDossierCatalogTool
from plone.dexterity.interfaces import IDexterityContent
from zc.queue import Queue
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import implementer
from zope.intid.interfaces import IIntIds
from zope.keyreference.interfaces import IKeyReference
from zope.keyreference.interfaces import NotYet
from zope.lifecycleevent import ObjectAddedEvent

import time
import transaction


#: Attributes of the dossier catalog tool.
QUEUE_ATTRIBUTE = "_luanthanh_pending_index"
TOKENS_ATTRIBUTE = "_luanthanh_submission_tokens"
#: The request annotation listing what this request deferred.
REQUEST_KEY = "luanthanh.policy.deferred_dossiers"


class TokenRegistry(OOBTree):
    """submission token → dossier path.

    Two inserts of different keys into the same bucket merge; a bucket that
    splits does not (ZODB raises ConflictError, and Zope retries the whole
    submission).  The tokens are random, so larger buckets than OOBTree's 30
    keys split, and conflict, that much less often.
    """

    max_leaf_size = 250


class _Mark:
    """The key of our record in a transaction's data (``Transaction.data``)."""


_MARK = _Mark()


# Storage on the dossier catalog tool ---------------------------------------


def install(tool) -> None:
    """Give the dossier catalog tool its queue and token registry."""
    base = aq_base(tool)
    if not isinstance(getattr(base, QUEUE_ATTRIBUTE, None), Queue):
        setattr(base, QUEUE_ATTRIBUTE, Queue())
    if not isinstance(getattr(base, TOKENS_ATTRIBUTE, None), TokenRegistry):
        setattr(base, TOKENS_ATTRIBUTE, TokenRegistry())


def _structure(tool, attribute: str, create: bool):
    """The tool's structure ``attribute``, installed first if ``create``."""
    if create and getattr(aq_base(tool), attribute, None) is None:
        install(tool)
    return getattr(aq_base(tool), attribute, None)


def queue(tool, create: bool = False):
    """The queue of dossier paths waiting for the catalog (None if none yet)."""
    return _structure(tool, QUEUE_ATTRIBUTE, create)


def tokens(tool, create: bool = False):
    """submission token → path of the dossier it made (None if none yet)."""
    return _structure(tool, TOKENS_ATTRIBUTE, create)


def register_token(tool, token: str, dossier) -> None:
    """Remember, in the submission's transaction, which dossier ``token`` made.

    Two posts of the same token (a double click) that run at the same time
    both insert the key: ZODB refuses to merge that, one of them is retried
    and then finds the other's dossier."""
    if token:
        tokens(tool, create=True)[token] = "/".join(dossier.getPhysicalPath())


def path_for_token(tool, token: str) -> str | None:
    registry = tokens(tool)
    if not token or registry is None:
        return None
    return registry.get(token)


def queued_paths(tool) -> list[str]:
    found = queue(tool)
    return [path for path, _when in found] if found is not None else []


def queued_path_named(tool, name: str) -> str | None:
    """The queued dossier path whose last step is ``name``, else None: a
    dossier committed whose follow-up has not indexed it yet."""
    for path in queued_paths(tool):
        if path.rsplit("/", 1)[-1] == name:
            return path
    return None


# The submission's transaction ------------------------------------------------


def defer_new_dossiers() -> None:
    """Index the dossiers this transaction creates after it has committed."""
    txn = transaction.get()
    try:
        txn.data(_MARK)
    except KeyError:
        txn.set_data(_MARK, set())


def _deferred_paths() -> set | None:
    try:
        return transaction.get().data(_MARK)
    except KeyError:
        return None


def _dossier_of(obj):
    for item in aq_chain(obj):
        if IDossier.providedBy(item):
            return item
    return None


def intercept(obj, tool) -> bool:
    """Whether the catalog should leave ``obj`` for later (and it is queued).

    Only in a transaction marked by :func:`defer_new_dossiers`, and only for
    a dossier that is not in ``tool`` yet and what lies inside it: a change
    to a catalogued dossier is always indexed at once.
    """
    paths = _deferred_paths()
    if paths is None:
        return False
    dossier = _dossier_of(obj)
    if dossier is None:
        return False
    path = "/".join(dossier.getPhysicalPath())
    if path in paths:
        return True
    if tool.getrid(path) is not None:
        return False
    paths.add(path)
    queue(tool, create=True).put((path, time.time()))
    request = getRequest()
    if request is not None:
        IAnnotations(request).setdefault(REQUEST_KEY, []).append(path)
    return True


@adapter(IDexterityContent)
@implementer(IKeyReference)
def key_reference(obj):
    """five.intid's key reference, except for a new online dossier and what
    lies inside it while its submission's transaction runs: ``NotYet``
    (five.intid then registers no IntId; the follow-up does)."""
    if _deferred_paths() is not None:
        tool = queryUtility(IDossierCatalogTool)
        if tool is not None and intercept(obj, tool):
            raise NotYet(obj)
    return KeyReferenceToPersistent(obj)


def register_ids(obj) -> None:
    """Give ``obj`` and what lies inside it the IntIds their creation left
    for later, as five.intid would have (z3c.relationfield then catalogues
    their relations).  Outside a deferring transaction only."""
    intids = queryUtility(IIntIds)
    if intids is None:
        return
    if intids.queryId(obj) is None:
        addIntIdSubscriber(obj, ObjectAddedEvent(obj, aq_parent(obj), obj.getId()))
    for child in getattr(obj, "objectValues", list)():
        if IDexterityContent.providedBy(child):
            register_ids(child)
