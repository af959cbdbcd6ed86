"""Chunking of each real document: readable passages, whole sentences, nothing excluded."""

from __future__ import annotations

import re

import pytest

from chatbot.chunking import _DATE_LINE, chunk_document, list_lead_in
from chatbot.corpus import load_corpus
from chatbot.sentences import sentence_spans

CORPUS = load_corpus()
DOCS = {d.meta.id: d for d in CORPUS.documents}


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_chunks_are_verbatim_spans_in_order(doc_id: str) -> None:
    doc = DOCS[doc_id]
    chunks = chunk_document(doc)
    assert chunks, "every document yields passages"
    last_end = 0
    for i, chunk in enumerate(chunks):
        assert chunk.order == i and chunk.doc_id == doc_id
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert chunk.start >= last_end, "chunks do not overlap"
        last_end = chunk.end
        for s, e in chunk.units:
            assert chunk.start <= s < e <= chunk.end


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_nothing_excluded_is_indexed(doc_id: str) -> None:
    doc = DOCS[doc_id]
    for chunk in chunk_document(doc):
        for s, e in doc.excluded:
            assert not (s < chunk.end and e > chunk.start), f"{chunk.chunk_id} overlaps {s}:{e}"


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_no_chunk_splits_a_sentence(doc_id: str) -> None:
    doc = DOCS[doc_id]
    for chunk in chunk_document(doc):
        tail = chunk.text.rstrip()
        # A passage ends at a sentence end, a list item, or a heading line.
        last_line = tail.splitlines()[-1].strip()
        ends_sentence = tail.endswith((".", "?", "!", ".)", ";", ":"))
        is_item = bool(re.match(r"^(?:•|-|\d+\.)\s", last_line))
        is_date = bool(_DATE_LINE.match(last_line))
        assert ends_sentence or is_item or is_date, f"{chunk.chunk_id} ends: {tail[-60:]!r}"
        # The next character after a chunk starts a new line or a new sentence.
        after = doc.text[chunk.end : chunk.end + 2]
        assert after == "" or after[0].isspace() or after[0].isupper()


@pytest.mark.parametrize("line", ["- Aug 17, 2023", "Updated: Apr 18, 2024",
                                  "Last reviewed 3 March 2022", "Posted on 2023-08-17"])
def test_a_date_line_is_read_as_one(line: str) -> None:
    assert _DATE_LINE.match(line)


@pytest.mark.parametrize("line", ["- 2 min read", "A 2022 review of 31 studies found",
                                  "Symptom Relief:", "May 2020 saw changes", "In 2024"])
def test_other_lines_are_not_date_lines(line: str) -> None:
    assert not _DATE_LINE.match(line)


def test_a_date_line_is_a_passage_of_its_own_never_a_heading() -> None:
    chunks = chunk_document(DOCS["clinic-blog"])
    dated = [c for c in chunks if "Apr 18, 2024" in c.text]
    assert [c.text for c in dated] == ["Updated: Apr 18, 2024"]
    assert dated[0].units == ((dated[0].start, dated[0].end),)
    after = chunks[dated[0].order + 1]
    assert after.text.startswith("Multiple sclerosis") and after.heading is None
    assert not any("min read" in c.text for c in chunks)


def test_heading_stays_with_its_paragraph() -> None:
    chunks = chunk_document(DOCS["clinic-blog"])
    relief = next(c for c in chunks if c.text.startswith("Symptom Relief:"))
    assert "Acupuncture has shown promise in alleviating" in relief.text


def test_bullets_stay_with_their_lead_in() -> None:
    chunks = chunk_document(DOCS["health-article"])
    review = next(c for c in chunks if "A 2022 review of 31 studies" in c.text)
    assert "less fatigue" in review.text and "improved bladder function" in review.text
    # The short bullets are one quotable unit with the sentence that introduces them.
    text = DOCS["health-article"].text
    unit = next(u for u in review.units if "less fatigue" in text[u[0] : u[1]])
    assert text[unit[0] : unit[1]].startswith("Study results indicated:")


def test_a_paragraph_opening_with_it_stays_with_the_one_before() -> None:
    chunks = chunk_document(DOCS["health-article"])
    endorphins = next(c for c in chunks if "It may do this by releasing chemicals" in c.text)
    assert "Acupuncture points are along 14 meridians" in endorphins.text


def test_advert_and_reference_lists_are_never_in_a_chunk() -> None:
    text = " ".join(c.text for d in DOCS.values() for c in chunk_document(d))
    for phrase in ("Click the button below", "like, subscribe", "Comments", "top of page",
                   "Writer's picture", "Asghari, A., Fakhari", "Lee H et al.", "bottom of page",
                   "Acupuncture the Science (Evidence Guide"):
        assert phrase not in text


def test_factsheet_annotations_are_kept_without_their_citation() -> None:
    chunks = chunk_document(DOCS["factsheet"])
    nine = next(c for c in chunks if "Nine patients completed the study" in c.text)
    assert nine.text.startswith("An uncontrolled open study")
    assert nine.heading == "Other clinical studies"


def test_sentence_spans_keep_citations_and_abbreviations_whole() -> None:
    text = "It works in MS. (Lee 2007) A trial (e.g., in rats) found more. Smith et al. agreed."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["It works in MS. (Lee 2007)", "A trial (e.g., in rats) found more.",
                     "Smith et al. agreed."]


def _unit_texts(doc_id: str, phrase: str) -> list[str]:
    doc = DOCS[doc_id]
    chunk = next(c for c in chunk_document(doc) if phrase in c.text)
    return [doc.text[s:e].strip() for s, e in chunk.units]


def test_a_long_bullet_is_its_own_unit_and_a_short_one_stays_with_its_lead_in() -> None:
    long_list = _unit_texts("factsheet", "Research has shown that acupuncture treatment")
    assert long_list[0].endswith("by:")
    assert any(u.startswith("• improving muscle stiffness") for u in long_list)
    short_list = _unit_texts("health-article", "Study results indicated:")
    lead = next(u for u in short_list if u.startswith("Study results indicated:"))
    assert "• less fatigue" in lead  # "less fatigue" alone says nothing


def test_a_quote_of_one_bullet_is_shown_with_its_lists_lead_in() -> None:
    doc = DOCS["factsheet"]
    chunk = next(c for c in chunk_document(doc) if "Komori 2009" in c.text)
    bullet = next((s, e) for s, e in chunk.units if "Komori 2009" in doc.text[s:e])
    lead = list_lead_in(doc.text, chunk.units, bullet[0])
    assert lead is not None and doc.text[lead[0] : lead[1]].endswith("by:")
    assert list_lead_in(doc.text, chunk.units, chunk.units[0][0]) is None  # the lead-in itself
    other = next(c for c in chunk_document(doc) if c is not chunk)
    assert list_lead_in(doc.text, other.units, other.units[0][0]) is None
