"""Spoken, dialect and non-native forms are read as the standard words before any
concept is looked for, and a calm rule with `only` touches only the concepts it names."""

from __future__ import annotations

import pytest

from chatbot.safety import SafetyCheck
from chatbot.safety.spelling import Corrector
from chatbot.safety.text import Sentence


def _corrector() -> Corrector:
    return Corrector(lambda: {"wheezing"}, 6, [],
                     {"cannae": "cant", "aw": "all", "not able to": "cant"},
                     not_first=["aw"])


def test_a_phrase_becomes_its_standard_words_in_the_clause_of_its_first() -> None:
    sentence = Sentence(("he", "is", "not", "able", "to", "speak", "since", "noon"),
                        (0, 0, 0, 0, 0, 0, 1, 1))
    assert _corrector().variants(sentence) == Sentence(
        ("he", "is", "cant", "speak", "since", "noon"), (0, 0, 0, 0, 1, 1))


def test_a_not_first_word_is_read_so_only_after_a_word_of_its_clause() -> None:
    sentence = Sentence(("aw", "my", "mum", "cannae", "wee", "at", "aw"), (0, 1, 1, 1, 1, 1, 1))
    assert _corrector().variants(sentence).words == (
        "aw", "my", "mum", "cant", "wee", "at", "all")


def test_a_dropped_g_is_the_lexicon_word() -> None:
    assert _corrector().variants(Sentence(("wheezin",), (0,))).words == ("wheezing",)


@pytest.mark.parametrize(("message", "flag"), [
    ("my father suddenly not able to speak properly since half hour", "stroke"),
    ("she is unable to breathe", "breathing"),
    ("cannae wee at aw since this mornin", "retention"),
    ("ma da's face has went aw squint, came on just there", "stroke"),
    ("ma chest is killin me an its goin doon intae ma arm, been like this hauf an hour", "chest"),
])
def test_dialect_and_non_native_forms_raise_the_flag(check: SafetyCheck, message: str,
                                                      flag: str) -> None:
    verdict = check.concepts(message)
    assert (verdict.tier, verdict.flag) == ("urgent", flag), message


def test_an_exclamation_aw_is_no_amount(check: SafetyCheck) -> None:
    """"aw my god" is no "all my" (an amount of tablets)."""
    assert check.concepts("aw my god i took my baclofen with coffee, is that ok").flag is None


def test_a_rule_with_only_leaves_other_signs_alone(check: SafetyCheck) -> None:
    """`restful_sleep` sets aside "out cold", never a sign told beside it."""
    calm = check.concepts("the acupuncture knocked her out cold, best sleep she has had")
    assert (calm.tier, calm.decided_by) == (None, "restful_sleep")
    sign = check.concepts("the session knocked me out cold and i slept like a log and my chest"
                          " is crushing")
    assert (sign.tier, sign.flag) == ("urgent", "chest")


@pytest.fixture(scope="module")
def check() -> SafetyCheck:
    return SafetyCheck()


def test_a_dialect_no_before_a_verb_is_not() -> None:
    """Scots "he's no answerin me" is "not answering"; "there's no bleeding" and a "no"
    before a noun stay a "no"."""
    corrector = Corrector(lambda: {"answering", "bleeding"}, 6, [], no_as_not=["is"])
    assert corrector.variants(Sentence(("he", "is", "no", "answerin", "me"), (0,) * 5)).words \
        == ("he", "is", "not", "answering", "me")
    for words in (("there", "is", "no", "bleeding"), ("is", "no", "pain"), ("no", "bleeding")):
        assert corrector.variants(Sentence(words, (0,) * len(words))).words == words


@pytest.mark.parametrize(("message", "flag"), [
    ("my grandad fell and he's no answerin me, his eyes are open", "collapse"),
    ("she's no breathin right, her lips are blue", "breathing"),
])
def test_a_dialect_no_raises_the_flag(check: SafetyCheck, message: str, flag: str) -> None:
    verdict = check.concepts(message)
    assert (verdict.tier, verdict.flag) == ("urgent", flag), message


def test_there_is_no_is_still_a_negation(check: SafetyCheck) -> None:
    assert check.concepts("there's no bleeding and no swelling at the needle spot").tier is None
