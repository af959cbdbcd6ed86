"""`chatbot --plain`: a line-by-line chat for screen readers and dumb terminals."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.corpus import load_corpus
from chatbot.messages import load_messages
from chatbot.plain_chat import run_plain

BUNDLED = load_messages(5, load_corpus().texts)
"""The texts of the bundled corpus, as its bot shows them."""

ROOT = Path(__file__).resolve().parents[1]
TIRED = "can acupunture help my tiredness"


@pytest.fixture(scope="module")
def bot() -> Chatbot:
    return Chatbot()


def _chat(bot: Chatbot, typed: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run_plain(bot, io.StringIO(typed), out)
    return code, out.getvalue()


def _no_decoration(text: str) -> bool:
    """No box drawing, block elements, braille spinners or escape sequences."""
    return not any(
        "\u2500" <= ch <= "\u259f" or "\u2800" <= ch <= "\u28ff" or ch == "\x1b" for ch in text
    )


def test_welcome_first_then_labelled_turns_until_quit(bot) -> None:
    answer = bot.ask(TIRED)
    code, out = _chat(bot, f"{TIRED}\nquit\nthis is never read\n")
    assert code == 0
    assert out.startswith(BUNDLED.welcome)
    for n, example in enumerate(BUNDLED.examples, 1):
        assert f"  {n}. {example}" in out
    assert f"You: {TIRED}\nChatbot: {answer.message}" in out
    assert "Quote, passage 1 of 3:" in out
    assert " ".join(answer.passages[0].quote.split()[:5]) in " ".join(out.split())
    assert "Source: " + answer.passages[0].title in out
    assert "About this evidence:" in out
    assert '(Type "more" for another passage: 2 more.)' in out
    assert "this is never read" not in out
    assert _no_decoration(out)


def test_more_walks_the_passages_then_says_no_more(bot) -> None:
    answer = bot.ask(TIRED)
    _, out = _chat(bot, f"{TIRED}\nmore\nMore\nmore\n")
    assert "Quote, passage 2 of 3:" in out and "Quote, passage 3 of 3:" in out
    assert answer.passages[2].title in out
    assert out.count(BUNDLED.no_more) == 1
    assert out.rstrip().endswith("You:")  # ended cleanly at EOF


def test_more_before_any_question_says_no_more(bot) -> None:
    _, out = _chat(bot, "more\nexit\n")
    assert f"You: more\nChatbot: {BUNDLED.no_more}" in out


def test_urgent_no_match_help_and_example_numbers(bot) -> None:
    _, out = _chat(bot, "I suddenly cant see out of one eye\nhow do I bake bread\nhelp\n2\n")
    assert "Chatbot: URGENT" in out
    assert f"You: how do I bake bread\nChatbot: {BUNDLED.no_match}\n" in out
    assert "You could ask:" in out
    assert BUNDLED.help.splitlines()[0] in out
    second = bot.ask(BUNDLED.examples[1])
    assert second.message in out.split("You: 2\n", 1)[1]
    assert f"You: 2\nChatbot: You asked: {BUNDLED.examples[1]}\n" in out


def test_markup_is_printed_literally(bot) -> None:
    markup = "Grade [A] evidence [bold]x[/bold] [@click=app.quit]"
    code, out = _chat(bot, markup + "\n")
    assert code == 0
    assert f"You: {markup}\n" in out


def _run_module(args: list[str], typed: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "chatbot", *args],
        input=typed,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
    )


def test_python_m_chatbot_plain_reads_stdin() -> None:
    result = _run_module(["--plain"], f"{TIRED}\nmore\nquit\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(BUNDLED.welcome)
    assert f"You: {TIRED}\nChatbot: " in result.stdout
    assert "Quote, passage 2 of 3:" in result.stdout
    assert _no_decoration(result.stdout)


def test_piped_stdin_without_flag_and_dumb_terminal_use_plain_mode() -> None:
    piped = _run_module([], "quit\n")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(BUNDLED.welcome)
    dumb = _run_module([], "exit\n", TERM="dumb")
    assert dumb.returncode == 0 and dumb.stdout.startswith(BUNDLED.welcome)


def test_plain_mode_lists_sources_and_understands_more_please(bot) -> None:
    import io

    from chatbot.plain_chat import run_plain

    out = io.StringIO()
    run_plain(bot, io.StringIO("sources\ncan needles help my tiredness\nmore please\n"), out)
    text = out.getvalue()
    for doc in bot.documents:
        assert doc.title in text
    assert "Passage 2 of" in text


def test_more_keeps_saying_how_many_passages_are_left(bot) -> None:
    answer = bot.ask("can acupuncture help with fatigue")
    assert len(answer.passages) == 3
    _, out = _chat(bot, "can acupuncture help with fatigue\nmore\nmore\n")
    assert out.count('(Type "more" for another passage: 2 more.)') == 1
    assert out.count('(Type "more" for another passage: 1 more.)') == 1


def test_plain_chat_is_one_conversation_with_follow_ups(bot) -> None:
    _, out = _chat(bot, "can acupuncture help with bladder problems\nhow many people were in it?\n")
    assert 'Read with your earlier question: "can acupuncture help with bladder' in out
    assert "Nine patients completed the study" in out


def test_general_notes_are_shown_once_then_on_request(bot) -> None:
    texts = bot.caveats.texts.answer
    _, out = _chat(bot, f"{TIRED}\ndoes acupuncture help with pain\nnotes\n")
    general = texts.caveats[0]
    assert out.count(general) == 2  # with the first answer, and on "notes"
    assert out.count(texts.questions_for_team[0]) == 2
    assert bot.messages.notes_hint in out


def test_new_starts_a_new_conversation(bot) -> None:
    typed = "can acupuncture help with bladder problems\nnew\nhow many people were in it?\n"
    _, out = _chat(bot, typed)
    assert "Read with your earlier question" not in out


@pytest.mark.parametrize("word", ["q", "exit", "quit", "Quit."])
def test_quit_words_leave(bot, word) -> None:
    code, out = _chat(bot, f"{word}\n{TIRED}\n")
    assert code == 0
    assert "Here is what my sources say" not in out


def test_small_talk_gets_a_short_reply(bot) -> None:
    _, out = _chat(bot, "hi\nthanks\n")
    assert "I can't find that" not in out
    assert "You're welcome" in out


def test_export_asks_where_and_writes_only_then(bot, tmp_path) -> None:
    target = tmp_path / "chat.md"
    _, out = _chat(bot, f"{TIRED}\nexport\n{target}\n")
    assert "Save the conversation to which file?" in out
    text = target.read_text(encoding="utf-8")
    assert "tiredness" in text and "About this evidence" in text


def test_export_never_replaces_a_file_without_asking_twice(bot, tmp_path) -> None:
    target = tmp_path / "chat.md"
    target.write_text("keep me", encoding="utf-8")
    _, out = _chat(bot, f"{TIRED}\nexport\n{target}\ncancel\n")
    assert "already exists" in out
    assert target.read_text(encoding="utf-8") == "keep me"


def test_help_lists_the_commands(bot) -> None:
    _, out = _chat(bot, "help\n")
    for word in ("more", "notes", "sources", "export", "new", "quit"):
        assert f'"{word}"' in out


def test_a_source_can_be_read_in_full_with_never_quoted_parts_marked(bot) -> None:
    _, out = _chat(bot, "sources\nsource 2\nsource 9\n")
    doc = bot.documents[1]
    assert f"Source 2: {doc.title}" in out
    assert "[Never quoted (" in out
    assert "There is no source 9." in out


def test_alone_asks_the_last_question_again_on_its_own(bot) -> None:
    typed = "can acupuncture help with bladder problems\ndoes it help with pain?\nalone\n"
    _, out = _chat(bot, typed)
    assert out.count("You asked") == 0
    last = out.rsplit("Chatbot:", 1)[1]
    assert "Read with your earlier question" not in last
