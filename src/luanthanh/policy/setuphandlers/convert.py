"""Turn a section created as a plain Folder into its own folder type, in place."""

from luanthanh.policy.config import logger


def convert_folder(container, obj_id: str, klass, portal_type: str) -> bool:
    """Give ``container[obj_id]`` a new class and portal_type, keeping the rest.

    The object keeps its id, UID, children, local roles and workflow history;
    the parent's reference is written again so that ZODB records the new
    class.  Returns False when there was nothing to do.
    """
    obj = container.get(obj_id)
    if obj is None or obj.portal_type == portal_type:
        return False
    base = obj.aq_base
    base.__class__ = klass
    base.portal_type = portal_type
    base._p_changed = True
    container._tree[obj_id] = base  # rewrite the reference with the new class
    container._p_changed = True
    converted = container[obj_id]
    converted.reindexObject()
    logger.info("Converted %s into a %s", obj_id, portal_type)
    return True
