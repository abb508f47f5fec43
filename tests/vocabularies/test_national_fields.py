"""The national list of lĩnh vực: a named vocabulary read from the registry."""

from luanthanh.policy.vocabularies import NATIONAL_FIELDS_RECORD
from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


def _vocabulary(portal):
    return getUtility(IVocabularyFactory, "luanthanh.policy.national_fields")(portal)


def test_seeded_with_the_national_catalogue(portal):
    vocabulary = _vocabulary(portal)
    assert vocabulary.getTerm("ho-tich").title == "Hộ tịch"
    assert vocabulary.getTerm("chung-thuc").title == "Chứng thực"
    assert vocabulary.getTerm("bao-tro-xa-hoi").title == "Bảo trợ xã hội"
    assert (
        vocabulary.getTerm("ho-kinh-doanh").title
        == "Thành lập và hoạt động của hộ kinh doanh"
    )
    assert "kinh-te" not in vocabulary  # a center group, not a national lĩnh vực


def test_follows_the_registry(portal):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(
            NATIONAL_FIELDS_RECORD, ["ho-tich|Hộ tịch", "tre-em|Trẻ em"]
        )
    assert [(t.value, t.title) for t in _vocabulary(portal)] == [
        ("ho-tich", "Hộ tịch"),
        ("tre-em", "Trẻ em"),
    ]
