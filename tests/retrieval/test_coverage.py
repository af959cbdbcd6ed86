"""The no-match rule's coverage: which words of a question a passage must cover."""

from __future__ import annotations

from chatbot.bot import Chatbot


def _topic(bot: Chatbot, text: str) -> list[str]:
    r = bot.retriever
    question = r.reader.read(text)
    return [c.word for c in r.rule.topic(question.concepts, question.anchored)]


def test_a_subject_the_corpus_never_uses_must_still_be_covered(bot: Chatbot) -> None:
    # "tinnitus" is not in the corpus: a passage without it cannot answer. (Letting a
    # question of only such words be covered by its framing words, "what are the usual
    # treatments for ms", was measured: +0.001 cross-validated, but "tinnitus" and every
    # unknown condition then reached the model; not kept.)
    assert "tinnitus" in _topic(bot, "can acupuncture help tinnitus")
    _, pool = bot.retriever.pool("can acupuncture help tinnitus")
    assert not any(c.passes for c in pool)

