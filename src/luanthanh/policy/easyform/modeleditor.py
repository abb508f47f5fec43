"""easyform's XML model editors of fields and actions (``@@modeleditor``).

The same editors, with the code guard
(:func:`luanthanh.policy.easyform.model_guard.check`) between easyform's
checks and the save: a model with code the user may not write is not saved,
and the editor says why, in Vietnamese.
"""

from Acquisition import aq_parent
from collective.easyform.browser.actions import ModelEditorView as ActionsEditor
from collective.easyform.browser.fields import ModelEditorView as FieldsEditor
from luanthanh.policy.easyform import model_guard
from luanthanh.policy.i18n import translated
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage


class GuardedSave:
    """``save`` checks the new model against the form's committed models."""

    model = ""  # "fields_model" or "actions_model"

    def save(self, source):
        form = aq_parent(self.context)
        after = dict(model_guard.current_models(form), **{self.model: source})
        try:
            model_guard.check(form, after=after)
        except model_guard.CodeRefused as error:
            IStatusMessage(self.request).addStatusMessage(
                translated(error.message, self.request), "error"
            )
            return
        super().save(source)


class ShowEditor(BrowserView):
    """What easyform's editor calls after a refused model: the editor again.

    (easyform registers its editors with ``template=``, which gives them
    this ``__call__``; ours reuse easyform's ``template``.)
    """

    def __call__(self):
        return self.template()


class FieldsModelEditor(GuardedSave, FieldsEditor, ShowEditor):
    model = "fields_model"


class ActionsModelEditor(GuardedSave, ActionsEditor, ShowEditor):
    model = "actions_model"
