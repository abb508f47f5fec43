"""The action type "Tạo hồ sơ": picker, settings, XML of the actions model."""

from collective.easyform.api import get_actions
from collective.easyform.api import set_actions
from collective.easyform.interfaces import IActionFactory
from luanthanh.policy.easyform.actions import ACTION_TYPE
from luanthanh.policy.easyform.actions import CreateDossier
from luanthanh.policy.easyform.forms import dossier_actions
from luanthanh.policy.easyform.interfaces import ICreateDossier
from luanthanh.policy.setuphandlers.demo_form_xml import create_dossier_action
from luanthanh.policy.testing.builders import make_content
from plone import api
from plone.supermodel.interfaces import IFieldExportImportHandler
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import pytest


@pytest.fixture
def form(portal):
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=portal["nop-ho-so"], type="EasyForm", id="bieu-mau", title="Thử"
        )
    form.actions_model = create_dossier_action("1.004873")
    return form


def test_registered_like_easyforms_own():
    factory = getUtility(IActionFactory, name=ACTION_TYPE)
    assert factory.fieldcls is CreateDossier
    handler = getUtility(IFieldExportImportHandler, name=ACTION_TYPE)
    assert handler.klass is CreateDossier


def test_in_the_action_picker(portal):
    vocabulary = getUtility(IVocabularyFactory, name="EasyFormActions")
    with api.env.adopt_roles(["Manager"]):
        terms = list(vocabulary(portal))
    titles = [api.portal.translate(term.title) for term in terms]
    assert "Tạo hồ sơ" in titles
    [term] = [t for t in terms if t.value is getUtility(IActionFactory, ACTION_TYPE)]
    assert term.value.fieldcls is CreateDossier


def test_not_offered_to_editors(portal):
    vocabulary = getUtility(IVocabularyFactory, name="EasyFormActions")
    with api.env.adopt_roles(["Editor"]):
        values = [term.value.fieldcls for term in vocabulary(portal)]
    assert CreateDossier not in values


def test_defaults():
    action = getUtility(IActionFactory, name=ACTION_TYPE)(title="Tạo hồ sơ")
    assert ICreateDossier.providedBy(action)
    assert action.name_field == "ho_ten"
    assert action.id_number_field == "so_cccd"
    assert action.phone_field == "so_dien_thoai"
    assert action.email_field == "email"
    assert action.address_field == "dia_chi"
    assert action.consent_field == "dong_y"
    assert action.send_confirmation is True
    assert action.procedure_code is None


def test_read_from_xml(form):
    [action] = dossier_actions(form)
    assert action.procedure_code == "1.004873"
    assert action.name_field == "ho_ten"
    assert action.send_confirmation is True


def test_survives_saving_the_actions_model(form):
    """easyform rewrites the XML when an editor saves the actions."""
    actions = get_actions(form)
    actions["tao_ho_so"].procedure_code = "1.001731"
    actions["tao_ho_so"].send_confirmation = False
    actions["tao_ho_so"].email_field = "thu_dien_tu"
    set_actions(form, actions)
    assert f'type="{ACTION_TYPE}"' in form.actions_model
    [action] = dossier_actions(form)
    assert action.procedure_code == "1.001731"
    assert action.send_confirmation is False
    assert action.email_field == "thu_dien_tu"


def test_disabled_action_is_ignored(form):
    actions = get_actions(form)
    actions["tao_ho_so"].required = False
    set_actions(form, actions)
    assert dossier_actions(form) == []


def test_forms_without_the_action(portal):
    form = make_content(portal["nop-ho-so"], "EasyForm", id="lien-he", title="Liên hệ")
    assert dossier_actions(form) == []  # easyform's default: a Mailer
