"""Whatever a person pastes, the bot answers and the command does not crash.

Property tests feed arbitrary text (control characters, ANSI escapes, markup-like
brackets, emoji, right-to-left text, NUL, very long input) to `Chatbot.ask` and to
the CLI. The bot must return a valid `Answer` whose quotes are verbatim; the CLI
must exit 0, or 2 with one line on stderr, and never show a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatbot import Answer, Chatbot
from chatbot.bot import MAX_QUESTION_CHARS
from chatbot.cli import STDIN_LINE_CAP, clean_question, main, printable
from chatbot.corpus import CORPUS_ENV
from chatbot.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent

NASTY = [
    "\x00", "\x1b[31m", "\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x07", "\x08", "\r", "\t",
    "\x7f", "\x9b", "[bold red]", "[/]", "[link=http://x]", "<script>alert(1)</script>",
    "**bold** _it_ `code` # heading", "{0}", "%s", "\\", "'\"",
    "🧠💉🤒", "👩‍⚕️", "\u202e", "\u200f", "\u2066", "مرحبا بالوخز", "שלום", "鍼灸", "Ｆａｔｉｇｕｅ",
    "e\u0301\u0301\u0301", "\ufeff", "\ufffd", "\u2028", "\u00a0",
    "fatigue", "acupuncture", "MS", "bladder", "pain", "chest pain", "help",
]

questions = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(max_size=40)), max_size=12
).map("".join)


@pytest.fixture(scope="module")
def bot() -> Chatbot:
    return Chatbot()


def assert_valid(bot: Chatbot, question: str, answer: Answer) -> None:
    assert isinstance(answer, Answer)
    Answer.model_validate(answer.model_dump())
    answer.model_dump_json()  # always writable as JSON
    # The question comes back as asked; only lone surrogates (not writable) become U+FFFD.
    assert answer.question == re.sub("[\ud800-\udfff]", "\ufffd", question)
    assert answer.status in ("answered", "no_match", "urgent", "reply")
    assert answer.message
    assert (answer.status == "answered") == bool(answer.passages)
    for p in answer.passages:
        text = bot.document_text(p.doc_id)
        assert text[p.quote_start : p.quote_end] == p.quote
        assert p.quote.strip()
        assert p.caveats


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions)
def test_ask_never_raises_and_quotes_verbatim(bot: Chatbot, question: str) -> None:
    answer = bot.ask(question)
    assert_valid(bot, question, answer)
    json.loads(answer.model_dump_json())


@settings(max_examples=40, deadline=None)
@given(question=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200))
def test_ask_on_any_unicode(bot: Chatbot, question: str) -> None:
    assert_valid(bot, question, bot.ask(question))


@pytest.mark.parametrize("question", ["fatigue \ud800", "\udcff\udcfe", "a\udc80b acupuncture"])
def test_lone_surrogates_do_not_crash_the_bot(bot: Chatbot, question: str) -> None:
    assert_valid(bot, question, bot.ask(question))
    # The CLI replaces them, so its JSON can always be written.
    cleaned = clean_question(question)
    assert "\ufffd" in cleaned
    json.loads(bot.ask(cleaned).model_dump_json())


def test_question_length_limit(bot: Chatbot) -> None:
    at_limit = ("fatigue " * MAX_QUESTION_CHARS)[:MAX_QUESTION_CHARS]
    assert bot.ask(at_limit).message != MESSAGES.too_long
    # Surrounding spaces do not count against the limit.
    assert bot.ask(f"   {at_limit}   \n").message != MESSAGES.too_long
    for over in (at_limit + "x", "a" * 1_000_000, "\x00" * (MAX_QUESTION_CHARS + 1)):
        answer = bot.ask(over)
        assert answer.status == "no_match"
        assert answer.message == MESSAGES.too_long
        assert not answer.passages


def test_a_red_flag_wins_even_in_a_too_long_message(bot: Chatbot) -> None:
    # A wall of text is never partly answered from the sources, but it is still read
    # for red flags: a tired person's long message may end with the line that matters.
    assert bot.ask("I have chest pain " * 200).status == "urgent"
    calm_wall = bot.ask("I have had MS for years. " * 100)
    assert calm_wall.message == MESSAGES.too_long and calm_wall.passages == []


@pytest.mark.parametrize("question", ["", " ", "\n\t", "\u3000"])
def test_empty_question(bot: Chatbot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.status == "no_match"
    assert answer.message == MESSAGES.empty


_SHARED: list[Chatbot] = []


def run(argv: list[str], stdin: str = "", shared: bool = True) -> tuple[int, str, str]:
    """`main` in-process; `shared` reuses one bot instead of building one per call
    (the build is what a process pays once, and it would dominate these tests)."""
    if not _SHARED:
        _SHARED.append(Chatbot())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stderr(err))
        if shared:
            stack.enter_context(mock.patch("chatbot.cli._make_bot", return_value=_SHARED[0]))
        code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(questions, min_size=1, max_size=6))
def test_cli_stdin_json_lines(lines: list[str]) -> None:
    # One answer per non-blank line, each a JSON object, in order.
    flat = [ln for q in lines for ln in q.splitlines()] or [""]
    code, out, err = run(["ask", "--json", "-"], "\n".join(flat) + "\n")
    assert code == 0, err
    expected = [ln for ln in flat if ln.strip()]
    answers = [json.loads(line) for line in out.split("\n")[:-1]]
    assert [a["question"] for a in answers] == [clean_question(q) for q in expected]


@settings(max_examples=25, deadline=None)
@given(question=questions.filter(lambda q: q.strip()))
def test_cli_text_output_has_no_control_characters(question: str) -> None:
    code, out, err = run(["ask", "--", question])  # "--": a question may start with "-"
    assert code == 0, err
    assert not any(ch in out for ch in "\x00\x1b\x07\x08\x7f\x9b")


def test_printable_keeps_newlines_and_tabs() -> None:
    assert printable("a\tb\nc\x1b[31md\x00") == "a\tb\nc\ufffd[31md\ufffd"


def test_over_long_stdin_line_is_cut_and_refused() -> None:
    huge = "acupuncture " * (STDIN_LINE_CAP // 5)
    code, out, _ = run(["ask", "--json", "-"], f"{huge}\nfatigue\n")
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert len(first["question"]) == STDIN_LINE_CAP
    assert first["message"] == MESSAGES.too_long
    assert second["question"] == "fatigue"


@pytest.mark.parametrize(
    "argv",
    [["ask", ""], ["ask", "   "], ["ask"], ["--nope"], ["ask", "--json"], ["eval"],
     ["corpus", "frobnicate"], ["frobnicate"], ["eval", "/no/such/file.jsonl"]],
)
def test_usage_errors_are_one_line_exit_2(argv: list[str]) -> None:
    code, out, err = run(argv, shared=False)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("chatbot: error:")


def test_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Chatbot, question: str) -> Answer:
        raise RuntimeError("disk\non fire")

    monkeypatch.setattr(Chatbot, "ask", boom)
    monkeypatch.delenv("CHATBOT_DEBUG", raising=False)
    code, _, err = run(["ask", "fatigue"], shared=False)
    assert code == 1
    assert err.splitlines() == [
        "chatbot: internal error: RuntimeError: disk on fire "
        "(please report this; CHATBOT_DEBUG=1 shows the details)"
    ]


# --- real processes: argv and stdin bytes exactly as a shell passes them ---------


def cli(args: list[str | bytes], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in (CORPUS_ENV, "CHATBOT_DEBUG")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "chatbot", *args], input=stdin, capture_output=True,
        env=env, cwd=ROOT, timeout=60, check=False,
    )


def assert_clean_exit(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stderr
    assert proc.returncode in (0, 2), proc.stderr
    if proc.returncode == 2:
        assert len(proc.stderr.splitlines()) == 1


@settings(max_examples=4, deadline=None)
@given(question=questions.filter(lambda q: "\x00" not in q))
def test_process_argv_never_tracebacks(question: str) -> None:
    proc = cli(["ask", "--json", question])
    assert_clean_exit(proc)
    if proc.returncode == 0:
        assert json.loads(proc.stdout)["question"] == question


def test_process_undecodable_argv_and_stdin_bytes() -> None:
    # Invalid UTF-8 in argv reaches Python as lone surrogates; JSON needs them gone.
    proc = cli([b"ask", b"--json", b"fatigue \xff\xfe acupuncture"])
    assert_clean_exit(proc)
    assert json.loads(proc.stdout)["question"] == "fatigue \ufffd\ufffd acupuncture"

    blob = b"".join([
        b"fatigue\xff\x00\n", b"\xed\xa0\x80 surrogate bytes\n", b"\x1b[2J\x1b]0;x\x07 pain\r\n",
        b"\xe2\x80\xae reversed\n", b"\n", b"\xf0\x9f\xa7\xa0 brain\n", b"x" * 200_000 + b"\n",
        b"no newline at the end",
    ])
    for args in ([b"ask", b"--json", b"-"], [b"ask", b"-"], [b"--plain"]):
        proc = cli(args, blob)
        assert_clean_exit(proc)
        assert proc.returncode == 0
    json_lines = cli([b"ask", b"--json", b"-"], blob).stdout.decode("utf-8").splitlines()
    assert len(json_lines) == 7
    assert all(json.loads(line)["status"] for line in json_lines)


def test_process_broken_pipe_is_quiet(tmp_path: Path) -> None:
    questions_file = tmp_path / "questions.txt"
    questions_file.write_bytes(b"can acupuncture help fatigue\n" * 3000)
    env = {k: v for k, v in os.environ.items() if k != CORPUS_ENV}
    env["PYTHONPATH"] = str(ROOT)
    with questions_file.open("rb") as stdin:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "ask", "--json", "-"], cwd=ROOT, env=env,
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith(b"{")
        proc.stdout.close()  # the reader goes away, like `| head -1`
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 141
    assert err == b""
