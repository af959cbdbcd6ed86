"""Reading the question: what a "what is X?" cue asks about, and what "it" means."""

from __future__ import annotations

import pytest

from chatbot import Chatbot


def subject(bot: Chatbot, text: str) -> list[str] | None:
    question = bot.retriever.reader.read(text)
    return None if question.subject is None else [c.word for c in question.subject]


@pytest.mark.parametrize(("text", "words"), [
    ("what is ms in simple words, the myelin thing", ["ms"]),
    ("what even is electroacupuncture, is it like being electrocuted lol", ["electroacupuncture"]),
    ("whats electroacupuncture and how is it different from normal acupuncture",
     ["electroacupuncture"]),
    ("what is acupuncture exactly, like physically what do they do to you", ["acupuncture"]),
    ("what is the role of adenosine in acupuncture", ["role", "adenosine"]),
    ("scalp acupuncture what is it", ["scalp acupuncture"]),
    ("what does EDSS mean", ["edss"]),
    ("my brother has secondary progressive ms. what does that mean", None),
])
def test_a_definition_asks_about_the_words_of_its_cue(
    bot: Chatbot, text: str, words: list[str] | None
) -> None:
    """Not the heaviest word of the message: "electrocuted" is not what "what even is
    electroacupuncture, is it like being electrocuted" asks to define."""
    assert subject(bot, text) == words


def test_only_a_definition_reads_a_subject(bot: Chatbot) -> None:
    assert subject(bot, "how many people took part in the bladder study") is None


def test_it_is_what_a_definition_asked_about(bot: Chatbot) -> None:
    """"It" stands for the treatment ("can it slow progression?"), but not when it
    stands for what the question asked to define."""
    r = bot.retriever
    assert r.reader.read("can it slow progression").anchored
    assert not r.reader.read(
        "what is secondary progressive ms? my neurologist said my mum has moved into it"
    ).anchored
    assert r.reader.read("what is scalp acupuncture, is it safe").anchored


def test_a_definition_of_ms_quotes_what_ms_is(bot: Chatbot) -> None:
    answer = bot.ask("what is ms in simple words, the myelin thing")
    assert answer.status == "answered"
    assert any("myelin" in p.quote or "autoimmune" in p.quote for p in answer.passages)


@pytest.mark.parametrize(("text", "words"), [
    ("what is ms actually, simple version pls, just diagnosed", ["ms"]),
    ("what are the normal conventional treatments for ms", ["normal", "conventional"]),
    ("please tell me what is electro acupuncture and is needles used", ["electro acupuncture"]),
])
def test_a_clause_or_a_framing_word_ends_what_is_asked_about(
    bot: Chatbot, text: str, words: list[str]
) -> None:
    """A comma ends it; a framing word after a named word ends it ("normal" alone
    does not); the treatment's own name never does ("electro acupuncture")."""
    assert subject(bot, text) == words



def test_any_word_of_a_definitions_subject_names_it(bot: Chatbot) -> None:
    r = bot.retriever
    question = r.reader.read("what is the uk factsheet actually focused on")
    assert r.subject.names_subject(question, "This Factsheet focuses on the evidence.")
    assert not r.subject.names_subject(question, "Acupuncture is generally considered safe.")
