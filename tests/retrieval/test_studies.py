"""Which passages speak of the same study: its note, and the sentences citing it."""

from __future__ import annotations

from chatbot import Chatbot
from chatbot.retrieval.studies import Studies


def _about(bot: Chatbot, chunk_id: str, opening: str) -> list[tuple[str, str]]:
    """The passages about the study of the sentence of `chunk_id` that opens so."""
    studies = Studies(bot.chunks, bot._references)
    chunk = next(c for c in bot.chunks if c.chunk_id == chunk_id)
    text = bot.document_text(chunk.doc_id)
    start, end = next((a, b) for a, b in chunk.units if text[a:b].startswith(opening))
    return [(c, text[a:b]) for c, a, b in studies.about(chunk_id, start, end)]


def test_a_summary_sentence_brings_its_studys_note(bot: Chatbot) -> None:
    found = _about(bot, "factsheet#4", "An uncontrolled open study, which looked")
    assert found[0][0] == "factsheet#4"
    assert "(Tjon Eng Soe 2009)" in found[0][1]
    assert "Donnellan" not in found[0][1]  # not the other study the chunk sums up
    assert ("factsheet#9" in {c for c, _ in found})
    assert any("Nine patients completed the study" in t for _, t in found)


def test_a_note_brings_the_sentence_citing_it(bot: Chatbot) -> None:
    found = _about(bot, "factsheet#9", "An uncontrolled open study that assessed")
    assert found[0][0] == "factsheet#9"
    cites = [t for c, t in found if c == "factsheet#4"]
    assert cites and all("(Tjon Eng Soe 2009)" in t and "Donnellan" not in t for t in cites)


def test_a_passage_citing_only_background_sources_is_its_own_study(bot: Chatbot) -> None:
    found = _about(bot, "factsheet#0", "Around 100,000 people")
    assert [c for c, _ in found] == ["factsheet#0"]


def test_a_passage_of_a_document_without_notes_is_its_own_study(bot: Chatbot) -> None:
    chunk = next(c for c in bot.chunks if c.doc_id == "health-article" and len(c.units) > 1)
    studies = Studies(bot.chunks, bot._references)
    a, b = chunk.units[0]
    assert {c for c, _, _ in studies.about(chunk.chunk_id, a, b)} == {chunk.chunk_id}
