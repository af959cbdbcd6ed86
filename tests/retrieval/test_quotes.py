"""Choosing the quote: the best window of a passage that could answer."""

from __future__ import annotations

from chatbot import Chatbot
from chatbot.retrieval.spans import unit_text


def _setup(bot: Chatbot, question: str, chunk_id: str):
    r = bot.retriever
    q = r.reader.read(question)
    chunk = next(c for c in r.chunks if c.chunk_id == chunk_id)
    return r, chunk, r._weighted(q)


def test_the_quote_is_the_best_window_that_fits(bot: Chatbot) -> None:
    r, chunk, weighted = _setup(bot, "how did urge frequency change in the bladder study",
                                "factsheet#9")
    best = r.quotes.choose(chunk, weighted)
    unwanted = unit_text(chunk, best)
    fitted = r.quotes.choose(chunk, weighted, lambda a, b: unit_text(chunk, (a, b)) != unwanted)
    assert fitted != best
    assert unit_text(chunk, fitted) != unwanted


def test_when_no_window_fits_the_best_is_returned(bot: Chatbot) -> None:
    r, chunk, weighted = _setup(bot, "how did urge frequency change in the bladder study",
                                "factsheet#9")
    assert r.quotes.choose(chunk, weighted, lambda a, b: False) == r.quotes.choose(chunk, weighted)


def test_a_how_much_question_quotes_the_sentence_with_the_numbers(bot: Chatbot) -> None:
    """The window that covers most of the question has no number; the kind needs one,
    so the best window that has one is quoted."""
    answer = bot.ask("by how much did urge frequency go down in the bladder acupuncture study")
    assert answer.status == "answered"
    assert "3.89 to 1.68" in answer.passages[0].quote


def test_the_study_a_quote_is_about_runs_to_the_next_studys_opening(bot: Chatbot) -> None:
    from chatbot.retrieval.quotes import study_of

    chunk = next(c for c in bot.chunks if "Both of these studies" in c.text
                 and "14 patients" in c.text)
    text = bot.document_text(chunk.doc_id)
    bladder = text.index("An uncontrolled open study", chunk.start)
    a, b = study_of(chunk, bladder, bladder + 30)
    assert "14 patients" not in text[a:b] and "Both of these studies" in text[a:b]
    trial = text.index("14 patients", chunk.start)
    a, b = study_of(chunk, trial, trial + 10)
    assert "14 patients" in text[a:b] and "An uncontrolled open study" not in text[a:b]


def test_a_follow_up_never_answers_with_another_study_of_the_same_chunk(bot) -> None:
    conversation = bot.conversation()
    first = conversation.ask("my mum keeps leaking wee, can electroacupuncture help her bladder?")
    shown = first.passages[0]
    # The factsheet's summary of two studies is quoted first, at the bladder study.
    assert shown.quote.startswith("An uncontrolled open study")
    assert "14 patients" in next(c.text for c in bot.chunks if c.chunk_id == shown.chunk_id)
    answer = conversation.ask("how many people were in it")
    assert not any("14 patients" in p.quote for p in answer.passages)
