"""Named vocabularies of luanthanh.policy.

``luanthanh.policy.fields`` (the center's reporting groups) and
``luanthanh.policy.national_fields`` (the national catalogue's lĩnh vực)
are editable (registry records of the same names, one ``token|Title`` per
line, edited in their control panels); the others are fixed by the domain.
"""

from luanthanh.policy.config import NATIONAL_FIELD_LINES
from luanthanh.policy.i18n import _
from plone import api
from zope.i18nmessageid import Message
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


FIELDS_RECORD = "luanthanh.policy.fields"

DEFAULT_FIELDS: tuple[tuple[str, str], ...] = (
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội"),
    ("tu-phap-ho-tich", "Tư pháp – Hộ tịch"),
)

NATIONAL_FIELDS_RECORD = "luanthanh.policy.national_fields"

ONLINE_LEVELS: tuple[tuple[str, Message], ...] = (
    ("full", _("online_level_full", default="Trực tuyến toàn trình")),
    ("partial", _("online_level_partial", default="Trực tuyến một phần")),
    ("none", _("online_level_none", default="Chỉ thực hiện trực tiếp")),
)

CHANNELS: tuple[tuple[str, Message], ...] = (
    ("direct", _("channel_direct", default="Trực tiếp tại Trung tâm")),
    ("online", _("channel_online", default="Trực tuyến")),
    ("postal", _("channel_postal", default="Qua dịch vụ bưu chính")),
)

#: Where the applicant asked to receive the result (mẫu 01, item 6).
RESULT_DELIVERY: tuple[tuple[str, Message], ...] = (
    (
        "center",
        _("result_delivery_center", default="Tại Trung tâm Phục vụ hành chính công"),
    ),
    ("post", _("result_delivery_post", default="Qua dịch vụ bưu chính công ích")),
    ("online", _("result_delivery_online", default="Trực tuyến")),
)

AUDIENCES: tuple[tuple[str, Message], ...] = (
    ("citizen", _("audience_citizen", default="Công dân")),
    ("organization", _("audience_organization", default="Tổ chức, doanh nghiệp")),
)


TIMELINESS: tuple[tuple[str, Message], ...] = (
    ("early", _("timeliness_early", default="Trước hạn")),
    ("on_time", _("timeliness_on_time", default="Đúng hạn")),
    ("late", _("timeliness_late", default="Quá hạn")),
)


DOCUMENT_TYPES: tuple[tuple[str, Message], ...] = (
    ("quyet-dinh", _("document_type_decision", default="Quyết định")),
    ("ke-hoach", _("document_type_plan", default="Kế hoạch")),
    ("thong-bao", _("document_type_notice", default="Thông báo")),
    ("cong-van", _("document_type_letter", default="Công văn")),
    ("chi-thi", _("document_type_directive", default="Chỉ thị")),
    ("quy-che", _("document_type_regulation", default="Quy chế")),
    ("bao-cao", _("document_type_report", default="Báo cáo")),
)


#: How a paper of a dossier was received (the receipt's columns, Mẫu số 01).
PAPER_FORMS: tuple[tuple[str, Message], ...] = (
    ("original", _("paper_form_original", default="Bản chính")),
    ("copy", _("paper_form_copy", default="Bản sao")),
    ("shown", _("paper_form_shown", default="Xuất trình")),
)


RATING_LEVELS: tuple[tuple[str, Message], ...] = (
    ("very_satisfied", _("rating_very_satisfied", default="Rất hài lòng")),
    ("satisfied", _("rating_satisfied", default="Hài lòng")),
    ("neutral", _("rating_neutral", default="Bình thường")),
    ("dissatisfied", _("rating_dissatisfied", default="Không hài lòng")),
    ("very_dissatisfied", _("rating_very_dissatisfied", default="Rất không hài lòng")),
)


def parse_field_lines(lines) -> list[tuple[str, str]]:
    """Turn registry lines ``token|Title`` into ``(token, title)`` pairs.

    Blank lines are skipped; a line without ``|`` uses itself as both.
    """
    pairs = []
    for line in lines or ():
        line = line.strip()
        if not line:
            continue
        token, _sep, title = line.partition("|")
        token = token.strip()
        pairs.append((token, title.strip() or token))
    return pairs


def field_pairs() -> list[tuple[str, str]]:
    """The fields (lĩnh vực) of the site, from the registry, in order."""
    lines = api.portal.get_registry_record(FIELDS_RECORD, default=None)
    if lines is None:
        return list(DEFAULT_FIELDS)
    return parse_field_lines(lines)


def field_title(token: str | None) -> str:
    """The title of a field token; the token itself when it is unknown."""
    return dict(field_pairs()).get(token or "", token or "")


def national_field_pairs() -> list[tuple[str, str]]:
    """The national list of lĩnh vực, from the registry, in order."""
    lines = api.portal.get_registry_record(NATIONAL_FIELDS_RECORD, default=None)
    return parse_field_lines(NATIONAL_FIELD_LINES if lines is None else lines)


def national_field_title(token: str | None) -> str:
    """The title of a national lĩnh vực token; the token when it is unknown."""
    return dict(national_field_pairs()).get(token or "", token or "")


def simple_vocabulary(items) -> SimpleVocabulary:
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in items]
    )


@provider(IVocabularyFactory)
def fields_vocabulary(context=None) -> SimpleVocabulary:
    return simple_vocabulary(field_pairs())


@provider(IVocabularyFactory)
def national_fields_vocabulary(context=None) -> SimpleVocabulary:
    return simple_vocabulary(national_field_pairs())


def fixed_vocabulary(items):
    """A vocabulary factory over a fixed list of (token, title) pairs."""

    @provider(IVocabularyFactory)
    def factory(context=None) -> SimpleVocabulary:
        return simple_vocabulary(items)

    return factory


online_levels_vocabulary = fixed_vocabulary(ONLINE_LEVELS)
channels_vocabulary = fixed_vocabulary(CHANNELS)
audiences_vocabulary = fixed_vocabulary(AUDIENCES)
result_delivery_vocabulary = fixed_vocabulary(RESULT_DELIVERY)
timeliness_vocabulary = fixed_vocabulary(TIMELINESS)
rating_levels_vocabulary = fixed_vocabulary(RATING_LEVELS)
document_types_vocabulary = fixed_vocabulary(DOCUMENT_TYPES)
paper_forms_vocabulary = fixed_vocabulary(PAPER_FORMS)
