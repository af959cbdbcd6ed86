"""A quote's terms are those of what the reader is shown."""

from __future__ import annotations

from chatbot.bot import Chatbot
from chatbot.retrieval.spans import shown_with, unit_text


def _bullet(bot: Chatbot):
    chunk = next(c for c in bot.chunks if "(Kim 2012)" in c.text and "•" in c.text)
    start, end = next(u for u in chunk.units if "(Kim 2012)" in unit_text(chunk, u))
    return chunk, start, end


def test_a_bullet_is_read_with_its_lists_lead_in(bot: Chatbot) -> None:
    """"• reducing numbers of inflammatory and CD4 T cells... (Kim 2012);" is shown
    under "Research has shown that acupuncture treatment may ... help ... by:", so it
    speaks of acupuncture too, though its own words do not say so."""
    chunk, start, end = _bullet(bot)
    assert unit_text(chunk, (start, end)).lstrip().startswith("•")
    shown = shown_with(chunk, start, end)
    assert shown.startswith("Research has shown") and shown.endswith(unit_text(chunk, (start, end)))
    terms = bot.retriever.span_terms(chunk, start, end)
    assert "acupunctur" in terms
    assert "acupunctur" not in bot.retriever.analyzer.terms(unit_text(chunk, (start, end)))


def test_a_sentence_that_is_no_bullet_is_read_alone(bot: Chatbot) -> None:
    chunk = next(c for c in bot.chunks if c.text.startswith("An uncontrolled open study"))
    start, end = chunk.units[1]
    assert shown_with(chunk, start, end) == unit_text(chunk, (start, end))
