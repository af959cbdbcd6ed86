"""Red flags and medicine notices, checked before any retrieval.

The patterns and the fixed messages live in `data/safety.toml`; the emergency and
crisis numbers come from the environment so they can suit the person's country.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from chatbot.data import load_data_file
from chatbot.tokenizer import Speller

_WORD = re.compile(r"[a-z]+")
_DETERMINER_NEGATIONS = frozenset({"no"})  # not "without": "better off without me"
_NO_MORE = re.compile(r"\bno (more|longer)\b")
"""Not a negation of what follows: "can't do this no more gonna end it"."""
_RIGHT_NOW = re.compile(
    r"\b(right now|now|today|tonight|this (morning|afternoon|evening)|just now)\b"
)
"""A recurring pattern that is happening now is not set aside ("...but right now")."""
EMERGENCY_ENV = "CHATBOT_EMERGENCY"
CRISIS_ENV = "CHATBOT_CRISIS"


class RedFlag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    patterns: list[str] = Field(min_length=1)
    message: str
    calm_guards: bool = True
    """Whether a past-time or "what if" sentence can set a match aside."""


class Calm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    negators: list[str] = Field(min_length=1)
    negation_skips: list[str] = Field(default_factory=list)
    """Words a negation reaches across: "never had thoughts of harming myself"."""
    personal_now: str
    still_now: str
    resolved: str
    past: str
    general_question: str
    hypothetical: str
    recurring: str
    negated_signs: str
    generic: str
    idioms: str
    reported: str


class SafetySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    emergency: str
    crisis: str


class Medicines(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    patterns: list[str] = Field(min_length=1)


class Spelling(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str] = Field(default_factory=list)
    """Words a misspelling may be corrected to, beyond those the patterns spell out."""
    min_length: int = 5
    keep: list[str] = Field(default_factory=list)
    """Real words one edit from a pattern's word: never corrected."""


class SafetyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    flags: list[RedFlag] = Field(min_length=1)
    spelling: Spelling = Spelling()
    fragments: dict[str, str] = Field(default_factory=dict)
    """Named pieces of patterns, written <NAME> in a pattern (a list of medicines...)."""
    calm: Calm
    medicines: Medicines
    settings: SafetySettings


@dataclass(frozen=True)
class Alarm:
    flag: str
    message: str


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces: what the patterns are written for."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


