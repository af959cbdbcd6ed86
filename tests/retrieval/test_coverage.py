"""The no-match rule's coverage: which words of a question a passage must cover."""

from __future__ import annotations

from chatbot.bot import Chatbot


def _topic(bot: Chatbot, text: str) -> list[str]:
    r = bot.retriever
    question = r.reader.read(text)
    return [c.word for c in r.rule.topic(question.concepts, question.anchored)]


def test_a_subject_the_corpus_never_uses_must_still_be_covered(bot: Chatbot) -> None:
    # "tinnitus" is not in the corpus, and is no common English word: a passage
    # without it cannot answer.
    assert "tinnitus" in _topic(bot, "can acupuncture help tinnitus")
    _, pool = bot.retriever.pool("can acupuncture help tinnitus")
    assert not any(c.passes for c in pool)


def test_common_words_the_corpus_lacks_leave_the_framing_as_the_subject(bot: Chatbot) -> None:
    # "usual" and "hype" describe the asking: the subject is the framing, which a
    # passage must then cover ("symptoms", "ms"; "evidence", "acupuncture").
    assert {"usual", "symptoms", "ms"} <= set(_topic(bot, "what are the usual symptoms of ms?"))
    assert "evidence" in _topic(bot, "is there any proper evidence for acupuncture or is it hype?")
    # A question that names a subject the corpus knows keeps only that subject.
    assert _topic(bot, "what are the usual symptoms of fatigue?") == ["usual", "fatigue"]
    assert bot.ask("what are the usual symptoms of ms?").status == "answered"

