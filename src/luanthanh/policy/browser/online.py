"""Online submission pages: the procedures open online, the thank-you page.

``@@nop-ho-so`` (default view of the ``nop-ho-so`` section in the demo) lists
the procedures whose online level is full or partial, from the catalog, with
a link to each one's form when a form is linked and the visitor may open it.

The thank-you page: easyform renders it in the response to the POST, with
the form's ``thankstitle``, ``thanksdescription`` and the answers
(``showAll``/``showFields``).  We register the EasyForm ``view`` again for
our browser layer with a form whose thank-you template first shows the
dossier the "Tạo hồ sơ" action made: its code, the expected processing time
and the status lookup link, read from the request
(:func:`luanthanh.policy.easyform.receipt.receipt`), then the printable
"Phiếu xác nhận nộp hồ sơ trực tuyến" (code, procedure, time, files
received, and the VietQR code of the fee when it is due and unpaid:
:mod:`luanthanh.policy.browser.payment_qr`) and the answers as a readable
summary by fieldset (:mod:`luanthanh.policy.easyform.summary`).  Nothing of
it has a URL of its own: it exists only in the response to the citizen's
POST.
"""

from collective.easyform.browser.view import EasyFormForm
from collective.easyform.browser.view import EasyFormFormWrapper
from luanthanh.policy.browser.payment_qr import PaymentQR
from luanthanh.policy.browser.procedures import Labels
from luanthanh.policy.browser.procedures import ProcedureSummary
from luanthanh.policy.easyform import forms
from luanthanh.policy.easyform import rendered
from luanthanh.policy.easyform.receipt import receipt
from luanthanh.policy.easyform.summary import sections
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IPrivateAnswer
from luanthanh.policy.vocabularies import field_pairs
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.schema import ValidationError


ONLINE_LEVELS = ["full", "partial"]


class OnlineEasyFormForm(EasyFormForm):
    """easyform's form, with the dossier on its thank-you page."""

    thank_you_template = ViewPageTemplateFile("templates/online_thanks.pt")
    formErrorsMessage = _(
        "error_form_status",
        default="Biểu mẫu chưa gửi được: vui lòng xem và sửa các mục có thông báo lỗi.",
    )

    @property
    def schema(self):
        """The form's schema, parsed once per request.

        easyform parses the form's XML model (plone.supermodel) on every
        access of ``schema``: about thirty times for one submission, two
        thirds of its CPU (``make bench-profile``).  The parsed schema is
        tagged with this form object, so it is kept for one request (on the
        view, and in the request for the "Tạo hồ sơ" action:
        :func:`luanthanh.policy.easyform.forms.schema`), never shared
        between requests or threads.
        """
        schema = self.__dict__.get("_parsed_schema")
        if schema is None:
            schema = self._parsed_schema = forms.schema(self.context)
        return schema

    def update(self):
        # The form carries a signed stamp for one citizen, and its thank-you
        # page the new dossier's code: no cache may keep either
        # (Cache-Control set by security/headers.py).
        alsoProvides(self.request, IPrivateAnswer)
        super().update()

    def render(self):
        """The empty form's markup is made once per form version and reused,
        with a fresh stamp (:mod:`luanthanh.policy.easyform.rendered`)."""
        return rendered.render(self, super().render)

    def setErrorsMessage(self, errors):
        """easyform's, with an action's error for a field of a fieldset (a
        group: the postal address of the result) beside that field too;
        easyform looks at the first fieldset's widgets only."""
        for group in getattr(self, "groups", ()):
            for name, message in errors.items():
                widget = group.widgets.get(name)
                if widget is None or name in self.widgets:
                    continue
                error = ValidationError()
                error.doc = lambda message=message: message
                view = getMultiAdapter(
                    (error, self.request, widget, widget.field, group, self.context),
                    IErrorViewSnippet,
                )
                view.update()
                group.widgets.errors += (view,)
                widget.error = view
        super().setErrorsMessage(errors)

    def updateServerSideData(self, data):
        """easyform's hook before the thank-you page: keep the answers for
        the summary (this view lives for this one request)."""
        data = super().updateServerSideData(data)
        self._answers = data
        return data

    def receipt(self) -> dict | None:
        return receipt(self.request)

    def payment(self) -> str:
        """The VietQR box when the fee is known at submission and unpaid
        (:mod:`.payment_qr`)."""
        info = self.receipt() or {}
        return PaymentQR(self.context, self.request).render(info.get("fee"))

    def summary(self) -> list[dict]:
        """The answers by fieldset, readable (:mod:`..easyform.summary`)."""
        info = self.receipt() or {}
        answers = getattr(self, "_answers", None) or {}
        return sections(self, answers, info.get("files", []), self.request)


class OnlineEasyFormView(EasyFormFormWrapper):
    form = OnlineEasyFormForm


class OnlineProceduresView(BrowserView):
    """Nộp hồ sơ trực tuyến: the procedures that accept online submission."""

    index = ViewPageTemplateFile("templates/online_procedures.pt")

    def __call__(self):
        return self.index()

    def forms(self) -> dict[str, str]:
        """Procedure UID → URL of its online form, for forms the visitor sees."""
        urls = {}
        for relation in api.relation.get(relationship="form"):
            source, target = relation.from_object, relation.to_object
            if source is not None and target is not None:
                urls[api.content.get_uuid(source)] = target.absolute_url()
        return urls

    def groups(self) -> list[dict]:
        """The procedures by field, in the vocabulary's order."""
        labels = Labels(self.request)
        forms = self.forms()
        brains = api.content.find(
            portal_type="Procedure",
            online_level=ONLINE_LEVELS,
            sort_on="sortable_title",
        )
        by_field: dict[str, list] = {}
        for brain in brains:
            item = ProcedureSummary(brain, labels)
            by_field.setdefault(item.field, []).append(
                {"procedure": item, "form_url": forms.get(item.uid, "")}
            )
        groups = []
        for token, title in [*field_pairs(), *((t, t) for t in list(by_field))]:
            items = by_field.pop(token, None)
            if items:
                groups.append({"token": token, "title": title, "entries": items})
        return groups
