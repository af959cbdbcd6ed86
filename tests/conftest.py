"""Shared fixtures: one bot for the whole run (building it is cheap, but not free)."""

from __future__ import annotations

import pytest

from chatbot import Chatbot


@pytest.fixture(scope="session")
def bot() -> Chatbot:
    return Chatbot()


@pytest.fixture(scope="session")
def lexical_bot() -> Chatbot:
    """The bundled corpus without its memory of labelled questions: the word rules and
    the model fitted without the memory, as a corpus that brings no questions gets."""
    return Chatbot(memory=False)
