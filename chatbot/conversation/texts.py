"""The reviewed file `data/conversation.toml`: follow-up cues, small talk, and the
cues of a question about the sources, each checked for shape and contradictions."""

from functools import cache, cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.tokenizer import spelled_out, words
from chatbot.vocabulary import load_vocabulary


def phrase_key(text: str) -> tuple[str, ...]:
    """A phrase as the words the one normalisation of text gives, texting spellings
    read as the words they stand for ("wat about sleep" is "what about sleep")."""
    return tuple(spelled_out(words(text), _texting()))


@cache
def _texting() -> dict[str, str]:
    return load_vocabulary().texting


def find_phrases(message: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> list[
        tuple[int, int]]:
    """(start, end) word positions of each phrase found in `message`, longest first
    at each position, never overlapping."""
    longest = max(map(len, phrases), default=0)
    found, i = [], 0
    while i < len(message):
        for size in range(min(longest, len(message) - i), 0, -1):
            if message[i : i + size] in phrases:
                found.append((i, i + size))
                i += size
                break
        else:
            i += 1
    return found


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CueList(_Strict):
    """Phrases with examples both ways: `match` must contain one, `no_match` none."""

    id: str
    phrases: list[str] = Field(min_length=1)
    at_start: bool = False
    """Found only where the message starts ("what about sleep?", not "... and pain")."""
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_repeats(self) -> "CueList":
        keys = [phrase_key(p) for p in self.phrases]
        if len(set(keys)) != len(keys) or not all(keys):
            raise ValueError(f"{self.id}: a phrase is empty or repeated")
        return self

    @cached_property
    def keys(self) -> frozenset[tuple[str, ...]]:
        return frozenset(phrase_key(p) for p in self.phrases)

    def spans(self, message: str | tuple[str, ...], start: int = 0) -> list[tuple[int, int]]:
        """Where the phrases are; for a cue `at_start`, only one that begins within
        the first `start` words (the message's lead-in words, "ok") or right after."""
        key = phrase_key(message) if isinstance(message, str) else message
        found = find_phrases(key, self.keys)
        return [span for span in found if span[0] <= start] if self.at_start else found


class FollowUp(_Strict):
    turns_back: int = Field(ge=1, le=10)
    topic_kinds: list[str]
    """Kinds of question whose "that" is what was said, not the study quoted."""
    passage_kinds: list[str]
    """Kinds of question answered from the passage just read, or not at all."""
    lead_ins: list[str] = []
    """Single words a message may open with before what it asks ("ok", "hmm")."""
    question_openers: list[str] = []
    """Single words that open a question of its own: after "and" or "what about" they
    make it a new question joined on ("and did their quality of life change?"), not
    the earlier question carried on to a new subject ("and sleep?")."""
    study_kinds: list[str] = []
    """Words naming a kind of study ("review", "trial"): a pointer naming one points at
    a passage just quoted whose study the word names, or else at none of them."""
    cues: list[CueList]

    def lead(self, key: tuple[str, ...]) -> int:
        """How many of the message's first words are lead-in words."""
        n = 0
        while n < len(key) and key[n] in self.lead_ins:
            n += 1
        return n

    @model_validator(mode="after")
    def _known_cues(self) -> "FollowUp":
        if set(self.topic_kinds) & set(self.passage_kinds):
            raise ValueError("a kind cannot be both a topic kind and a passage kind")
        if any(len(phrase_key(w)) != 1 for w in (*self.lead_ins, *self.question_openers)):
            raise ValueError("a lead-in or a question opener is one word")
        if set(self.lead_ins) & set(self.question_openers):
            raise ValueError("a word cannot be both a lead-in and a question opener")
        if any(len(phrase_key(w)) != 1 for w in self.study_kinds):
            raise ValueError("a kind of study is one word")
        ids = sorted(c.id for c in self.cues)
        if ids != sorted(FOLLOW_UP_CUES):
            raise ValueError(f"follow-up cues must be exactly {sorted(FOLLOW_UP_CUES)}")
        weak = self.cue("refers_back_weak").keys
        lone = [p for p in self.cue("points_at_nothing").phrases
                if not any(find_phrases(phrase_key(p), weak))]
        if lone:
            raise ValueError(f"points_at_nothing: {lone} hold no weak pointer ('it', 'they')")
        return self

    def cue(self, cue_id: str) -> CueList:
        return next(c for c in self.cues if c.id == cue_id)


FOLLOW_UP_CUES = ("refers_back", "refers_back_weak", "points_at_nothing", "carries_on")


class SmallTalkReply(CueList):
    reply: str = Field(min_length=1)


class SmallTalk(_Strict):
    filler: list[str]
    replies: list[SmallTalkReply] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_contradictions(self) -> "SmallTalk":
        seen: dict[tuple[str, ...], str] = {}
        for reply in self.replies:
            for key in reply.keys:
                if key in seen:
                    raise ValueError(f"{key} is small talk of both {seen[key]} and {reply.id}")
                seen[key] = reply.id
        clash = {(w,) for w in self.filler} & seen.keys()
        if clash:
            raise ValueError(f"filler words that are also small talk: {sorted(clash)}")
        return self


class SourcesQuestion(CueList):
    id: Literal["sources_question"] = "sources_question"
    """The file's `[sources_question]` table names no id of its own."""
    reply_intro: str = Field(min_length=1)
    reply_end: str = Field(min_length=1)
    kinds: list[str] = []
    """Kinds of question that may ask about the sources; any other asks what they say."""


Person = Literal["self", "her", "him", "them"]


class PersonWords(_Strict):
    """Words that say who a question is about; examples are (message, person)."""

    her: list[str]
    him: list[str]
    them: list[str]
    match: list[tuple[str, Person]] = Field(min_length=4)

    @model_validator(mode="after")
    def _disjoint(self) -> "PersonWords":
        lists = [set(self.her), set(self.him), set(self.them)]
        if any(a & b for i, a in enumerate(lists) for b in lists[i + 1 :]):
            raise ValueError("a person word is in two lists")
        return self

    def about(self, message: str) -> Person | None:
        """The person the first person word of `message` names, or None."""
        for word in phrase_key(message):
            for person in ("her", "him", "them"):
                if word in getattr(self, person):
                    return person  # type: ignore[return-value]
        return None


class ConversationTexts(_Strict):
    follow_up: FollowUp
    small_talk: SmallTalk
    sources_question: SourcesQuestion
    person: PersonWords


def load_conversation_texts() -> ConversationTexts:
    return load_data_file("conversation.toml", ConversationTexts)
