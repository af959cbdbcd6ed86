"""Snapshots at 80x24 of the four screens a person meets most: welcome, answered,
urgent and no match. Regenerate with `pytest --snapshot-update` and look at the SVGs
before committing them."""

from __future__ import annotations

from textual.pilot import Pilot

from chatbot.tui.app import ChatApp
from tests.tui.conftest import ask


def _asking(question: str):
    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, question)

    return run_before


def test_welcome_screen(snap_compare, bot) -> None:
    assert snap_compare(ChatApp(bot), terminal_size=(80, 24))


def test_answered_screen(snap_compare, bot) -> None:
    run_before = _asking("can acupunture help my tiredness")
    assert snap_compare(ChatApp(bot), terminal_size=(80, 24), run_before=run_before)


def test_urgent_screen(snap_compare, bot) -> None:
    run_before = _asking("I suddenly cant see out of one eye")
    assert snap_compare(ChatApp(bot), terminal_size=(80, 24), run_before=run_before)


def test_no_match_screen(snap_compare, bot) -> None:
    run_before = _asking("how do I bake bread")
    assert snap_compare(ChatApp(bot), terminal_size=(80, 24), run_before=run_before)


def test_follow_up_screen(snap_compare, bot) -> None:
    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, "can acupuncture help with bladder problems")
        await ask(pilot, "how many people were in it?")

    assert snap_compare(ChatApp(bot), terminal_size=(80, 24), run_before=run_before)
