"""Which EasyForms create dossiers: those with an enabled "Tạo hồ sơ" action."""

from collective.easyform.api import get_actions
from luanthanh.policy.easyform.interfaces import ICreateDossier
from zope.schema import getFieldsInOrder


def dossier_actions(form) -> list:
    """The enabled "Tạo hồ sơ" actions of an EasyForm."""
    try:
        actions = get_actions(form)
    except Exception:  # a broken actions model: easyform reports it elsewhere
        return []
    return [
        action
        for _name, action in getFieldsInOrder(actions)
        if ICreateDossier.providedBy(action) and action.required
    ]
