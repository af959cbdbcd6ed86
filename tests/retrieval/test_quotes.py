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
    """The factsheet's summary tells two studies; "how many people were in it?" after
    its bladder sentence is asked of the bladder study (its note), never answered with
    the other study's "14 patients". (Set up at the search, not through a first
    answer: which passage a bladder question quotes first changes with each refit.)"""
    chunk = next(c for c in bot.chunks if "Both of these studies" in c.text
                 and "14 patients" in c.text)
    text = bot.document_text(chunk.doc_id)
    start = text.index("An uncontrolled open study", chunk.start)
    end = text.index("(Tjon Eng Soe 2009).", start) + len("(Tjon Eng Soe 2009).")
    spans = bot.follow_ups.study(chunk.chunk_id, start, end)
    assert not any("14 patients" in text[a:b] for _, a, b in spans)
    found = bot.retriever.scored_search(
        "how many people were in it", context="can electroacupuncture help my bladder?",
        within=frozenset(c for c, _, _ in spans), quoted=spans)
    quotes = [bot.document_text(h.chunk.doc_id)[h.quote_start:h.quote_end] for h in found.hits]
    assert quotes and "Nine patients completed the study" in quotes[0]
    assert not any("14 patients" in q for q in quotes)


def test_a_quote_of_a_study_passage_is_chosen_within_it(bot: Chatbot) -> None:
    """"who ran it?" after the bladder study's note: the factsheet's summary sentence
    citing that study is the answer, and the quote is chosen within that sentence
    (the window of its sentence and the next, "Both of these studies were tiny", is
    not what "it" points at, and once was dropped instead of shortened)."""
    note = next(c for c in bot.chunks if c.text.startswith("An uncontrolled open study"))
    spans = bot.follow_ups.study(note.chunk_id, note.start, note.end)
    found = bot.retriever.scored_search("who ran it?", context="tell me about the bladder study",
                                        within=frozenset(c for c, _, _ in spans), quoted=spans)
    assert found.hits, "the sentence citing the study answers"
    hit = found.hits[0]
    quote = bot.document_text(hit.chunk.doc_id)[hit.quote_start:hit.quote_end]
    assert quote.endswith("(Tjon Eng Soe 2009).")
    assert any(c == hit.chunk.chunk_id and a <= hit.quote_start and hit.quote_end <= b
               for c, a, b in spans)


def test_the_answer_to_a_close_labelled_question_still_needs_its_kinds_pattern(
        bot: Chatbot) -> None:
    """A memory's sentence skips the word tests, never the kind's pattern: a study
    note naming no author cannot answer "who ran it?"."""
    kind = bot.retriever.reader.read("who ran it?").kind
    assert kind is not None and kind.checked
    assert not kind.has_pattern("Nine patients completed the study.")
    assert kind.has_pattern("it may have a useful role (Tjon Eng Soe 2009).")
