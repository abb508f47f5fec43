"""Directive documents (văn bản chỉ đạo, điều hành) and their section folder.

The field ids are the API (plone.restapi): keep them.  The date a document
takes effect is ``effective_from``, not ``effective_date``: that name is
Dublin Core's publication date in Plone (``plone.publication``), and a
future date there would hide the item from Anonymous in every catalog
search until that day.
"""

from luanthanh.policy.fields import optional_line
from luanthanh.policy.fields import PICK_PROCEDURES
from luanthanh.policy.fields import procedures
from luanthanh.policy.i18n import _
from luanthanh.policy.uploads import PDF
from luanthanh.policy.uploads import sniff
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class NotAPdf(schema.ValidationError):
    __doc__ = _(
        "error_document_not_pdf",
        default="Tệp văn bản phải là tệp PDF.",
    )


def is_pdf(value) -> bool:
    """A PDF recognised by its content (its first bytes), not by its name."""
    if value is None:
        return True
    if sniff(value.data[:8]) != PDF:
        raise NotAPdf(getattr(value, "filename", ""))
    return True


class ILegalDocument(model.Schema):
    """Văn bản chỉ đạo, điều hành."""

    document_number = schema.TextLine(
        title=_("label_document_number", default="Số ký hiệu"),
        description=_("help_document_number", default="Ví dụ: 15/QĐ-UBND."),
        required=True,
    )

    document_type = schema.Choice(
        title=_("label_document_type", default="Loại văn bản"),
        vocabulary="luanthanh.policy.document_types",
        required=True,
    )

    issued_date = schema.Date(
        title=_("label_issued_date", default="Ngày ban hành"),
        required=True,
    )

    effective_from = schema.Date(
        title=_("label_effective_from", default="Ngày có hiệu lực"),
        required=False,
    )

    issuer = schema.TextLine(
        title=_("label_issuer", default="Cơ quan ban hành"),
        required=True,
        default="Ủy ban nhân dân xã Luận Thành",
    )

    signer = optional_line(_("label_signer", default="Người ký"))

    summary = schema.Text(
        title=_("label_summary", default="Trích yếu"),
        required=True,
    )

    file = NamedBlobFile(
        title=_("label_document_file", default="Tệp văn bản (PDF)"),
        required=False,
        constraint=is_pdf,
    )

    directives.widget("related_procedures", pattern_options=PICK_PROCEDURES)
    related_procedures = procedures(
        _("label_related_procedures", default="Thủ tục hành chính liên quan")
    )

    @invariant
    def effective_after_issue(data):
        try:
            issued, effective = data.issued_date, data.effective_from
        except AttributeError:
            return
        if issued and effective and effective < issued:
            raise Invalid(
                _(
                    "error_effective_before_issue",
                    default="Ngày có hiệu lực không thể trước ngày ban hành.",
                )
            )


@implementer(ILegalDocument)
class LegalDocument(Item):
    """A directive document with its PDF."""


class ILegalDocumentFolder(model.Schema):
    """Văn bản chỉ đạo, điều hành: the section."""


@implementer(ILegalDocumentFolder)
class LegalDocumentFolder(Container):
    """The ``van-ban`` section: holds only LegalDocuments."""


__all__ = [
    "ILegalDocument",
    "ILegalDocumentFolder",
    "LegalDocument",
    "LegalDocumentFolder",
    "is_pdf",
]
