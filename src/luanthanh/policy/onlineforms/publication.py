"""A generated form is public only while its procedure is published and
accepts online dossiers (``online_level`` full or partial).

:func:`sync_publication` runs after each workflow transition and each
modification of a procedure (subscribers in ``configure.zcml``), and after a
generation;
:func:`procedure_removed` makes the form private when its procedure is deleted.
Forms made by hand are left to their editors.
"""

from luanthanh.policy.config import logger
from plone import api
from zope.annotation.interfaces import IAnnotations


GENERATED_KEY = "luanthanh.policy.onlineforms.procedure"
ONLINE_LEVELS = ("full", "partial")


def linked_form(procedure):
    """The form the procedure's ``form`` relation points at, or None."""
    relation = getattr(procedure, "form", None)
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def should_be_public(procedure) -> bool:
    return (
        api.content.get_state(procedure, default=None) == "published"
        and getattr(procedure, "online_level", None) in ONLINE_LEVELS
    )


def sync_publication(procedure, form=None) -> str | None:
    """Publish or retract the procedure's generated form; its new state, or
    None when nothing changed."""
    form = form if form is not None else linked_form(procedure)
    if form is None or not IAnnotations(form).get(GENERATED_KEY):
        return None
    state = api.content.get_state(form, default=None)
    wanted = "published" if should_be_public(procedure) else "private"
    if state == wanted:
        return None
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=form, to_state=wanted)
    logger.info("Online form %s is now %s", form.absolute_url(1), wanted)
    return wanted


def procedure_changed(procedure, event=None) -> None:
    """Subscriber: a transition or a modification of a procedure."""
    sync_publication(procedure)


def procedure_removed(procedure, event) -> None:
    """Subscriber: a procedure deleted takes its generated form off the site
    (made private, kept for its editors; the form's answers are the dossiers')."""
    if event.object is not procedure:  # its folder or the site goes with it
        return
    form = linked_form(procedure)
    if form is None or not IAnnotations(form).get(GENERATED_KEY):
        return
    if api.content.get_state(form, default=None) == "private":
        return
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=form, to_state="private")
    logger.info(
        "Online form %s is now private: procedure deleted", form.absolute_url(1)
    )