class SafetyCheck:
    def __init__(self, data: SafetyFile | None = None) -> None:
        data = data or load_safety()
        emergency = os.environ.get(EMERGENCY_ENV) or data.settings.emergency
        crisis = os.environ.get(CRISIS_ENV) or data.settings.crisis
        self._flags = [
            (
                flag,
                re.compile("|".join(f"(?:{_expand(p, data.fragments)})" for p in flag.patterns)),
                flag.message.format(emergency=emergency, crisis=crisis),
            )
            for flag in data.flags
        ]
        self._idioms = re.compile(data.calm.idioms)
        self._negated_signs = re.compile(data.calm.negated_signs)
        self._generic = re.compile(data.calm.generic)
        self._negators = frozenset(data.calm.negators)
        self._negation_skips = frozenset(data.calm.negation_skips)
        self._personal_now = re.compile(data.calm.personal_now)
        self._still_now = re.compile(data.calm.still_now)
        self._resolved = re.compile(data.calm.resolved)
        self._past = re.compile(data.calm.past)
        self._general_question = re.compile(data.calm.general_question)
        self._hypothetical = re.compile(data.calm.hypothetical)
        self._recurring = re.compile(data.calm.recurring)
        self._reported = re.compile(data.calm.reported)

        self._medicines = re.compile("|".join(f"(?:{p})" for p in data.medicines.patterns))
        # Misspellings ("cheast", "brething", "baclafen", "medicaton") are checked
        # again with each unknown word corrected to the nearest word the patterns use.
        sources = [p.pattern for _, p, _ in self._flags] + [self._medicines.pattern]
        self._lexicon = frozenset(
            w for source in sources for w in re.findall(r"[a-z]{4,}", source)
        ) | frozenset(data.spelling.words)
        self._min_typo_length = data.spelling.min_length
        self._speller: Speller | None = None  # built on the first unknown word
        self._keep = frozenset(data.spelling.keep)
        self._real_words: frozenset[str] = self._keep
        self._last_readings: tuple[str | None, list[str]] = (None, [])

    def set_known_words(self, words: set[str] | frozenset[str]) -> None:
        """Real words that are never "corrected" (the corpus's and the vocabulary's):
        "fewer" must not become "fever", nor "walking" "waking"."""
        self._real_words = frozenset(words) | self._keep
        self._last_readings = (None, [])  # corrections may change

    def mentions_medicine(self, message: str) -> bool:
        return any(self._medicines.search(text) for text in self._readings(message))

    def red_flag(self, message: str) -> Alarm | None:
        """The first flag with a match that is not a calm mention, or None."""
        for text in self._readings(message):
            alarm = self._red_flag(text)
            if alarm:
                return alarm
        return None

    def _readings(self, message: str) -> list[str]:
        """The message as written, and with its misspellings corrected if it has any.
        Kept for the last message: `ask` checks it for red flags, then for medicines."""
        last, readings = self._last_readings  # one read: safe if two threads ask
        if last != message:
            text = normalise(message)
            fixed = _WORD.sub(self._corrected, text)
            readings = [text] if fixed == text else [text, fixed]
            self._last_readings = (message, readings)
        return readings

    def _corrected(self, match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < self._min_typo_length or word in self._lexicon or word in self._real_words:
            return word
        if self._speller is None:
            self._speller = Speller(set(self._lexicon), set(self._lexicon))
        return self._speller.correct(word) or word

    def _red_flag(self, text: str) -> Alarm | None:
        for flag, pattern, reply in self._flags:
            for match in pattern.finditer(text):
                if not self._is_calm(text, match, flag.calm_guards):
                    return Alarm(flag=flag.id, message=reply)
        return None

    def _is_calm(self, text: str, match: re.Match[str], guards: bool) -> bool:
        """"I don't have chest pain", "chest pain years ago", "can you faint from it?"."""
        for calm in (self._idioms, self._negated_signs):
            if any(c.start() < match.end() and match.start() < c.end()
                   for c in calm.finditer(text)):
                return True  # "died laughing", "my face isn't drooping"
        sentence = _around(text, match, ".?!;")
        clause_span = _around(text, match, ".?!;,")
        # A negation counts within three words before, in the same clause: "can't do
        # this no more. i want to die" is not negated by the "no" before it.
        window = _NO_MORE.sub(" ", text[clause_span[0] : match.start()])
        before = [w for w in re.findall(r"[a-z']+", window)
                  if w not in self._negation_skips][-3:]
        if any(word in self._negators for word in before):
            return True
        # A long match can end on a negated word: "needle site a bit red but no fever",
        # "vision is fine, no sudden changes".
        inside = re.findall(r"[a-z']+", match.group(0))
        if len(inside) >= 4 and inside[-2] in _DETERMINER_NEGATIONS:
            return True
        if not guards:
            return False
        # The past is judged in the sentence, and in the clause: "years ago I lost my
        # sight, is it safe for me now?" speaks of the past, though it ends with "now".
        sentence_text = text[slice(*sentence)]
        clause = text[slice(*clause_span)]
        if any(self._past.search(part) and not self._is_now(part)
               for part in (sentence_text, clause)):
            return True  # "years ago I had a collapsed lung"
        if self._hypothetical.search(sentence_text) and not self._is_now(sentence_text):
            return True  # "what if my throat swelled up?"
        if (self._recurring.search(sentence_text) and "sudden" not in sentence_text
                and not _RIGHT_NOW.search(self._resolved.sub(" ", sentence_text))):
            return True  # "my speech gets slurry when I'm knackered"
        # "...that some people had a collapsed lung", "bee venom can cause anaphylaxis":
        # people in general just before the match, and nobody in particular there.
        lead_in = " ".join(window.split()[-4:])
        if (self._generic.search(lead_in) and not self._personal_now.search(lead_in)
                and not self._is_now(clause)):
            return True
        # "..., is pneumothorax a real risk?": a general question in its own clause.
        if (clause != sentence_text and self._general_question.search(clause)
                and not self._personal_now.search(clause)):
            return True
        if self._personal_now.search(sentence_text):
            return False  # "my throat is swelling", "is it normal that I can't breathe"
        return bool(
            self._general_question.search(sentence_text) or self._reported.search(sentence_text)
        )

    def _is_now(self, text: str) -> bool:
        """Does the text speak of now ("still", "since", "today")? "Fine now" and
        "sorted now" speak of something over."""
        return bool(self._still_now.search(self._resolved.sub(" ", text)))


def _around(text: str, match: re.Match[str], stops: str) -> tuple[int, int]:
    """(start, end) of the stretch of text around a match, between `stops` characters."""
    start = max(text.rfind(c, 0, match.start()) for c in stops) + 1
    ends = [i for i in (text.find(c, match.end()) for c in stops) if i >= 0]
    end = min(ends) if ends else len(text)
    while start < end and text[start] == " ":
        start += 1
    return start, end


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    for name, fragment in fragments.items():
        pattern = pattern.replace(f"<{name}>", fragment)
    return pattern


def load_safety() -> SafetyFile:
    return load_data_file("safety.toml", SafetyFile)
