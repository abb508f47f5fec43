"""dossiers.search: what the search box's text finds, a whole code first."""

from luanthanh.policy.dossiers.codes import whole_code
from luanthanh.policy.dossiers.queries import DossierCatalog
from luanthanh.policy.dossiers.search import text_rids
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.testing.builders import make_dossier
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from Products.CMFCore.indexing import processQueue

import pytest


@pytest.mark.parametrize(
    "text,expected",
    [
        ("000.00.99.H56-251205-0001", "000.00.99.H56-251205-0001"),
        (" 000.00.99.h56-251205-0001 ", "000.00.99.H56-251205-0001"),
        ("000.00.99.H56 - 251205 - 0001", "000.00.99.H56-251205-0001"),
        ("H56-251205-12345", "H56-251205-12345"),
        ("251205-0001", ""),  # a part of a code: the full-text index
        ("Nguyễn Văn An", ""),
        ("0912345678", ""),
        ("000.00.99.H56-2512-0001", ""),
        ("000..00-251205-0001", ""),
        ("x" * 60 + "-251205-0001", ""),
        (None, ""),
    ],
)
def test_whole_code(text, expected):
    assert whole_code(text) == expected


def _codes(rids) -> set[str]:
    catalog = DossierCatalog().catalog
    return {catalog.getMetadataForRID(rid)["dossier_code"] for rid in rids}


@pytest.fixture
def same_words(portal, procedure):
    """Two dossiers whose codes hold the same words in another order (a
    dossier of another agency's numbering, as a historic import brings)."""
    ours = make_dossier(portal, procedure)
    other = make_dossier(portal, procedure, applicant_name="Trần Thị Bình")
    agency, day, number = ours.code.rsplit("-", 2)
    with api.env.adopt_roles(["Manager"]):
        other.code = f"{'.'.join(reversed(agency.split('.')))}-{day}-{number}"
        other.reindexObject()
    processQueue()
    # The searches are secured: as the commune's leader, who sees every dossier.
    login(portal, "lanhdao")
    yield ours, other
    logout()


@pytest.fixture
def queries(monkeypatch) -> list[dict]:
    """The catalog queries the search makes (each still runs)."""
    made = []
    real = DossierCatalog.rids

    def rids(self, **query):
        made.append(dict(query))
        return real(self, **query)

    monkeypatch.setattr(DossierCatalog, "rids", rids)
    return made


def test_a_whole_code_is_one_index_lookup(same_words, queries):
    # Not the full-text index: its words ("000", "00", "99", "h56", the day)
    # are in every dossier of the agency, a scan of the whole book.
    ours, _other = same_words
    found = text_rids(DossierCatalog(), f" {ours.code.lower()} ", {})
    assert _codes(found) == {ours.code}
    assert queries == [{"dossier_code": ours.code}]


def test_a_whole_code_finds_that_dossier_alone(same_words):
    ours, other = same_words
    dossiers = DossierCatalog()
    assert _codes(text_rids(dossiers, ours.code, {})) == {ours.code}
    assert _codes(text_rids(dossiers, ours.code.lower(), {})) == {ours.code}
    assert _codes(text_rids(dossiers, other.code, {})) == {other.code}


def test_words_still_find_both(same_words):
    # Positive control: the words of the code, not one whole code, go to the
    # full-text index, which finds both dossiers.
    ours, other = same_words
    words = ours.code.replace(".", " ").replace("-", " ")
    assert _codes(text_rids(DossierCatalog(), words, {})) == {ours.code, other.code}


def test_an_unknown_whole_code_falls_back_to_the_words(same_words, queries):
    ours, other = same_words
    agency, day, _number = ours.code.rsplit("-", 2)
    unknown = f"{agency}-{day}-99999"
    assert _codes(text_rids(DossierCatalog(), unknown, {})) == set()
    assert [sorted(q) for q in queries] == [["dossier_code"]] + [["SearchableText"]] * 2
    assert _codes(text_rids(DossierCatalog(), "Bình", {})) == {other.code}


def test_a_whole_code_keeps_the_other_filters(same_words):
    ours, _other = same_words
    query = {"review_state": ["processing"]}
    assert _codes(text_rids(DossierCatalog(), ours.code, query)) == set()
    query = {"review_state": ["intake"]}
    assert _codes(text_rids(DossierCatalog(), ours.code, query)) == {ours.code}


def test_the_search_boxes_keep_a_code_whole(same_words, queries):
    """The dashboard and ``@dossier-search`` clean their text first
    (``searchtext.clean_query``): the code's hyphens must survive it, or the
    code goes to the full-text index (13 s at a million dossiers)."""
    ours, _other = same_words
    cleaned = clean_query(f" {ours.code.lower()} ")
    assert cleaned == ours.code.lower()
    assert _codes(text_rids(DossierCatalog(), cleaned, {})) == {ours.code}
    assert queries == [{"dossier_code": ours.code}]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("-Bình", "Bình"),
        ("Bình -", "Bình"),
        ("a - b", "a b"),
        ("a--b", "a b"),
        ('(Bình) "An" NOT -x', "Bình An NOT x"),
    ],
)
def test_hyphens_outside_words_are_dropped(text, expected):
    """A leading hyphen is ZCTextIndex's NOT: never passed on."""
    assert clean_query(text) == expected


def test_a_hyphenated_name_still_finds_its_dossier(same_words):
    _ours, other = same_words
    found = text_rids(DossierCatalog(), clean_query("Trần-Thị Bình"), {})
    assert _codes(found) == {other.code}
