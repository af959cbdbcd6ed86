"""Plain-text answers: what plain mode prints and what `chatbot ask` shows a person."""

from __future__ import annotations

import pytest

from chatbot import Chatbot
from chatbot.models import Answer, Passage, SourceKind
from chatbot.render_text import LEAD_IN_LABEL, caveats_for, render_answer, sections, source_line

MARKUP = "Grade [A] evidence [bold]x[/bold] [@click=app.quit]"


def _passage(n: int, **extra) -> Passage:
    fields = dict(
        doc_id=f"doc{n}",
        title=f"Title {n}",
        source_kind=SourceKind.evidence_factsheet,
        source_label="an evidence factsheet",
        author=None,
        date="posted 1 May 2020",
        chunk_id=f"doc{n}#0",
        quote=f"Quote number {n}.\nSecond line {n}.",
        quote_start=0,
        quote_end=10,
        context="",
        context_start=0,
        score=1.0,
        evidence=["machine_tag"],
        caveats=[f"Caveat of passage {n}.", "Shared caveat."],
    )
    fields.update(extra)
    return Passage(**fields)


def _answer(**extra) -> Answer:
    fields = dict(
        question="q?",
        status="answered",
        message="Here is what my sources say.",
        passages=[_passage(1), _passage(2)],
        caveats=["Shared caveat.", "Answer caveat."],
        notices=["A notice."],
        questions_for_team=["Is it safe for me?"],
        suggestions=[],
    )
    fields.update(extra)
    return Answer(**fields)


@pytest.fixture(scope="module")
def bot() -> Chatbot:
    return Chatbot()


def test_source_line_names_title_kind_author_and_date() -> None:
    assert source_line(_passage(1)) == "Title 1 — an evidence factsheet — posted 1 May 2020"
    with_author = _passage(1, author="Dr Who", date=None)
    assert source_line(with_author) == "Title 1 — an evidence factsheet, by Dr Who — no date given"


def test_caveats_join_passage_and_answer_without_repeats() -> None:
    answer = _answer()
    assert caveats_for(answer, answer.passages[0]) == [
        "Caveat of passage 1.",
        "Shared caveat.",
        "Answer caveat.",
    ]


def test_answer_text_has_quote_source_caveats_notices_and_team_questions() -> None:
    text = render_answer(_answer())
    lines = text.splitlines()
    assert lines[0] == "Here is what my sources say."
    # Fixed notices come first, before any quote, so they are never below the fold.
    assert lines[1:3] == ["Important:", "  - A notice."]
    assert lines[3] == "Quote, passage 1 of 2:"
    assert lines[4] == "    \u201cQuote number 1."
    assert lines[5] == "    Second line 1.\u201d"
    assert "Source: Title 1 — an evidence factsheet — posted 1 May 2020" in lines
    caveats = lines.index("About this evidence:")
    assert lines[caveats + 1 : caveats + 4] == [
        "  - Caveat of passage 1.",
        "  - Shared caveat.",
        "  - Answer caveat.",
    ]
    assert "Important:" in lines and "  - A notice." in lines
    assert "Questions to ask your MS team:" in lines and "  - Is it safe for me?" in lines
    assert "machine_tag" not in text  # evidence tags are for machines; caveats say it
    assert "Quote number 2" not in text  # one passage at a time


def test_later_passage_has_its_own_caveats_but_not_the_answers_again() -> None:
    """Each passage keeps its own caveats and the notices; the answer's caveats and
    the questions for the team were shown with the first passage."""
    first = render_answer(_answer(), 0)
    assert "Answer caveat." in first
    text = render_answer(_answer(), 1)
    assert text.splitlines()[0] == "Passage 2 of 2 for: q?"
    assert "Quote number 2." in text
    assert "Caveat of passage 2." in text and "Answer caveat." not in text
    assert "A notice." in text
    assert "Is it safe for me?" not in text


def test_urgent_is_said_in_words_once() -> None:
    plain = render_answer(_answer(status="urgent", message="Call 999 now.", passages=[]))
    assert plain.splitlines()[0] == "URGENT: Call 999 now."
    already = render_answer(_answer(status="urgent", message="URGENT. Call 999.", passages=[]))
    assert already.splitlines()[0] == "URGENT. Call 999."


def test_no_match_shows_message_and_suggestions() -> None:
    answer = _answer(
        status="no_match",
        message="I can't find that.",
        passages=[],
        caveats=[],
        notices=[],
        questions_for_team=[],
        suggestions=["Is acupuncture safe?", "Does it help tiredness?"],
    )
    assert render_answer(answer).splitlines() == [
        "I can't find that.",
        "You could ask:",
        "  - Is acupuncture safe?",
        "  - Does it help tiredness?",
    ]


def test_text_is_literal_and_has_no_box_drawing() -> None:
    answer = _answer(message=MARKUP, passages=[_passage(1, quote=MARKUP, title=MARKUP)])
    text = render_answer(answer)
    assert text.count(MARKUP) == 3
    assert not any("\u2500" <= ch <= "\u259f" for ch in text)


def test_sections_follow_the_real_bot_for_every_status(bot) -> None:
    answered = bot.ask("can acupunture help my tiredness")
    kinds = [s.kind for s in sections(answered)]
    assert kinds[:4] == ["message", "quote", "source", "caveats"]
    urgent = bot.ask("I suddenly cant see out of one eye")
    assert urgent.status == "urgent"
    assert render_answer(urgent).startswith("URGENT")
    no_match = bot.ask("how do I bake bread")
    assert no_match.status == "no_match"
    assert [s.kind for s in sections(no_match)][-1] == "suggestions"


def test_wrapping_never_splits_a_word_and_keeps_the_words() -> None:
    from chatbot.render_text import wrap_lines

    text = render_answer(_answer())
    wrapped = wrap_lines(text, 24)
    assert wrapped.split() == text.split(), "same words, in order, none split"
    for line in wrapped.splitlines():
        assert len(line) <= 24 or " " not in line.strip()
    item = "  - " + "word " * 10
    assert all(line.startswith("    ") for line in wrap_lines(item, 20).splitlines()[1:])


def test_one_bullet_of_a_list_is_shown_after_its_lead_in_as_a_quote_of_its_own(bot) -> None:
    answer = bot.ask("does acupuncture help stiff legs")
    first = answer.passages[0]
    assert first.lead_in and first.lead_in.endswith("by:")
    assert first.lead_in not in first.quote  # never joined to the quote
    parts = sections(answer, 0)
    kinds = [(p.kind, p.title) for p in parts if p.kind == "quote"]
    assert kinds[0] == ("quote", LEAD_IN_LABEL) and kinds[1][1].startswith("Quote, passage 1")
    text = render_answer(answer)
    assert text.index(first.lead_in) < text.index(first.quote.strip().splitlines()[0])


def test_a_long_earlier_question_is_shortened_at_a_word_never_inside_one() -> None:
    from chatbot.render_text import _short

    long = ("my husband has had ms for twenty years and his legs are so stiff now, "
            "would accupuncture help him walk a bit better")
    short = _short(long)
    assert short.endswith("…") and len(short) <= 70
    assert long.startswith(short[:-1]) and long[len(short) - 1] == " "
    assert _short("does it help pain?") == "does it help pain?"
