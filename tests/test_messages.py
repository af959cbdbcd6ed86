"""The bot's own texts name the corpus it really uses, and no topic of their own."""

from __future__ import annotations

import re

from chatbot import Chatbot
from chatbot.messages import MESSAGES, load_messages, sources_phrase
from chatbot.models import CorpusTexts

TOPIC_WORDS = ("acupunct", "needl", "electro")


def test_bundled_texts_come_from_its_manifest(bot: Chatbot) -> None:
    texts = bot.messages
    assert texts.welcome.startswith(
        "Hello. I can tell you what five sources say about acupuncture and "
        "electroacupuncture for MS symptoms, like tiredness, stiffness, pain, bladder "
        "problems, sleep, mood and walking.\n\n")
    assert "five sources" in texts.no_match and "about acupuncture" in texts.no_match
    assert texts.title == "Acupuncture and MS: what the sources say"
    assert texts.examples[0] == "Can acupuncture help with MS tiredness?"
    # Every corpus placeholder is filled ({question} is filled when an answer is shown).
    assert not re.search(r"\{(?!question\})[a-z_]+\}", texts.model_dump_json())


def test_the_defaults_name_no_topic() -> None:
    for texts in (MESSAGES, load_messages(2)):
        shown = texts.model_dump_json().lower()
        assert not [w for w in TOPIC_WORDS if w in shown]
        assert not re.search(r"\{(?!question\})[a-z_]+\}", shown)
    assert MESSAGES.examples == []
    assert load_messages(2).welcome.startswith("Hello. I can tell you what two sources say.\n")


def test_another_corpus_gets_its_own_count_and_texts() -> None:
    texts = load_messages(2, CorpusTexts(name="Heat", topic="keeping cool",
                                         examples=["How can I stay cool?"],
                                         medicine_notice="Ask your pharmacist."))
    assert "two sources say about keeping cool." in texts.welcome and "five" not in texts.welcome
    assert "two sources say about keeping cool." in texts.no_match
    assert texts.title == "Heat" and texts.medicine_notice == "Ask your pharmacist."
    assert 'for example "How can I stay cool?"' in texts.help
    assert sources_phrase(1) == "one source" and sources_phrase(23) == "23 sources"


def test_a_corpus_may_give_its_whole_welcome() -> None:
    texts = load_messages(3, CorpusTexts(welcome="Hi. These {sources} are about heat."))
    assert texts.welcome == "Hi. These three sources are about heat."


def test_one_source_says() -> None:
    texts = load_messages(1, CorpusTexts(topic="heat"))
    assert "what one source says about heat." in texts.welcome
    assert "what one source says about heat." in texts.no_match
