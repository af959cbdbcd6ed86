"""One normalisation of text and one sentence splitter, read by every part."""

from __future__ import annotations

import pytest

from chatbot.evaluation import normalise as eval_normalise
from chatbot.normalise import normalise
from chatbot.safety.text import sentences as safety_sentences
from chatbot.sentences import sentence_spans, typed_sentences
from chatbot.tokenizer import words


@pytest.mark.parametrize(("typed", "plain"), [
    ("It\u2019s \u201cfine\u201d", "it's \"fine\""),
    ("electro\u2010acupuncture", "electro-acupuncture"),
    ("10\u201315%", "10-15%"),
    ("\ufb01ngolimod", "fingolimod"),          # the "fi" ligature
    ("\u2022 Fatigue", "  fatigue"),
    ("tired\u2014so tired", "tired\u2014so tired"),  # an em dash parts two words
])
def test_one_normalisation(typed: str, plain: str) -> None:
    assert normalise(typed) == plain
    assert normalise(normalise(typed)) == normalise(typed)


def test_the_analyser_and_the_scripted_checks_read_text_alike() -> None:
    text = "Electro\u2010acupuncture \u2018helped\u2019 \ufb01ve  people"
    assert words(text) == words(eval_normalise(text))
    assert eval_normalise(text) == "electro-acupuncture 'helped' five people"


def test_a_typed_message_keeps_what_closed_each_sentence() -> None:
    assert typed_sentences("had optic neuritis. eyes ok now; can needles help?") == [
        "had optic neuritis.", " eyes ok now;", " can needles help?", ""]
    assert typed_sentences("2.5 mg... then nothing") == ["2.5 mg... then nothing"]
    assert typed_sentences("line one\nline two") == ["line one", "line two"]


def test_dashes() -> None:
    message = "a pain in the neck \u2014 is there evidence? tired - so tired"
    assert typed_sentences(message) == [
        "a pain in the neck", "is there evidence?", " tired", "so tired"]
    assert typed_sentences(message, any_dash=False) == [
        "a pain in the neck \u2014 is there evidence?", " tired", "so tired"]


def test_the_safety_check_reads_the_same_sentences() -> None:
    message = "no chest pain; my arm is numb. she's fine"
    read = safety_sentences(message, frozenset({"but"}))
    expected = [s for s in typed_sentences(normalise(message).replace("she's", "she is"))
                if words(s)]
    assert [" ".join(s.words) for s in read] == [" ".join(words(s)) for s in expected]


def test_documents_wait_for_a_capital_letter() -> None:
    text = "It helps, e.g. with sleep. it was small. The end."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["It helps, e.g. with sleep. it was small.", "The end."]
