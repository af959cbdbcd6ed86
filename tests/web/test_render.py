"""The page shows what the shared sections say, in their order, plus how a message
was read ("follows") and the reply status; a source's pieces keep every character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from chatbot.messages import MESSAGES
from chatbot.models import Answer, SafetyNet
from chatbot.render_text import sections
from chatbot.web.documents import pieces, valid_span
from chatbot.web.render import page, turn


def _html(answer: Answer) -> str:
    return page("turn_fragment.html", t=turn(1, answer), history=[(answer.question, False)])


def test_the_parts_are_the_shared_sections_in_order(bot):
    answer = bot.ask("i have hives, is acupuncture safe?")
    view = turn(1, answer)
    kinds = [p.section.kind for p in view.net + view.parts]
    assert kinds == [s.kind for s in sections(answer, 0)]
    assert len(view.more) == len(answer.passages) - 1
    assert view.net and view.net[0].section.kind == "safety_net"
    html = _html(answer)
    assert html.index("Safety first") < html.index("<blockquote")


def test_follows_is_shown_in_a_few_words():
    answer = Answer(question="how many people were in it?", status="answered", message="m",
                    follows="can acupuncture help my bladder?")
    html = _html(answer)
    shown = MESSAGES.follows.replace("{question}", "can acupuncture help my bladder?")
    assert escape(shown) in html
    assert "Read with your earlier" not in _html(answer.model_copy(update={"follows": None}))


def test_follows_comes_after_the_safety_net_and_before_the_answer():
    answer = Answer(question="and now?", status="answered", message="The message.",
                    follows="first", safety_net=SafetyNet(flag="f", message="Net text."))
    html = _html(answer)
    assert html.index("Net text.") < html.index("Read with your earlier") < html.index(
        "The message.")


def test_a_reply_is_its_fixed_text_alone():
    answer = Answer(question="hi", status="reply", message="Hello.\n\nAsk me about MS.")
    html = _html(answer)
    assert "<p class=\"message\">Hello.</p>" in html
    assert "Ask me about MS." in html and "<blockquote" not in html
    assert "status-reply" in html


def test_an_urgent_reply_keeps_its_lines():
    answer = Answer(question="x", status="urgent", message="URGENT. Call now.\nLine two.")
    html = _html(answer)
    assert '<div class="urgent">' in html
    assert "URGENT. Call now.<br>Line two." in html


TEXT = "Intro line.\n\nFirst para, quoted here. More.\n\nNever this advert.\n\nLast."


def test_pieces_mark_the_quote_and_the_never_quoted_span():
    start = TEXT.index("quoted")
    span = (start, TEXT.index("advert") + len("advert"))
    never = [(TEXT.index("Last"), len(TEXT), "an ending")]
    paragraphs = pieces(TEXT, span, never)
    kinds = [[p.kind for p in para] for para in paragraphs]
    assert kinds == [["text"], ["text", "quote"], ["quote", "text"], ["never"]]
    quote = [(p.text, p.first, p.last) for para in paragraphs for p in para if p.kind == "quote"]
    assert quote == [("quoted here. More.", True, False), ("Never this advert", False, True)]
    assert paragraphs[3][0].reason == "an ending"


@given(st.text(alphabet="ab \n.", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_pieces_lose_no_character(text, a, b):
    span = valid_span(text, min(a, b), max(a, b))
    out = pieces(text, span)
    joined = "".join(piece.text for para in out for piece in para)
    expected = "".join(text[s:e] for s, e in _paragraph_spans(text))
    assert joined == expected
    if span and text[span[0]:span[1]].strip():
        marked = [p for para in out for p in para if p.kind == "quote"]
        assert sum(p.first for p in marked) == 1 and sum(p.last for p in marked) == 1


def _paragraph_spans(text):
    from chatbot.web.documents import _paragraph_bounds

    return _paragraph_bounds(text)


def test_valid_span():
    assert valid_span("abc", 0, 3) == (0, 3)
    assert valid_span("abc", 2, 2) is None
    assert valid_span("abc", 1, 4) is None
    assert valid_span("abc", None, 2) is None


def test_a_part_the_page_does_not_know_is_still_shown(monkeypatch):
    """A kind of section added to `render_text` later (e.g. its own "follows" line)
    shows as text, with its title when it has one, never as an empty heading."""
    from chatbot.render_text import Section
    from chatbot.web import render

    extra = [Section("follows", "", ("Reading this with your question about X.",)),
             Section("something_new", "New part", ("one", "two"))]
    original = render.sections
    monkeypatch.setattr(render, "sections", lambda a, i=0, **kw: [*original(a, i, **kw), *extra])
    answer = Answer(question="and?", status="answered", message="m", follows="earlier")
    html = _html(answer)
    assert '<p class="follows">Reading this with your question about X.</p>' in html
    assert "Reading this with your earlier question" not in html  # theirs, not ours
    assert "<h4" in html and "New part" in html and "<li>two</li>" in html
    assert "<h4></h4>" not in html
