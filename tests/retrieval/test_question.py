"""Reading the question: what a "what is X?" cue asks about, and what "it" means."""

from __future__ import annotations

import pytest

from chatbot import Chatbot
from chatbot.retrieval.kinds import PEOPLE_STEMS


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


def test_it_is_what_the_earlier_question_asked_about(bot: Chatbot) -> None:
    """A follow-up's "it" points at the earlier question's subject: the treatment
    after a question about acupuncture, MS after "what is ms exactly?"."""
    read = bot.retriever.reader.read
    assert not read("how many people have it", "what is ms exactly").anchored
    assert read("how many people have it", "is acupuncture safe").anchored
    assert read("is it safe", "does acupuncture help fatigue").anchored


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


@pytest.mark.parametrize(("text", "counted"), [
    ("how many rats were in the rat study", {"rat"}),
    ("how many acupuncture sessions a week would i need", {"session"}),
    ("how many of the mice got better", {"mice"}),
    ("how many healthy volunteers got brain scans", set(PEOPLE_STEMS)),  # any word for people
    ("how often should i go", set()),
    ("does acupuncture help fatigue", set()),
    ("how many people took part in the bladder study", set()),  # people_count: its own test
])
def test_how_many_reads_what_it_counts(bot: Chatbot, text: str, counted: set[str]) -> None:
    assert set(bot.retriever.reader.read(text).counted) == counted


@pytest.mark.parametrize(("quote", "counts"), [
    ("This study assessed the results of fMRI on 10 healthy adults.", False),  # counts adults
    ("An animal study using a rat model of human demyelinating multiple sclerosis.", False),
    ("Researchers used 12 adult rats in each group.", True),
    ("Acupuncture points are along 14 meridians, or pathways, in the body.", False),
])
def test_a_quote_counts_what_was_asked_only_with_a_number_of_it(
    bot: Chatbot, quote: str, counts: bool
) -> None:
    question = bot.retriever.reader.read("how many rats did they use")
    assert bot.retriever.subject.counts(question, quote, window=3) is counts


def test_a_number_of_what_was_asked_is_a_count_of_it(bot: Chatbot) -> None:
    question = bot.retriever.reader.read("how many meridians are there")
    quote = "Acupuncture points are along 14 meridians, or pathways, in the body."
    assert bot.retriever.subject.counts(question, quote, window=3)
    assert not bot.retriever.subject.counts(question, "There are many meridians.", window=3)


def test_a_count_of_people_is_a_number_of_any_word_for_people(bot: Chatbot) -> None:
    question = bot.retriever.reader.read("how many healthy volunteers were scanned")
    quote = "This study assessed the results of fMRI on 10 healthy adults."
    assert bot.retriever.subject.counts(question, quote, window=3)


@pytest.mark.parametrize(("text", "asking"), [
    ("I had optic neuritis years ago, can acupuncture help my fatigue?",
     "can acupuncture help my fatigue?"),
    # A part naming nothing but the treatment asks about the rest of the message.
    ("my memory is terrible, brain fog all day, can acupuncture help",
     "my memory is terrible, brain fog all day, can acupuncture help"),
    # Unless its kind asks something whole of the treatment: the hives are context.
    ("i have hives, is acupuncture safe?", "is acupuncture safe?"),
])
def test_the_asking_part_is_the_last_question_when_it_names_a_subject(
    bot: Chatbot, text: str, asking: str
) -> None:
    assert bot.retriever.reader.read(text).asking.strip() == asking
