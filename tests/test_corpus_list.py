"""`chatbot corpus list`: each document with its kind, dates and passages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.chunking import chunk_document
from chatbot.corpus import load_corpus
from tests.test_corpus_check import GOOD_MANIFEST, good_files, run, write_corpus


def test_list_shows_kind_dates_and_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_corpus(tmp_path / "c", GOOD_MANIFEST, good_files())
    code, out, _ = run(["corpus", "list", str(root)], capsys)
    assert code == 0
    counts = [len(chunk_document(d)) for d in load_corpus(root).documents]
    blocks = out.strip().split("\n\n")
    assert blocks[0].splitlines()[0] == f"clinic-note: {counts[0]} passages"
    assert "Title: Bladder problems in MS" in blocks[0]
    assert "Kind: clinic_marketing_blog (a clinic's marketing blog)" in blocks[0]
    assert "Dates: posted 1" in blocks[0]
    assert blocks[1].splitlines()[0] == f"sleep-sheet: {counts[1]} passages"
    assert "Dates: no date given" in blocks[1]


def test_list_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["corpus", "list"], capsys)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) < 80
    assert out.count(" passages\n") == 5


def test_list_json_matches_the_chunker(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["corpus", "list", "--json"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    corpus = load_corpus()
    assert [r["id"] for r in rows] == [d.meta.id for d in corpus.documents]
    for row, doc in zip(rows, corpus.documents, strict=True):
        assert row["kind"] == doc.meta.kind.value
        assert row["passages"] == len(chunk_document(doc)) > 0
        assert row["dates"] == (doc.meta.date_label or "no date given")


def test_list_of_broken_corpus_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_corpus(tmp_path / "c", GOOD_MANIFEST.replace("kind =", "knd ="), good_files())
    code, out, err = run(["corpus", "list", str(root)], capsys)
    assert code == 2
    assert out == ""
    assert "unknown field" in err and "missing field" in err


def test_corpus_needs_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["corpus"], capsys)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("chatbot: error:")
