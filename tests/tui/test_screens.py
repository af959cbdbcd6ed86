"""The other screens: sources, reading a quote in context, export, and literal text."""

from __future__ import annotations

import re

from textual.widgets import Input

from chatbot.models import Answer, DocumentMeta, Passage, SourceKind
from chatbot.tui.app import ChatApp
from chatbot.tui.screens.chat import ChatScreen
from chatbot.tui.screens.document import DocumentScreen
from chatbot.tui.screens.export import ExportScreen
from chatbot.tui.screens.sources import SourcesScreen
from chatbot.tui.widgets.answer import AnswerView
from tests.tui.conftest import (
    BUNDLED,
    TIRED,
    StubBot,
    ask,
    flat,
    screen_text,
    settle,
    source_prompts,
    text_of,
)

MARKUP = "Grade [A] evidence [bold]x[/bold] [@click=app.quit]"


async def test_sources_screen_lists_documents_with_kind_and_date(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        prompts = await source_prompts(pilot)
        assert len(prompts) == len(bot.documents)
        for doc, prompt in zip(bot.documents, prompts, strict=True):
            assert prompt.startswith(doc.title)
            assert doc.kind.label in flat(prompt)
            assert (doc.date_label or "no date given") in flat(prompt)
            # Detail lines keep their indent when they wrap.
            assert all(line.startswith("  ") for line in prompt.splitlines()[1:])
        assert BUNDLED.sources_intro.text in screen_text(app)
        authored = next(d for d in bot.documents if d.author)
        assert f"by {authored.author}" in flat(prompts[bot.documents.index(authored)])
        await pilot.press("escape")
        assert isinstance(app.screen, ChatScreen)


async def test_source_of_last_quote_opens_with_the_quote_marked(bot) -> None:
    expected = bot.ask(TIRED).passages[0]
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        await pilot.press("f3")
        await pilot.pause()
        sources = app.screen
        assert isinstance(sources, SourcesScreen)
        assert sources.docs[0].id == expected.doc_id  # the quote's source comes first
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, DocumentScreen)
        marked = reader.query_one("#quoted-span")
        text = bot.document_text(expected.doc_id)
        assert text_of(marked) == f"» {text[expected.quote_start : expected.quote_end].strip()} «"
        # The mark is more than colour: » « in the text, bold, and a bar beside it.
        assert marked.styles.border_left[0] != ""
        # The reader is scrolled so the quote is on screen.
        scroller = reader.query_one("#document")
        top = marked.virtual_region.y - scroller.scroll_y
        assert 0 <= top < scroller.size.height
        assert "»" in screen_text(app)
        # The text around the quote is there too, in order.
        body = " ".join(text_of(w) for w in reader.query(".doc-text"))
        assert flat(text[: expected.quote_start])[-40:] in flat(body)
        await pilot.press("escape")
        assert isinstance(app.screen, SourcesScreen)


async def test_any_source_opens_in_full_without_a_mark(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("down", "enter")  # the separator line is skipped
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, DocumentScreen)
        assert reader.doc.id == bot.documents[1].id
        assert not reader.query("#quoted-span")
        shown = " ".join(text_of(w) for w in reader.query(".doc-text"))
        # The whole document, word for word; the parts never quoted (the clinic's
        # advert, its links to other posts) are labelled in words, not only dimmed.
        labels = re.findall(r"\[Never quoted by the chatbot: [^\]]*\]", shown)
        assert any("booking advertisement" in label for label in labels)
        assert flat(re.sub(r"\[Never quoted by the chatbot: [^\]]*\]", " ", shown)) == flat(
            bot.document_text(bot.documents[1].id)
        )


async def test_export_writes_the_named_file_with_sources_and_caveats(bot, tmp_path) -> None:
    answer = bot.ask(TIRED)
    target = tmp_path / "my chat [1].md"
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")  # nothing asked yet: nothing to export, no dialog
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await ask(pilot, TIRED)
        assert list(tmp_path.iterdir()) == []  # nothing written until asked
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
    written = target.read_text(encoding="utf-8")
    assert f"Question 1: {TIRED}" in written
    for passage in answer.passages:
        assert passage.quote.split()[0] in written
        assert passage.title in written
    for caveat in answer.caveats:
        assert caveat in written
    assert "**Source:**" in written and "**About this evidence:**" in written


