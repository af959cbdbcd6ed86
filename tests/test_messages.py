"""The bot's own texts name the corpus it really uses."""

from __future__ import annotations

from chatbot.messages import MESSAGES, load_messages, sources_phrase


def test_bundled_texts_say_five_sources() -> None:
    assert "five sources" in MESSAGES.welcome and "five sources" in MESSAGES.no_match
    assert "{sources}" not in MESSAGES.model_dump_json()


def test_another_corpus_gets_its_own_count() -> None:
    texts = load_messages(2)
    assert "two sources" in texts.welcome and "five" not in texts.welcome
    assert sources_phrase(1) == "one source" and sources_phrase(23) == "23 sources"
