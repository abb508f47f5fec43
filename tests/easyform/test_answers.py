"""How an answer is kept in ``form_data``: choices by their titles."""

from luanthanh.policy.easyform.answers import answer_text
from luanthanh.policy.easyform.answers import choice_titles
from zope import schema
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import datetime


def test_choices_by_their_titles():
    vocabulary = SimpleVocabulary(
        [SimpleTerm("m", title="Nam"), SimpleTerm("f", title="Nữ")]
    )
    one = schema.Choice(vocabulary=vocabulary)
    many = schema.List(value_type=schema.Choice(vocabulary=vocabulary))
    assert choice_titles(one, "f") == "Nữ"
    assert choice_titles(many, ["m", "f"]) == ["Nam", "Nữ"]
    assert choice_titles(one, "x") == "x"  # not in the vocabulary
    assert choice_titles(schema.TextLine(), "m") == "m"
    assert choice_titles(one, None) is None


def test_answer_text():
    assert answer_text(datetime.date(2025, 11, 20)) == "20/11/2025"
    assert answer_text(["Nam", "Nữ"]) == "Nam, Nữ"
    assert answer_text(None) == ""
