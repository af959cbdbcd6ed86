"""Issue 12's target: a corpus on another topic, made with `chatbot corpus new` and
edited as the README says (tests/data/cool_corpus: keeping cool with MS, two short
documents written as test data), shows no acupuncture wording anywhere in the chat
or the JSON unless its documents say it, answers what its documents say, and
`corpus check` names each missing or overdue field."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.cli import main
from chatbot.evaluation import evaluate, load_cases
from chatbot.export import conversation_markdown
from chatbot.models import Answer

DATA = Path(__file__).parent / "data"
COOL = DATA / "cool_corpus"
TOPIC_WORDS = re.compile(r"acupunct|needl|electro|\bqi\b|meridian", re.IGNORECASE)

QUESTIONS = [case.question for case in load_cases(DATA / "cool_questions.jsonl")] + [
    "is it safe to exercise in the heat", "does it help", "what are the side effects",
    "hello", "help", "sos", "thanks",
    "I have crushing chest pain going down my left arm",  # urgent: chest pain
    "i fainted and hit the floor",                       # urgent: collapse
    "i cant breathe",                                    # urgent: breathing
    "my face suddenly drooped on one side",              # urgent: stroke
    "had a seizure years ago, is heat a problem for me",
    "should i stop my meds when it is hot",              # the medicine notice
]


@pytest.fixture(scope="module")
def cool() -> Chatbot:
    return Chatbot(COOL)


def own_words(answer: Answer) -> list[str]:
    """Everything in an answer that is the bot's own words, not a document's."""
    texts = [answer.message, *answer.caveats, *answer.notices, *answer.questions_for_team,
             *answer.suggestions]
    if answer.safety_net:
        texts.append(answer.safety_net.message)
    for p in answer.passages:
        texts += [p.source_label, *p.caveats, *p.evidence]
    return texts


def test_the_bot_says_nothing_of_acupuncture_in_its_own_words(cool: Chatbot) -> None:
    texts = cool.messages
    shown = [texts.title, texts.welcome, texts.no_match, texts.help, texts.medicine_notice,
             texts.sources_intro.text, *texts.examples]
    assert not [t for t in shown if TOPIC_WORDS.search(t)]
    for question in QUESTIONS:
        answer = cool.ask(question)
        assert not [t for t in own_words(answer) if TOPIC_WORDS.search(t)], question


def test_the_documents_may_say_it_and_are_quoted_word_for_word(cool: Chatbot) -> None:
    answer = cool.ask("can i have acupuncture if i take blood thinners")
    assert answer.status == "answered"
    best = answer.passages[0]
    assert "Tell your practitioner if you take blood thinners" in best.quote
    text = cool.document_text(best.doc_id)
    assert text[best.quote_start : best.quote_end] == best.quote
    assert answer.notices == [cool.messages.medicine_notice]


def test_it_answers_what_its_documents_say(cool: Chatbot) -> None:
    report = evaluate(cool, load_cases(DATA / "cool_questions.jsonl"))
    assert report.failures == []
    assert (report.hit1, report.abstention, report.urgent_recall) == (1.0, 1.0, 1.0)
    assert report.medicine_notice_recall == 1.0 and report.invariant_violations == 0


def test_it_means_nothing_in_a_corpus_about_no_one_treatment(cool: Chatbot) -> None:
    """"Is it safe to...?" asks about what follows, not about a treatment the corpus
    does not have: before issue 12 every such question was no_match."""
    answer = cool.ask("is it ok to have a cool shower instead of a bath")
    assert answer.status == "answered"
    assert "cool shower" in answer.passages[0].quote


def test_the_chat_shows_no_acupuncture_outside_the_quotes(cool: Chatbot) -> None:
    lines = ["help", "sources", *QUESTIONS[:8], "more", "quit"]
    out = io.StringIO()
    assert main(["--corpus", str(COOL), "--plain"], stdin=io.StringIO("\n".join(lines) + "\n"),
                stdout=out) == 0
    transcript = out.getvalue()
    assert "Keeping cool with MS: what the sources say" not in transcript  # no title line
    assert "1. Why does heat make my MS worse?" in transcript
    # Quotes are between curly quotes, indented; everything else is the bot's.
    outside = re.sub(r"\u201c.*?\u201d", "", transcript, flags=re.DOTALL)
    asked = set(lines)
    mentions = [line for line in outside.splitlines()
                if TOPIC_WORDS.search(line) and line.removeprefix("You: ") not in asked]
    assert mentions == []


def test_sources_in_the_json_and_the_export(cool: Chatbot) -> None:
    answer = cool.ask("do cooling vests help")
    passage = json.loads(answer.model_dump_json())["passages"][0]
    assert passage["publisher"] == "Riverside MS Clinic (test data)"
    assert passage["url"] == "https://www.example.org/keeping-cool"
    assert (passage["reviewed"], passage["review_due"]) == ("2024-01-15", "2025-01-15")
    other = cool.ask("is a massage ok in hot weather").passages[0]
    assert (other.publisher, other.url, other.reviewed) == (None, None, None)
    markdown = conversation_markdown([("do cooling vests help", answer)], cool.messages.welcome)
    assert "Published by: Riverside MS Clinic (test data)" in markdown
    assert "Last reviewed 15 January 2024. Its next review was due 15 January 2025." in markdown
    assert not TOPIC_WORDS.search(re.sub(r"^>.*$", "", markdown, flags=re.MULTILINE))


def test_titles_are_never_quoted(cool: Chatbot) -> None:
    for chunk in cool.chunks:
        title = next(d.title for d in cool.documents if d.id == chunk.doc_id)
        assert title not in [line.strip() for line in chunk.text.splitlines()]


def test_corpus_check_names_each_missing_or_overdue_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["corpus", "check", str(COOL)], stdin=io.StringIO(""), stdout=None)
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    named = {re.search(r"\(id '([^']+)'\)\.(\w+): (missing|the review was due)", line).groups()
             for line in out if line.startswith("warning: ")}
    assert named == {
        ("keeping-cool", "review_due", "the review was due"),
        ("hot-weather-therapies", "url", "missing"),
        ("hot-weather-therapies", "publisher", "missing"),
        ("hot-weather-therapies", "reviewed", "missing"),
        ("hot-weather-therapies", "review_due", "missing"),
    }
    assert "the review was due on 2025-01-15" in "\n".join(out)
    assert out[-1] == f"OK: {COOL}: 2 documents, {len(Chatbot(COOL).chunks)} passages, 5 warnings"
    assert main(["corpus", "check", "--strict", str(COOL)], stdin=io.StringIO(""),
                stdout=None) == 1


def test_corpus_list_shows_what_is_known_of_each_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["corpus", "list", "--json", str(COOL)], stdin=io.StringIO(""), stdout=None)
    rows = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["keeping-cool"]["review_due"] == "2025-01-15"
    assert rows["hot-weather-therapies"]["publisher"] is None
    main(["corpus", "list", str(COOL)], stdin=io.StringIO(""), stdout=None)
    text = capsys.readouterr().out
    assert "Published by: not given" in text and "Online at: https://www.example.org/" in text
