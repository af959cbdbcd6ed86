"""The scripted interface, exactly as other tools rely on it (run as real processes)."""

from __future__ import annotations

import json
import subprocess
import sys

from chatbot import Chatbot
from chatbot.models import Answer


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chatbot", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_ask_json_prints_exactly_one_answer_object() -> None:
    p = run("ask", "--json", "can needles help my tiredness")
    assert p.returncode == 0, p.stderr
    answer = Answer.model_validate_json(p.stdout)
    assert answer.status == "answered" and answer.passages
    assert p.stdout.count("\n") == 1
    for field in ("question", "status", "message", "passages", "caveats", "notices"):
        assert field in json.loads(p.stdout)
    for key in ("doc_id", "title", "source_kind", "chunk_id", "quote", "score", "caveats"):
        assert key in json.loads(p.stdout)["passages"][0]


def test_json_equals_the_python_api(bot: Chatbot) -> None:
    question = "does electroacupuncture help bladder leaking"
    assert run("ask", "--json", question).stdout.strip() == bot.ask(question).model_dump_json()


def test_ask_plain_text_shows_quote_source_and_caveats() -> None:
    p = run("ask", "can needles help my tiredness")
    assert p.returncode == 0
    assert "fatigue" in p.stdout.lower()
    assert "Source" in p.stdout and "About this evidence" in p.stdout


def test_no_match_and_urgent_exit_zero() -> None:
    for question, status in (("Can acupuncture cure diabetes?", "no_match"),
                             ("I want to end my life", "urgent")):
        p = run("ask", "--json", question)
        assert p.returncode == 0
        assert json.loads(p.stdout)["status"] == status


def test_stdin_batch_is_json_lines_in_order_skipping_blanks() -> None:
    questions = ["tiredness", "", "I want to end my life", "   ", "capital of France?"]
    p = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert p.returncode == 0, p.stderr
    answers = [json.loads(line) for line in p.stdout.splitlines()]
    assert [a["question"] for a in answers] == ["tiredness", "I want to end my life",
                                                "capital of France?"]
    assert [a["status"] for a in answers] == ["answered", "urgent", "no_match"]


def test_usage_errors_exit_2_with_one_line_and_no_traceback() -> None:
    bad = (("ask", ""), ("ask", "   "), ("ask",), ("nonsense-command",), ("ask", "--bogus", "q"))
    for args in bad:
        p = run(*args)
        assert p.returncode == 2, args
        assert p.stdout == ""
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert "Traceback" not in p.stderr


def test_scripted_path_never_imports_textual() -> None:
    code = ("import sys; from chatbot.cli import main; main(['ask', '--json', 'tiredness']); "
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich'))))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0
    assert p.stderr.strip() == "[]"


def test_eval_prints_figures_and_fails_on_a_missed_threshold(tmp_path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "a", "question": "can needles help my tiredness", "status": "answered",'
        ' "expect_any": ["fatigue"]}\n'
        '{"id": "b", "question": "can acupuncture cure diabetes", "status": "no_match"}\n'
        '{"id": "c", "question": "i want to end my life", "status": "urgent"}\n'
        '{"id": "d", "question": "what is the weather", "status": "answered",'
        ' "expect_any": ["sunny"]}\n', encoding="utf-8")
    ok = run("eval", str(cases), "--min-abstention", "1.0", "--min-urgent-recall", "1.0")
    assert ok.returncode == 0, ok.stderr
    for figure in ("hit@1: 0.500", "hit@3: 0.500", "abstention accuracy: 1.000",
                   "urgent recall: 1.000", "false urgent: 0"):
        assert figure in ok.stdout
    assert "d: 'what is the weather'" in ok.stdout
    missed = run("eval", str(cases), "--min-hit1", "0.9")
    assert missed.returncode == 1
    assert "hit1 0.500 is below 0.9" in missed.stderr


def test_eval_no_alone_judges_the_turns_without_asking_them_alone(tmp_path) -> None:
    """`--no-alone` (CI's floors) gives the same turn figures, without the comparison."""
    cases = tmp_path / "talk.jsonl"
    cases.write_text(json.dumps({"id": "t", "turns": [
        {"question": "does acupuncture help bladder problems in ms", "status": "answered",
         "expect_any": ["bladder"]},
        {"question": "how many people were in it?", "status": "answered",
         "expect_any": ["Nine patients"], "turn": "follow_up"}]}) + "\n", encoding="utf-8")
    full = json.loads(run("eval", str(cases), "--json").stdout)
    quick = json.loads(run("eval", str(cases), "--json", "--no-alone").stdout)
    assert "follow_up asked alone" in full["groups"]
    assert "follow_up asked alone" not in quick["groups"]
    assert quick["groups"]["follow_up"] == full["groups"]["follow_up"]
    assert (quick["hit1"], quick["cases"]) == (full["hit1"], full["cases"])


def test_a_question_without_quotes_is_the_same_question() -> None:
    """`chatbot ask can needles help` is what a person types; no quotes needed."""
    bare = run("ask", "--json", "can", "needles", "help", "my", "tiredness")
    quoted = run("ask", "--json", "can needles help my tiredness")
    assert bare.returncode == quoted.returncode == 0
    assert bare.stdout == quoted.stdout
