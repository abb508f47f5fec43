"""EasyForms over ``++api++``: saved data by the right permission, the code guard.

collective.easyform's serializer asks ``plone.api.user.has_permission`` for
``collective.easyform.DownloadSavedInput``, the permission's zope id, where
Zope and plone.api expect its title ("collective.easyform: Download Saved
Input").  For a Manager the check passes (an unknown permission belongs to
Manager), for everyone else plone.api raises "Cannot find a permission with
name 'collective.easyform.DownloadSavedInput'": no Editor could ``GET`` a form,
nor ``POST`` one (the answer to a ``POST`` serializes the new form).  Ours
checks the title.

The deserializer runs :func:`luanthanh.policy.easyform.model_guard.check` on
the models it has just set, so that ``POST`` and ``PATCH`` answer a refused
piece of code with plone.restapi's 400 ``DeserializationError`` (its message
in Vietnamese) and save nothing (the transaction is doomed: the publisher
aborts it).
"""

from collective.easyform.config import DOWNLOAD_SAVED_PERMISSION
from collective.easyform.interfaces import IEasyForm
from collective.easyform.serializer import DeserializeFromJson as EasyFormFromJson
from collective.easyform.serializer import SerializeToJson as EasyFormToJson
from luanthanh.policy.easyform import model_guard
from luanthanh.policy.easyform.interfaces import IEasyFormPolicyLayer
from luanthanh.policy.i18n import translated
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as DXContentToJson
from zope.component import adapter
from zope.interface import implementer

import transaction


@implementer(ISerializeToJson)
@adapter(IEasyForm, IEasyFormPolicyLayer)
class SerializeToJson(EasyFormToJson):
    def __call__(self, version=None, include_items=True):
        result = DXContentToJson.__call__(self, version, include_items)
        if model_guard.has_permission(DOWNLOAD_SAVED_PERMISSION, self.context):
            self.serializeSavedData(result)
        return result


@implementer(IDeserializeFromJson)
@adapter(IEasyForm, IEasyFormPolicyLayer)
class DeserializeFromJson(EasyFormFromJson):
    def __call__(self, validate_all=False, data=None, create=False):
        try:
            context = super().__call__(validate_all, data, create)
            model_guard.check(self.context)
        except model_guard.CodeRefused as error:
            # plone.restapi answers the error without raising it: the
            # publisher would commit what was set so far.
            transaction.doom()
            raise DeserializationError(
                translated(error.message, self.request)
            ) from error
        return context
