"""Named vocabularies of luanthanh.policy (see :mod:`.terms`)."""

from luanthanh.policy.vocabularies.terms import AUDIENCES
from luanthanh.policy.vocabularies.terms import audiences_vocabulary
from luanthanh.policy.vocabularies.terms import CHANNELS
from luanthanh.policy.vocabularies.terms import channels_vocabulary
from luanthanh.policy.vocabularies.terms import DEFAULT_FIELDS
from luanthanh.policy.vocabularies.terms import DOCUMENT_TYPES
from luanthanh.policy.vocabularies.terms import document_types_vocabulary
from luanthanh.policy.vocabularies.terms import field_pairs
from luanthanh.policy.vocabularies.terms import field_title
from luanthanh.policy.vocabularies.terms import FIELDS_RECORD
from luanthanh.policy.vocabularies.terms import fields_vocabulary
from luanthanh.policy.vocabularies.terms import national_field_pairs
from luanthanh.policy.vocabularies.terms import national_field_title
from luanthanh.policy.vocabularies.terms import NATIONAL_FIELDS_RECORD
from luanthanh.policy.vocabularies.terms import national_fields_vocabulary
from luanthanh.policy.vocabularies.terms import ONLINE_LEVELS
from luanthanh.policy.vocabularies.terms import online_levels_vocabulary
from luanthanh.policy.vocabularies.terms import PAPER_FORMS
from luanthanh.policy.vocabularies.terms import paper_forms_vocabulary
from luanthanh.policy.vocabularies.terms import parse_field_lines
from luanthanh.policy.vocabularies.terms import RATING_LEVELS
from luanthanh.policy.vocabularies.terms import rating_levels_vocabulary
from luanthanh.policy.vocabularies.terms import RESULT_DELIVERY
from luanthanh.policy.vocabularies.terms import result_delivery_vocabulary
from luanthanh.policy.vocabularies.terms import TIMELINESS
from luanthanh.policy.vocabularies.terms import timeliness_vocabulary


__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "DEFAULT_FIELDS",
    "DOCUMENT_TYPES",
    "FIELDS_RECORD",
    "NATIONAL_FIELDS_RECORD",
    "ONLINE_LEVELS",
    "PAPER_FORMS",
    "RATING_LEVELS",
    "RESULT_DELIVERY",
    "TIMELINESS",
    "audiences_vocabulary",
    "channels_vocabulary",
    "document_types_vocabulary",
    "field_pairs",
    "field_title",
    "fields_vocabulary",
    "national_field_pairs",
    "national_field_title",
    "national_fields_vocabulary",
    "online_levels_vocabulary",
    "paper_forms_vocabulary",
    "parse_field_lines",
    "rating_levels_vocabulary",
    "result_delivery_vocabulary",
    "timeliness_vocabulary",
]
