"""Open a stored site with today's code, upgrade it and use it.

Run as ``zconsole run <zope.conf> tests/upgrades/check_stored_site.py
[NAMES.json]`` (``stored_site.run_check`` does); ``app`` is the Zope root.
Prints one line ``STORED_SITE {json}`` that the test asserts on.

What it does, in this order:

1. **Every stored name imports.**  Reads every record of the storage (not
   only what a page would load): the class of each persistent object and
   every global a pickle refers to (classes, interfaces in ``__provides__``
   of a folder, settings interfaces of registry fields, a lexicon's
   pipeline...), and imports each one.  A name that no longer imports is
   what a moved module breaks: it is listed in ``unimportable`` (and, if no
   upgrade step migrated the objects away, in
   ``unimportable_after_upgrade``).  Dotted names kept as *strings* (the
   FTIs' ``klass`` and ``schema``, registry interface names, form models...)
   are listed too; those that resolved when the fixture was made
   (``NAMES.json``) and that the site still holds after the upgrade must
   still resolve (``unresolved_names``).
2. **The upgrade.**  Runs the pending upgrade steps of
   ``luanthanh.policy:default``; the profile ends at the version of its
   ``metadata.xml``.
3. **Every object loads.**  Walks the database from the root by references
   and loads each object through the connection: none may be broken
   (``ZODB.broken.Broken``) nor fail to load.  The dossiers, their files and
   blobs, history, apologies, access logs, the code counters, the procedures
   and the login throttle plugin are then read attribute by attribute.
4. **The site works.**  Renders one dossier's ``@@view`` as Manager, fires
   ``accept`` on the stored dossier in ``intake`` as the one-stop official,
   and creates a new dossier (its code comes from the stored counters).

Only ``plone.api``, the workflow tool and stored data are used here, never
the add-on's own modules: this script must keep working while they move.
"""

from AccessControl.SecurityManagement import newSecurityManager
from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.catalog import misplaced
from pathlib import Path
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Testing.makerequest import makerequest
from z3c.relationfield import RelationValue
from ZODB.broken import Broken
from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from ZODB.utils import get_pickle_metadata
from ZODB.utils import oid_repr
from ZODB.utils import z64
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
from zope.intid.interfaces import IIntIds
from zope.schema import getFieldsInOrder
from zope.traversing.interfaces import BeforeTraverseEvent

import _compat_pickle
import collections
import importlib
import io
import json
import pickletools
import re
import sys
import time
import traceback
import transaction
import zope.event


