"""The LegalDocument type, its section folder, fields, PDF check and indexes."""

from datetime import date
from luanthanh.policy.content.legal_document import ILegalDocument
from luanthanh.policy.content.legal_document import is_pdf
from luanthanh.policy.content.legal_document import LegalDocumentFolder
from luanthanh.policy.content.legal_document import NotAPdf
from luanthanh.policy.setuphandlers.pdf import make_pdf
from luanthanh.policy.testing.builders import make_document
from luanthanh.policy.testing.builders import pdf_file
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component import getUtility
from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IVocabularyFactory

import pytest


def test_section_is_a_document_folder(portal):
    section = portal["van-ban"]
    assert section.portal_type == "LegalDocumentFolder"
    assert isinstance(section.aq_base, LegalDocumentFolder)
    assert api.content.get_state(section) == "published"
    with api.env.adopt_roles(["Manager"]):
        allowed = [t.getId() for t in section.allowedContentTypes()]
    assert allowed == ["LegalDocument"]
    assert section.getLayout() == "danh-sach-van-ban"


def test_fields(portal):
    names = [name for name, _field in getFieldsInOrder(ILegalDocument)]
    assert names == [
        "document_number",
        "document_type",
        "issued_date",
        "effective_from",
        "issuer",
        "signer",
        "summary",
        "file",
        "related_procedures",
    ]


def test_document_types_vocabulary(portal):
    vocabulary = getUtility(IVocabularyFactory, "luanthanh.policy.document_types")(
        portal
    )
    assert [t.title.default for t in vocabulary] == [
        "Quyết định",
        "Kế hoạch",
        "Thông báo",
        "Công văn",
        "Chỉ thị",
        "Quy chế",
        "Báo cáo",
    ]


def test_document_only_in_its_section(portal):
    fti = api.portal.get_tool("portal_types")["LegalDocument"]
    assert not fti.global_allow
    with api.env.adopt_roles(["Manager"]), pytest.raises(api.exc.InvalidParameterError):
        api.content.create(
            container=portal["thong-bao"], type="LegalDocument", title="Lạc chỗ"
        )


def test_pdf_recognised_by_content():
    assert is_pdf(pdf_file())
    assert is_pdf(None)
    renamed = NamedBlobFile(b"MZ\x90\x00 not a pdf", filename="quyet-dinh.pdf")
    with pytest.raises(NotAPdf):
        is_pdf(renamed)
    html = NamedBlobFile(b"<html><script>", filename="a.pdf")
    with pytest.raises(NotAPdf):
        is_pdf(html)


def test_generated_pdf_is_well_formed():
    data = make_pdf(["Số: 15/QĐ-UBND", "Trích yếu (có ngoặc) và dấu \\"])
    assert data.startswith(b"%PDF-1.4")
    # The cross-reference table points at each object.
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref\n0 6\n")
    offsets = [int(line[:10]) for line in data[xref:].split(b"\n")[3:8]]
    for number, offset in enumerate(offsets, 1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert b"So: 15/QD-UBND" in data
    assert b"\\(co ngoac\\)" in data


def test_effective_not_before_issue(portal):
    class Data:
        issued_date = date(2025, 7, 21)
        effective_from = date(2025, 7, 1)

    with pytest.raises(Invalid):
        ILegalDocument.getTaggedValue("invariants")[0](Data())


def test_catalog_metadata_and_indexes(portal):
    make_document(portal, file=pdf_file())
    brain = api.content.find(portal_type="LegalDocument")[0]
    assert brain.document_number == "15/QĐ-UBND"
    assert brain.document_type == "quyet-dinh"
    assert brain.issued_date == date(2025, 7, 21)
    assert brain.issuer == "Ủy ban nhân dân xã Luận Thành"
    assert brain.document_summary.startswith("Về việc ban hành")
    assert brain.has_file is True
    assert api.content.find(document_year=2025, portal_type="LegalDocument")
    assert not api.content.find(document_year=2024, portal_type="LegalDocument")
    assert api.content.find(document_type="quyet-dinh")
    for text in ("15/QĐ-UBND", "15 qd ubnd", "QUY CHE HOAT DONG", "quyet dinh"):
        assert api.content.find(SearchableText=text, portal_type="LegalDocument"), text


def test_workflow_is_simple_publication(portal):
    document = make_document(portal, state="private")
    chain = api.portal.get_tool("portal_workflow").getChainFor(document)
    assert chain == ("simple_publication_workflow",)
    assert api.content.get_state(document) == "private"
