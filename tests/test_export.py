"""Markdown export: every quote with its source and caveats; typed text stays literal."""

from __future__ import annotations

from pathlib import Path

from chatbot import Chatbot
from chatbot.corpus import load_corpus
from chatbot.export import conversation_markdown, md_literal, write_markdown
from chatbot.messages import load_messages
from chatbot.models import Answer

BUNDLED = load_messages(5, load_corpus().texts)
"""The texts of the bundled corpus, as its bot shows them."""

MARKUP = "Grade [A] evidence [bold]x[/bold] [@click=app.quit]"


def test_md_literal_escapes_what_markdown_would_read_as_markup() -> None:
    assert md_literal("Grade [A] *x* <b> `c` #1 a_b |t|") == (
        r"Grade \[A\] \*x\* \<b\> \`c\` \#1 a\_b \|t\|"
    )
    assert md_literal("plain words, 1.5 mg (daily)") == "plain words, 1.5 mg (daily)"


def test_conversation_has_every_passage_with_source_and_caveats(tmp_path: Path) -> None:
    bot = Chatbot()
    tired = bot.ask("can acupunture help my tiredness")
    urgent = bot.ask("I suddenly cant see out of one eye")
    none = bot.ask("how do I bake bread")
    target = write_markdown(
        tmp_path / "chat.md",
        [(tired.question, tired), (urgent.question, urgent), (none.question, none)],
        intro=BUNDLED.welcome,
    )
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Conversation with")
    assert "\n\nNothing you type here is stored" in text  # paragraphs kept
    assert "## Question 1: can acupunture help my tiredness" in text
    for passage in tired.passages:
        for line in passage.quote.strip().splitlines():
            if line.strip():
                assert f"> {md_literal(line)}" in text
        assert md_literal(passage.title) in text
        for caveat in passage.caveats:
            assert md_literal(caveat) in text
    assert text.count("**Source:**") == len(tired.passages)
    assert "### Passage 3 of 3" in text
    assert "- What are the risks for me?" in text
    assert "## Question 2:" in text and "**URGENT." in text
    assert "## Question 3:" in text and "**You could ask:**" in text


def test_markup_is_escaped_not_interpreted() -> None:
    answer = Answer(question=MARKUP, status="no_match", message=MARKUP, suggestions=[MARKUP])
    text = conversation_markdown([(MARKUP, answer)])
    escaped = r"Grade \[A\] evidence \[bold\]x\[/bold\] \[@click=app.quit\]"
    assert text.count(escaped) == 3
    assert "[A]" not in text


def test_nothing_but_the_named_file_is_written(tmp_path: Path) -> None:
    answer = Answer(question="q", status="no_match", message="m")
    write_markdown(tmp_path / "out.md", [("q", answer)])
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_follow_up_says_how_it_was_read_without_an_empty_heading() -> None:
    conversation = Chatbot().conversation()
    first = conversation.ask("were there any side effects in the bladder study?")
    follow = conversation.ask("how many people were in it?")
    assert follow.follows is not None
    text = conversation_markdown([(first.question, first), (follow.question, follow)])
    assert "**:**" not in text
    assert f"*{md_literal(BUNDLED.follows.split('{question}')[0].strip())}" in text