PROFILE = "luanthanh.policy:default"
SITE_ID = "Plone"
PREFIX = "luanthanh."
DOTTED = re.compile(r"luanthanh\.policy(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
STRING_OPS = {
    "SHORT_BINUNICODE",
    "BINUNICODE",
    "BINUNICODE8",
    "UNICODE",
    "SHORT_BINSTRING",
    "BINSTRING",
    "STRING",
    "SHORT_BINBYTES",
    "BINBYTES",
    "BINBYTES8",
}
COUNTERS_KEY = "luanthanh.policy.dossier_sequences"
AUDIT_KEY = "luanthanh.policy.audit"
PLUGIN_ID = "luanthanh_login_throttle"

started = time.monotonic()
summary: dict = {"errors": []}


def note_error(where: str) -> None:
    summary["errors"].append(f"{where}: {traceback.format_exc(limit=6)}")


# 1. Every stored name ---------------------------------------------------------


def pickle_names(data: bytes) -> tuple[set[str], set[str]]:
    """(globals, luanthanh dotted strings) referred to by one ZODB record.

    A record is two pickles: the class, then the state.
    """
    globals_, strings = set(), set()
    stream = io.BytesIO(data)
    while stream.tell() < len(data):
        stack: list = []
        memo: dict = {}
        for opcode, arg, _pos in pickletools.genops(stream):
            name = opcode.name
            if name == "GLOBAL" or name == "INST":
                module, _sep, attr = arg.partition(" ")
                globals_.add(f"{module}:{attr}")
                stack.append(None)
            elif name == "STACK_GLOBAL":
                module, attr = stack[-2], stack[-1]
                globals_.add(f"{module}:{attr}")
                stack.append(None)
            elif name in STRING_OPS:
                text = arg.decode("latin-1") if isinstance(arg, bytes) else arg
                if "luanthanh" in text:
                    strings.update(DOTTED.findall(text))
                stack.append(text)
            elif name in ("BINPUT", "LONG_BINPUT", "PUT"):
                memo[arg] = stack[-1] if stack else None
            elif name == "MEMOIZE":
                memo[len(memo)] = stack[-1] if stack else None
            elif name in ("BINGET", "LONG_BINGET", "GET"):
                stack.append(memo.get(arg))
            elif name == "STOP":
                break
            else:
                stack.append(None)
    return globals_, strings


def resolve(module: str, attr: str):
    """Import ``module`` and get ``attr`` (dotted for nested classes)."""
    if (module, attr) in _compat_pickle.NAME_MAPPING:
        module, attr = _compat_pickle.NAME_MAPPING[(module, attr)]
    elif module in _compat_pickle.IMPORT_MAPPING:
        module = _compat_pickle.IMPORT_MAPPING[module]
    obj = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def resolves(dotted: str) -> bool:
    """Whether a dotted name stored as a string names a module or an object."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                obj = getattr(obj, part)
        except AttributeError:
            return False
        return True
    return False


def unimportable_of(all_globals: set[str]) -> list[str]:
    unimportable = []
    for ref in sorted(all_globals):
        module, _sep, attr = ref.partition(":")
        try:
            resolve(module, attr)
        except Exception as error:  # ImportError, AttributeError...
            unimportable.append(f"{module}.{attr} ({type(error).__name__})")
    return unimportable


def walk_records(storage) -> None:
    """Every record of the storage file, as the fixture stored it."""
    record_classes = collections.Counter()
    all_globals: set[str] = set()
    holders: dict[str, set[str]] = collections.defaultdict(set)
    strings: set[str] = set()
    records = 0
    for txn in storage.iterator():
        for record in txn:
            if record.data is None:
                continue
            records += 1
            module, name = get_pickle_metadata(record.data)
            record_classes[f"{module}.{name}"] += 1
            found, text = pickle_names(record.data)
            all_globals |= found
            for ref in found:
                if ref.startswith(PREFIX):
                    holders[ref.replace(":", ".")].add(f"{module}.{name}")
            strings |= text
    unimportable = unimportable_of(all_globals)
    summary["records"] = records
    summary["classes"] = len(record_classes)
    summary["luanthanh_classes"] = {
        name: count for name, count in sorted(record_classes.items()) if PREFIX in name
    }
    summary["luanthanh_globals"] = sorted(
        ref.replace(":", ".") for ref in all_globals if ref.startswith(PREFIX)
    )
    summary["luanthanh_globals_held_by"] = {
        ref: sorted(classes) for ref, classes in sorted(holders.items())
    }
    summary["unimportable"] = unimportable
    summary["luanthanh_strings"] = sorted(strings)
    summary["resolving_strings"] = sorted(s for s in strings if resolves(s))


def check_names(path: Path) -> None:
    """The dotted strings that resolved when the fixture was made and that
    the current records (after the upgrade) still hold must still resolve.

    An upgrade step may rewrite such a string (an FTI's ``klass``...): then
    it is listed in ``names_rewritten``, not checked.
    """
    stored = json.loads(path.read_text(encoding="utf-8"))
    wanted = set(stored.get("resolving_strings", ()))
    current = set(summary.get("current_strings", ()))
    summary["names_checked"] = len(wanted & current)
    summary["names_rewritten"] = sorted(wanted - current)
    summary["unresolved_names"] = sorted(
        name for name in wanted & current if not resolves(name)
    )


# 3. Every object loads --------------------------------------------------------


def class_name(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__name__}"


def load_everything(connection) -> None:
    storage = connection.db().storage
    seen = {z64}
    queue = collections.deque([z64])
    broken, failed, missing = set(), [], []
    current_globals: set[str] = set()
    current_strings: set[str] = set()
    while queue:
        oid = queue.popleft()
        try:
            data, _serial = storage.load(oid)
        except POSKeyError:
            missing.append(oid_repr(oid))
            continue
        found, text = pickle_names(data)
        current_globals |= found
        current_strings |= text
        for ref in referencesf(data):
            if ref not in seen:
                seen.add(ref)
                queue.append(ref)
        try:
            obj = connection.get(oid)
            obj._p_activate()
            if isinstance(obj, Broken):
                broken.add(class_name(obj))
                continue
            state = obj.__getstate__()
            for value in _values(state):
                if isinstance(value, Broken) or (
                    isinstance(value, type) and issubclass(value, Broken)
                ):
                    broken.add(
                        class_name(value)
                        if not isinstance(value, type)
                        else f"{value.__module__}.{value.__name__}"
                    )
        except Exception as error:
            failed.append(f"{oid_repr(oid)}: {type(error).__name__}: {error}")
        if len(seen) % 5000 == 0:
            connection.cacheGC()
    summary["objects_loaded"] = len(seen) - len(missing)
    # After the upgrade: what the current revisions still refer to.  A name
    # that does not import before the upgrade is only fine if an upgrade
    # step migrated every object away from it.
    summary["unimportable_after_upgrade"] = unimportable_of(current_globals)
    summary["current_strings"] = sorted(current_strings)
    summary["broken"] = sorted(broken)
    summary["load_errors"] = failed[:50]
    summary["missing"] = missing[:50]


def _values(state, depth: int = 0):
    """Non-persistent values inside a state (where a Broken class may hide)."""
    if depth > 4:
        return
    if isinstance(state, dict):
        items = list(state.values()) + list(state.keys())
    elif isinstance(state, (list, tuple, set, frozenset)):
        items = list(state)
    else:
        return
    for value in items:
        yield value
        if getattr(value, "_p_oid", None) is None:
            yield from _values(value, depth + 1)


def read_blob(named_file) -> int:
    with named_file.open() as f:
        return len(f.read())


def read_dossiers(site) -> dict:
    folder = site["ho-so"]
    states = collections.Counter()
    details = {
        "history_entries": 0,
        "apologies": 0,
        "supplement_requests": 0,
        "ratings": 0,
        "files": 0,
        "blob_bytes": 0,
        "access_logs": 0,
        "access_entries": 0,
        "relations": 0,
    }
    for dossier in folder.objectValues():
        if dossier.portal_type != "Dossier":
            continue
        states[api.content.get_state(dossier)] += 1
        for name in (
            "code",
            "title",
            "applicant_name",
            "applicant_phone",
            "channel",
            "priority",
            "submitted_at",
            "received_at",
            "due_date",
            "resolved_at",
            "closed_at",
            "returned_at",
            "timeliness",
            "assigned_to",
            "form_data",
            "consent_text",
            "rating_comment",
            "rated_at",
        ):
            getattr(dossier, name, None)
        for entry in dossier.history or ():
            assert entry["action"] and entry["time"], entry
            details["history_entries"] += 1
        details["apologies"] += len(getattr(dossier, "apologies", None) or ())
        if getattr(dossier, "supplement_request", None):
            details["supplement_requests"] += 1
        if dossier.rating:
            details["ratings"] += 1
        relation = dossier.procedure
        if relation is not None and relation.to_object is not None:
            details["relations"] += 1
        if dossier.result_file is not None:
            details["blob_bytes"] += read_blob(dossier.result_file)
        for item in dossier.objectValues():
            details["files"] += 1
            details["blob_bytes"] += read_blob(item.file)
        log = IAnnotations(dossier).get(AUDIT_KEY)
        if log is not None:
            details["access_logs"] += 1
            details["access_entries"] += len(log.items())
    details["states"] = dict(sorted(states.items()))
    counters = IAnnotations(folder).get(COUNTERS_KEY) or {}
    details["counters"] = {day: counter.value for day, counter in counters.items()}
    return details


def read_procedures(site) -> dict:
    count, documents = 0, 0
    for brain in api.content.find(portal_type="Procedure", unrestricted=True):
        procedure = brain._unrestrictedGetObject()
        for name in ("code", "title", "field", "processing_days", "online_level"):
            getattr(procedure, name, None)
        documents += len(getattr(procedure, "required_documents", None) or ())
        count += 1
    return {"procedures": count, "required_documents": documents}


def read_forms(site) -> dict:
    """The online forms: their stored models parse (field and action types
    are looked up by name, e.g. ``luanthanh.policy.actions.CreateDossier``)."""
    forms, actions = 0, collections.Counter()
    for brain in api.content.find(portal_type="EasyForm", unrestricted=True):
        form = brain._unrestrictedGetObject()
        get_schema(form)
        for action in getFieldsInOrder(get_actions(form)):
            actions[f"{type(action[1]).__module__}.{type(action[1]).__name__}"] += 1
        forms += 1
    return {"forms": forms, "action_classes": dict(sorted(actions.items()))}


def read_plugin(site) -> dict:
    pas = site.acl_users
    plugin = pas[PLUGIN_ID]
    active = pas.plugins.listPluginIds(IAuthenticationPlugin)
    return {
        "class": class_name(plugin.aq_base),
        "title": plugin.title,
        "first": bool(active) and active[0] == PLUGIN_ID,
        # No password attempt: the plugin lets the others decide.
        "answers": plugin.authenticateCredentials({"login": "x"}),
    }


# 4. The site works ------------------------------------------------------------


def render_view(app, site, dossier) -> dict:
    request = app.REQUEST
    request["PARENTS"] = [site, app]
    request["ACTUAL_URL"] = dossier.absolute_url()
    request["URL"] = dossier.absolute_url()
    zope.event.notify(BeforeTraverseEvent(site, request))  # the browser layers
    html = dossier.restrictedTraverse("@@view")()
    return {
        "bytes": len(html),
        "has_code": dossier.code in html,
        "has_name": dossier.applicant_name in html,
    }


def fire_and_create(site, procedure_uid: str) -> dict:
    folder = site["ho-so"]
    wf = api.portal.get_tool("portal_workflow")
    intake = [
        d
        for d in folder.objectValues()
        if d.portal_type == "Dossier" and api.content.get_state(d) == "intake"
    ]
    dossier = intake[0]
    history = len(dossier.history or ())
    with api.env.adopt_user(username="motcua"):
        wf.doActionFor(dossier, "accept", comment="")
    transaction.commit()
    result = {
        "code": dossier.code,
        "state": api.content.get_state(dossier),
        "history_added": len(dossier.history) - history,
        "due_date": dossier.due_date.isoformat() if dossier.due_date else None,
        "assigned_to": dossier.assigned_to,
    }
    procedure = api.content.get(UID=procedure_uid)
    intids = getUtility(IIntIds)
    with api.env.adopt_roles(["Manager"]):
        new = api.content.create(
            container=folder,
            type="Dossier",
            title="Hồ sơ mới",  # the id and title come from the code
            procedure=RelationValue(intids.getId(procedure)),
            applicant_name="Lê Thị Mai",
            applicant_phone="0900034567",
            channel="direct",
        )
    transaction.commit()
    result["new_code"] = new.code
    result["new_state"] = api.content.get_state(new)
    return result


def read_catalogs(site) -> dict:
    """Where the dossiers and their attachments are indexed (after 1009: in
    the dossier catalog only)."""
    processQueue()
    dossiers = [d for d in site["ho-so"].objectValues() if d.portal_type == "Dossier"]
    files = sum(
        1 for d in dossiers for o in d.objectValues() if o.portal_type == "File"
    )
    return {
        "dossiers": len(dossiers),
        "files": files,
        "indexed_dossiers": len(find_unrestricted(portal_type="Dossier")),
        "indexed_files": len(find_unrestricted(portal_type="File")),
        "misplaced": misplaced(),
    }


def main(app, argv: list[str]) -> None:
    connection = app._p_jar
    storage = connection.db().storage
    try:
        walk_records(storage)
    except Exception:
        note_error("walk_records")

    app = makerequest(app, environ={"HTTP_ACCEPT_LANGUAGE": "vi"})
    app.REQUEST["LANGUAGE"] = app.REQUEST["I18N_LANGUAGE"] = "vi"
    setRequest(app.REQUEST)
    site = app[SITE_ID]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))

    setup = api.portal.get_tool("portal_setup")
    before = setup.getLastVersionForProfile(PROFILE)
    summary["profile_before"] = ".".join(before) if before else None
    summary["pending_steps"] = [
        f"{step['ssource']}→{step['sdest']}" for step in setup.listUpgrades(PROFILE)
    ]
    try:
        setup.upgradeProfile(PROFILE)
        transaction.commit()
    except Exception:
        note_error("upgradeProfile")
        transaction.abort()
    after = setup.getLastVersionForProfile(PROFILE)
    summary["profile_after"] = ".".join(after) if after else None
    summary["profile_latest"] = setup.getVersionForProfile(PROFILE)
    summary["pending_after"] = len(setup.listUpgrades(PROFILE))

    try:
        load_everything(connection)
    except Exception:
        note_error("load_everything")
    names = [arg for arg in argv if arg.endswith(".json")]
    if names:
        try:
            check_names(Path(names[-1]))
        except Exception:
            note_error("check_names")
    for key, reader in (
        ("dossiers", read_dossiers),
        ("procedures", read_procedures),
        ("forms", read_forms),
        ("plugin", read_plugin),
    ):
        try:
            summary[key] = reader(site)
        except Exception:
            note_error(key)

    folder = site["ho-so"]
    dossier = next(
        d
        for d in folder.objectValues()
        if d.portal_type == "Dossier" and api.content.get_state(d) == "processing"
    )
    procedure_uid = dossier.procedure.to_object.UID()
    try:
        summary["view"] = render_view(app, site, dossier)
    except Exception:
        note_error("render_view")
    try:
        summary["transition"] = fire_and_create(site, procedure_uid)
    except Exception:
        note_error("fire_and_create")
        transaction.abort()
    try:
        summary["catalogs"] = read_catalogs(site)
    except Exception:
        note_error("catalogs")
    summary["seconds"] = round(time.monotonic() - started, 1)


if __name__ == "__main__":
    _app = globals()["app"]  # bound by zconsole
    try:
        main(_app, sys.argv[1:])
    except Exception:
        note_error("main")
    print("STORED_SITE " + json.dumps(summary, ensure_ascii=False, default=str))
    sys.stdout.flush()
    _app._p_jar.db().close()