async def test_export_asks_before_replacing_a_file_and_reports_bad_paths(bot, tmp_path) -> None:
    existing = tmp_path / "chat.md"
    existing.write_text("keep me", encoding="utf-8")
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        await pilot.press("f5")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        box.value = str(tmp_path / "no such folder" / "chat.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "Could not save there" in text_of(app.screen.query_one("#export-status"))
        box.value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # asked first
        assert existing.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert TIRED in existing.read_text(encoding="utf-8")
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("escape")  # cancel writes nothing
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.md"]


def _markup_bot() -> StubBot:
    doc = DocumentMeta(
        id="markup-doc",
        file="markup.txt",
        title=f"Title {MARKUP}",
        kind=SourceKind.personal_blog,
        author=MARKUP,
        date_note=MARKUP,
    )
    text = f"Before. {MARKUP} After."
    start = text.index(MARKUP)
    passage = Passage(
        doc_id=doc.id,
        title=doc.title,
        source_kind=doc.kind,
        source_label=doc.kind.label,
        author=doc.author,
        date=doc.date_label,
        chunk_id="markup-doc#0",
        quote=MARKUP,
        quote_start=start,
        quote_end=start + len(MARKUP),
        context=text,
        context_start=0,
        score=1.0,
        caveats=[MARKUP],
    )

    def reply(question: str) -> Answer:
        return Answer(
            question=question,
            status="answered",
            message=MARKUP,
            passages=[passage],
            caveats=[MARKUP],
            notices=[MARKUP],
            questions_for_team=[MARKUP],
            suggestions=[MARKUP],
        )

    return StubBot(reply, [doc], {doc.id: text})


async def test_markup_in_questions_and_corpus_is_shown_literally(tmp_path) -> None:
    app = ChatApp(_markup_bot())
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ask(pilot, MARKUP)
        assert app.is_running  # [@click=app.quit] did nothing
        assert text_of(app.screen.query_one(".user-message")) == f"You: {MARKUP}"
        view = app.screen.query_one(AnswerView)
        assert text_of(view.query_one(".message")) == f"Chatbot: {MARKUP}"
        assert text_of(view.query_one(".quote")) == MARKUP
        assert MARKUP in text_of(view.query_one(".source"))
        for item in view.query(".item-text"):
            assert text_of(item) == MARKUP
        assert str(view.query_one("QuestionPicker").get_option_at_index(0).prompt) == (
            f"1. {MARKUP}"
        )
        assert MARKUP in screen_text(app)
        # Sources and the document view, including the marked quote.
        await pilot.press("f3")
        await pilot.pause()
        assert MARKUP in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app.screen.query_one("#quoted-span")) == f"» {MARKUP} «"
        assert MARKUP in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        # Notifications never parse markup: save to a path with brackets in it.
        await pilot.press("f5")
        await pilot.pause()
        target = tmp_path / "chat [bold]x[red] [@click=app.quit].md"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.exists()
        await pilot.pause(0.2)
        notes = list(app._notifications)
        assert [n.message for n in notes] == [f"Saved the conversation to {target}"]
        assert not notes[0].markup
        assert "Saved the conversation to" in flat(screen_text(app))
        await pilot.press("f4")
        await pilot.pause()
        assert MARKUP in app.clipboard
        assert app.is_running


async def test_every_key_shows_in_the_footer_at_60_columns(bot) -> None:
    """On a narrow screen the footer turns compact and drops the palette hint, so
    "Quit" and "Help" are not cut off; at 80 columns it is back to normal."""
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "palette" in screen_text(app).splitlines()[-1]
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Quit" in footer and "F1 Help" in footer, footer
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "palette" in screen_text(app).splitlines()[-1]
