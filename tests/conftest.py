"""Shared fixtures: one bot for the whole run (building it is cheap, but not free)."""

from __future__ import annotations

import pytest

from chatbot import Chatbot


@pytest.fixture(scope="session")
def bot() -> Chatbot:
    return Chatbot()
