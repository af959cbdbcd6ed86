"""A pointer naming a kind of study ("that review") points at a passage about one."""

from __future__ import annotations

from chatbot import Chatbot
from chatbot.conversation.referents import named_kinds, pointed_at, study_says
from chatbot.conversation.texts import phrase_key

KINDS = ("review", "reviews", "trial", "trials")


def test_a_kind_is_named_in_the_pointer_or_right_after_it() -> None:
    key = phrase_key("how many studies were in that review")
    assert named_kinds(key, [(5, 6)], KINDS) == ("review",)
    key = phrase_key("are those trials any good")
    assert named_kinds(key, [(1, 2)], KINDS) == ("trials",)


def test_no_kind_when_the_pointer_names_none() -> None:
    key = phrase_key("how many people were in that study")
    assert named_kinds(key, [(5, 6)], KINDS) == ()
    # "trial" elsewhere in the message is not what the pointer names
    key = phrase_key("was that a trial")
    assert named_kinds(key, [(1, 2)], KINDS) == ()


def test_the_study_says_the_word_by_its_stem(bot: Chatbot) -> None:
    says = study_says(lambda span: span[0], bot.retriever.analyzer.terms)
    assert says((("A systematic review of trials", 0, 0),), ("reviews",))
    assert not says((("An uncontrolled open study of nine patients", 0, 0),), ("review",))


BLADDER = "did electroacupuncture help the bladder in the nine person study"


def _says_review(bot: Chatbot, passage) -> bool:
    f = bot.follow_ups
    return f.says(f.study(passage.chunk_id, passage.quote_start, passage.quote_end),
                  ("review",))


def test_the_passage_pointed_at_is_the_first_about_such_a_study(bot: Chatbot) -> None:
    answer = bot.ask(BLADDER)
    study, says = bot.follow_ups.study, bot.follow_ups.says
    assert pointed_at(answer.passages, (), study, says) is answer.passages[0]
    assert not any(_says_review(bot, p) for p in answer.passages)  # an open study
    assert pointed_at(answer.passages, ("review",), study, says) is None
    review = bot.ask("what did the 2022 review of 31 studies find")
    assert _says_review(bot, review.passages[0])
    both = [*answer.passages, *review.passages]
    assert pointed_at(both, ("review",), study, says) is review.passages[0]


def test_that_review_after_a_study_that_is_none_is_searched_everywhere(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask(BLADDER)
    reading = bot.follow_ups.read("who did that review?", conversation.history)
    assert [s.name for s in reading.scopes] == ["anywhere", "fallback"]
    assert reading.scopes[0].within is None
    assert reading.scopes[0].follows == BLADDER
    reading = bot.follow_ups.read("who ran that study?", conversation.history)
    assert reading.scopes[0].name == "pattern"
    assert reading.scopes[0].within is not None
