"""`chatbot corpus check` on any text, and its warnings: what a usable corpus leaves unsaid."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot import Chatbot
from chatbot.corpus import check_corpus
from tests.test_corpus_check import (
    GOOD_MANIFEST,
    good_files,
    run,
    write_corpus,
)

doc_texts = st.lists(
    st.one_of(
        st.sampled_from([
            "Fatigue:", "• less fatigue", "- better sleep", "1. pain relief", "It may help.",
            "This is small.", "Acupuncture may help bladder urgency in MS.", "", "   ",
            "Book now!", "\x00\x1b[31m", "(Kim 2012)", "References", "e.g. needles.",
        ]),
        st.text(max_size=80),
    ),
    min_size=1, max_size=15,
).map("\n".join)


@settings(max_examples=40, deadline=None)
@given(text=doc_texts)
def test_any_document_text_is_checked_without_crashing(text: str) -> None:
    """Whatever a clinic's file holds, `check` reports on it; a corpus it passes
    builds a bot that answers with verbatim quotes."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_corpus(
            Path(tmp) / "c",
            '[[documents]]\nid = "d"\nfile = "d.txt"\ntitle = "D"\nkind = "overview"\n',
            {"d.txt": text},
        )
        problems = check_corpus(root)
        if problems:
            assert all("\n" not in p and "d.txt" in p for p in problems)
            return
        bot = Chatbot(root)
        loaded = bot.document_text("d")  # as read: universal newlines turn \r\n into \n
        assert loaded == text.replace("\r\n", "\n").replace("\r", "\n")
        for question in ("can acupuncture help bladder urgency", "fatigue", "pain relief"):
            for p in bot.ask(question).passages:
                assert loaded[p.quote_start : p.quote_end] == p.quote


def test_warnings_name_what_the_corpus_leaves_unsaid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A usable corpus passes, and each thing a reader would miss is one warning line:
    the corpus's own texts, each source's publisher, address and review dates, a
    review that is due, and an example question its documents cannot answer."""
    manifest = ('examples = ["Does acupuncture help bladder urgency?", "Can it cure diabetes?"]\n'
                + GOOD_MANIFEST.replace('published = "1 Mar 2024"',
                                        'published = "1 Mar 2024"\nreviewed = 2020-01-01\n'
                                        'review_due = 2021-01-01\npublisher = "A clinic"\n'
                                        'url = "https://example.org/bladder"'))
    root = write_corpus(tmp_path / "c", manifest, good_files())
    code, out, _ = run(["corpus", "check", str(root)], capsys)
    assert code == 0
    warnings = [line.removeprefix("warning: ") for line in out.splitlines()
                if line.startswith("warning: ")]
    fields = [w.split(": ")[1].split(" ", 1)[1].split(":")[0] for w in warnings]
    assert fields == [
        "name", "topic",
        "documents[0] (id 'clinic-note').review_due",
        "documents[1] (id 'sleep-sheet').url", "documents[1] (id 'sleep-sheet').publisher",
        "documents[1] (id 'sleep-sheet').reviewed", "documents[1] (id 'sleep-sheet').review_due",
        "examples[1]",
    ]
    assert "the review was due on 2021-01-01" in warnings[2]
    assert "'Can it cure diabetes?' gets no answer from these documents" in warnings[-1]
    assert run(["corpus", "check", "--strict", str(root)], capsys)[0] == 1


def test_a_vocabulary_entry_must_point_at_the_documents_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    manifest = ('[treatment]\nname = "acupuncture"\nwords = ["acupuncture"]\n'
                'with_a_medicine = "integration"\n\n'
                '[[vocabulary]]\nmeans = "urgency"\nlay = ["gotta go"]\n\n'
                '[[vocabulary]]\nmeans = "moxibustion"\nlay = ["moxa"]\n' + GOOD_MANIFEST)
    root = write_corpus(tmp_path / "c", manifest, good_files())
    code, out, _ = run(["corpus", "check", str(root)], capsys)
    assert code == 0
    assert "field vocabulary[1].means: no document has any of 'moxibustion'" in out
    assert "vocabulary[0]" not in out  # "urgency" is in the bladder note
    assert "field treatment.with_a_medicine: no document has any of 'integration'" in out
