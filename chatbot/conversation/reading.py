"""Reading a message with the conversation: alone, or as a follow-up of an earlier turn.

Retrieval only, so a follow-up is never answered with new words: it becomes a
question the retriever can search, built from the asker's own words.

- "what about sleep?" after "can acupuncture help my tiredness?" carries the earlier
  question on to a new subject: "can acupuncture help my sleep".
- "how many people were in it?", "was that in rats?", "is that proven?" point back at
  what was last quoted: the earlier question and this one, searched together, first
  within the document last quoted.
- A message with a subject of its own and no word pointing back changes the topic,
  and is read alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatbot.conversation.texts import FollowUp, phrase_key

if TYPE_CHECKING:
    from chatbot.models import Answer

TOPIC_STATUSES = ("answered", "no_match")
"""Turns that asked about something; small talk, replies and urgent turns carry no topic."""


@dataclass(frozen=True)
class Reading:
    """What the retriever searches for one message, and how it was read."""

    text: str
    follows: str | None = None
    """The earlier question it was read with, or None when read alone."""
    within: frozenset[str] | None = None
    """Search these documents first (the one last quoted), or everywhere."""


class FollowUpReader:
    """Decides how to read each message of a conversation, from the earlier answers."""

    def __init__(
        self, cues: FollowUp, subject_words: Callable[[str], tuple[list[str], list[str]]]
    ) -> None:
        self.cues = cues
        self.subject_words = subject_words
        self._refers = cues.cue("refers_back")
        self._refers_weak = cues.cue("refers_back_weak")
        self._carries = cues.cue("carries_on")

    def read(self, message: str, history: Sequence[Answer]) -> Reading:
        """The reading of `message` after `history` (earlier answers, oldest first)."""
        # Each earlier turn is read as it was then, so a chain of follow-ups ("what
        # about sleep?" then "and pain?") carries the topic along. Only the last few
        # turns matter; older ones are read alone, which bounds the work.
        window = list(history[-2 * self.cues.turns_back :])
        readings: list[Reading] = []
        for i, answer in enumerate(window):
            readings.append(self._read_after(answer.question, window[:i], readings))
        return self._read_after(message, window, readings)

    def _read_after(
        self, message: str, history: Sequence[Answer], readings: Sequence[Reading]
    ) -> Reading:
        earlier = self._topic_turn(history)
        if earlier is None:
            return Reading(message)
        return self.follow_up(message, history[earlier], readings[earlier])

    def _topic_turn(self, history: Sequence[Answer]) -> int | None:
        """The latest earlier turn that asked about something, within `turns_back`."""
        for back, i in enumerate(range(len(history) - 1, -1, -1)):
            if back >= self.cues.turns_back:
                return None
            if history[i].status in TOPIC_STATUSES:
                return i
        return None

    def follow_up(self, message: str, earlier: Answer, reading: Reading) -> Reading:
        """`message` read after the `earlier` answer, whose question was read as `reading`."""
        key = phrase_key(message)
        cue_words = {key[i] for s, e in self._spans(key) for i in range(s, e)}
        subject, treatment = self.subject_words(message)
        own = [w for w in subject if w not in cue_words]
        carries = any(s == 0 for s, _ in self._carries.spans(key))
        if carries and (own or treatment):
            text = self._carried_on(reading.text, key, own)
            return Reading(text, follows=earlier.question)
        if self._refers.spans(key) or not (own or treatment):
            within = frozenset(p.doc_id for p in earlier.passages[:1]) or None
            text = f"{reading.text.rstrip()}\n{message}"
            return Reading(text, follows=earlier.question, within=within)
        return Reading(message)

    def _spans(self, key: tuple[str, ...]) -> list[tuple[int, int]]:
        return [*self._refers.spans(key), *self._refers_weak.spans(key),
                *self._carries.spans(key)]

    def _carried_on(self, earlier_text: str, key: tuple[str, ...], own: list[str]) -> str:
        """The earlier question with the part this message replaces put in its place:
        its subject ("what about sleep?"), or, when the message names a treatment
        only, its treatment ("and electroacupuncture?")."""
        old_subject, old_treatment = self.subject_words(earlier_text)
        replaced = set(old_subject if own else old_treatment)
        frame = [w for w in phrase_key(earlier_text) if w not in replaced]
        opener = next(e for s, e in self._carries.spans(key) if s == 0)
        return " ".join([*frame, *key[opener:]])
