"""A clinic's own corpus, chosen by `--corpus DIR` or $CHATBOT_CORPUS, reaches every
command: `ask`, `eval`, the chat, and `corpus list`.

The corpus is written by the test and says things the bundled one does not, so an
answer quoting it proves which corpus was used.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.cli import main
from chatbot.corpus import CORPUS_ENV

OWN_TEXT = (
    "Moxibustion notes\n\n"
    "Our clinic audit found that moxibustion warmed cold feet in seven of nine "
    "patients with multiple sclerosis. The audit had no comparison group.\n"
)
OWN_MANIFEST = """
[[documents]]
id = "moxa-audit"
file = "moxa.txt"
title = "Moxibustion notes"
kind = "clinic_marketing_blog"
published = "2 Feb 2025"
"""
QUESTION = "can moxibustion help cold feet"
QUOTE_PART = "moxibustion warmed cold feet"


@pytest.fixture
def own(tmp_path: Path) -> Path:
    root = tmp_path / "own-corpus"
    (root / "documents").mkdir(parents=True)
    (root / "manifest.toml").write_text(OWN_MANIFEST, encoding="utf-8")
    (root / "documents" / "moxa.txt").write_text(OWN_TEXT, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CORPUS_ENV, raising=False)


def ask_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    code = main(argv, stdin=io.StringIO(""), stdout=None)
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def assert_from_own(answer: dict, own: Path) -> None:
    assert answer["status"] == "answered"
    passage = answer["passages"][0]
    assert passage["doc_id"] == "moxa-audit"
    assert QUOTE_PART in passage["quote"]
    text = (own / "documents" / "moxa.txt").read_text(encoding="utf-8")
    assert text[passage["quote_start"] : passage["quote_end"]] == passage["quote"]


def test_library_takes_a_corpus_dir(own: Path) -> None:
    bot = Chatbot(corpus_dir=own)
    assert [d.id for d in bot.documents] == ["moxa-audit"]
    answer = bot.ask(QUESTION)
    assert_from_own(answer.model_dump(), own)


def test_bundled_corpus_does_not_know_the_question(capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(["ask", "--json", QUESTION], capsys)
    assert all(p["doc_id"] != "moxa-audit" for p in answer["passages"])


@pytest.mark.parametrize(
    "argv",
    [
        ["--corpus", "{own}", "ask", "--json", QUESTION],
        ["ask", "--corpus", "{own}", "--json", QUESTION],
        ["ask", "--json", QUESTION, "--corpus", "{own}"],
    ],
    ids=["before-subcommand", "after-subcommand", "after-question"],
)
def test_ask_option(argv: list[str], own: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json([a.format(own=own) for a in argv], capsys)
    assert_from_own(answer, own)


def test_ask_environment_variable(
    own: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(CORPUS_ENV, str(own))
    assert_from_own(ask_json(["ask", "--json", QUESTION], capsys), own)


def test_option_wins_over_environment(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path / "no-such-corpus"))
    assert_from_own(ask_json(["ask", "--corpus", str(own), "--json", QUESTION], capsys), own)
    # ... and the environment really is read when no option is given.
    code = main(["ask", "--json", QUESTION], stdin=io.StringIO(""), stdout=None)
    assert code == 2
    assert "no-such-corpus: corpus directory not found" in capsys.readouterr().err


def test_subcommand_option_wins_over_top_level(
    own: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--corpus", str(tmp_path / "nowhere"), "ask", "--corpus", str(own), "--json", QUESTION]
    assert_from_own(ask_json(argv, capsys), own)


def write_cases(path: Path) -> Path:
    cases = [
        {"id": "moxa-1", "question": QUESTION, "status": "answered",
         "expect_any": [QUOTE_PART], "expect_doc": ["moxa-audit"]},
        {"id": "off-topic", "question": "what is the capital of peru", "status": "no_match"},
    ]
    path.write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["option", "top-level", "env"])
def test_eval_uses_the_corpus(
    how: str, own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = str(write_cases(tmp_path / "cases.jsonl"))
    argv = {
        "option": ["eval", cases, "--corpus", str(own), "--json", "--min-hit1", "1"],
        "top-level": ["--corpus", str(own), "eval", cases, "--json", "--min-hit1", "1"],
        "env": ["eval", cases, "--json", "--min-hit1", "1"],
    }[how]
    if how == "env":
        monkeypatch.setenv(CORPUS_ENV, str(own))
    code = main(argv, stdin=io.StringIO(""), stdout=None)
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert report["cases"] == 2
    assert report["hit1"] == 1.0
    assert report["abstention"] == 1.0


def test_eval_on_bundled_corpus_misses_the_own_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = str(write_cases(tmp_path / "cases.jsonl"))
    code = main(["eval", cases, "--json", "--min-hit1", "1"], stdin=io.StringIO(""), stdout=None)
    out, _ = capsys.readouterr()
    assert code == 1
    assert json.loads(out)["hit1"] == 0.0


@pytest.mark.parametrize("how", ["option", "env"])
def test_plain_chat_uses_the_corpus(
    how: str, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "env":
        monkeypatch.setenv(CORPUS_ENV, str(own))
        argv = ["--plain"]
    else:
        argv = ["--corpus", str(own), "--plain"]
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(f"{QUESTION}\nquit\n"), stdout=out)
    assert code == 0
    transcript = out.getvalue()
    assert QUOTE_PART in transcript
    assert "Moxibustion notes" in transcript


def test_corpus_list_follows_the_option_and_env(
    own: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["corpus", "list", "--json", "--corpus", str(own)], stdin=io.StringIO(""), stdout=None)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["moxa-audit"]
    assert rows[0]["dates"] == "posted 2 Feb 2025"
    monkeypatch.setenv(CORPUS_ENV, str(own))
    main(["corpus", "check"], stdin=io.StringIO(""), stdout=None)
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"OK: {own}: 1 document, ")


def test_own_corpus_texts_count_its_own_sources(own: Path) -> None:
    bot = Chatbot(own)
    from chatbot.messages import sources_phrase

    assert len(bot.documents) != 5
    assert sources_phrase(len(bot.documents)) in bot.messages.welcome
    assert "five sources" not in bot.messages.welcome
    assert bot.ask("what is the weather on mars").message == bot.messages.no_match
