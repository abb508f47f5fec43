"""Catalog set-up: the Vietnamese lexicon and our indexes."""

from luanthanh.policy.config import logger
from luanthanh.policy.dossiers import catalog_tool
from luanthanh.policy.dossiers.catalog_move import move_dossiers
from luanthanh.policy.dossiers.catalog_move import rebuild_index
from luanthanh.policy.indexers.textfolding import GROUP
from luanthanh.policy.indexers.textfolding import NAME
from luanthanh.policy.indexers.textfolding import VietnameseNormalizer
from plone import api
from Products.ZCTextIndex.PipelineFactory import element_factory


LEXICON = "plone_lexicon"
PLONE_NORMALIZER = "Unicode Ignoring Accents Case Normalizer"

OUR_INDEXES = (
    "procedure_code",
    "procedure_field",
    "online_level",
    "audience",
    "channels",
    "dossier_code",
    "channel",
    "priority",
    "received_at",
    "due_date",
    "resolved_at",
    "closed_at",
    "returned_at",
    "timeliness",
    "assigned_to",
    "submission_token",
    "rating",
    "document_number",
    "document_type",
    "document_year",
    "issued_date",
)


def _text_indexes_of(catalog, lexicon_id: str) -> list[str]:
    return [
        index.getId()
        for index in catalog.getIndexObjects()
        if index.meta_type == "ZCTextIndex"
        and getattr(index, "lexicon_id", None) == lexicon_id
    ]


def _set_normalizer(catalog, factory_name: str, predicate) -> bool:
    """Replace the case normalizer of plone_lexicon; reindex what uses it.

    Returns False when nothing had to change.
    """
    lexicon = catalog[LEXICON]
    pipeline = list(lexicon._pipeline)
    if any(predicate(element) for element in pipeline):
        return False
    new = element_factory.instantiate(GROUP, factory_name)
    pipeline = [
        new if element.__class__.__name__.endswith("Normalizer") else element
        for element in pipeline
    ]
    if new not in pipeline:
        pipeline.append(new)
    lexicon._pipeline = tuple(pipeline)
    indexes = _rebuild_text_indexes(catalog)
    logger.info("plone_lexicon now uses %s; reindexed %s", factory_name, indexes)
    return True


def _rebuild_text_indexes(catalog) -> list[str]:
    """Empty plone_lexicon and the text indexes that use it, then reindex
    them: the lexicon keeps no word of an object no longer cataloged."""
    catalog[LEXICON].clear()
    indexes = _text_indexes_of(catalog, LEXICON)
    for index_id in indexes:
        catalog._catalog.getIndex(index_id).clear()
    catalog.manage_reindexIndex(ids=indexes)
    return indexes


def use_vietnamese_lexicon() -> bool:
    """Fold Vietnamese accents in plone_lexicon (SearchableText, Title, ...)."""
    catalog = api.portal.get_tool("portal_catalog")
    return _set_normalizer(
        catalog, NAME, lambda element: isinstance(element, VietnameseNormalizer)
    )


def restore_plone_lexicon() -> bool:
    """Give plone_lexicon back Plone's own normalizer (used on uninstall)."""
    catalog = api.portal.get_tool("portal_catalog")
    return _set_normalizer(
        catalog,
        PLONE_NORMALIZER,
        lambda element: (
            not isinstance(element, VietnameseNormalizer)
            and element.__class__.__name__.endswith("Normalizer")
        ),
    )


def reindex_new_indexes() -> None:
    """Fill our indexes when they were just added (GenericSetup leaves them empty)."""
    catalog = api.portal.get_tool("portal_catalog")
    empty = [
        index_id
        for index_id in OUR_INDEXES
        if index_id in catalog.indexes()
        and not catalog._catalog.getIndex(index_id).numObjects()
    ]
    if empty:
        catalog.manage_reindexIndex(ids=empty)


def install_dossier_catalog(portal) -> int:
    """Create or complete ``portal_dossier_catalog`` and move dossiers into it.

    Returns how many objects moved out of ``portal_catalog`` (0 on a new site).
    """
    _tool, added = catalog_tool.install(portal)
    rebuild_index(added)
    moved = move_dossiers()
    if moved:
        # The words of the dossiers (names, and before 1009 phone numbers
        # and CCCDs) stay in portal_catalog's lexicon after they leave it.
        _rebuild_text_indexes(api.portal.get_tool("portal_catalog"))
    return moved


def uninstall_dossier_catalog(portal) -> None:
    catalog_tool.uninstall(portal)
