"""The shapes of the three reviewed safety files, and the checks that they agree.

`safety_lexicons.toml` holds the concepts (words), `safety_flags.toml` the red flags
(which concepts together make one) and their fixed texts, `safety_calm.toml` the calm
context rules. Each model rejects unknown fields; `SafetyData` also rejects lists that
contradict each other: a word in two concepts, or in a concept and a calm trigger, a
flag or rule naming a concept that does not exist, a rule or flag with no examples.
"""

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from chatbot.safety import written
from chatbot.safety.backstop import BackstopFile

Tier = Literal["urgent", "safety_net"]
Effect = Literal["calm", "safety_net", "ignore"]
"""What a calm rule does to a flag it touches: sets it aside, lowers it to a safety
net, or leaves it as it is."""
Role = Literal["sign", "context", "person_self", "person_other", "medicine"]


Terms = Annotated[list[str], BeforeValidator(written.split), Field(min_length=1)]
Lines = Annotated[list[str], BeforeValidator(written.lines), Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Concept(Strict):
    """One idea, in the words people use for it: lay, slang, misspelt, clinical.

    A term is one or more words; a word ending in "*" matches any word it starts
    ("suicid*"); "#count" matches a number of 5 or more, "#year" a year (1950-2039),
    "#temp" a fever's temperature (38-42 or 100-106), "#digit" one digit.
    """

    role: Role = "sign"
    strong: bool = False
    """A word that alone says something is wrong ("pain", "weak", "swelling"): with
    "now" and all but one concept of a flag, it gives that flag's safety net."""
    site: bool = False
    """A body site ("face", "chest"): denied with the signs its own clause denies ("my
    face isnt drooping"), so it does not join a sign told in another clause."""
    note: str = ""
    hides: list[str] = []
    """Concepts a term of this one may hold that are then not read on their own:
    "burning pain" is a pain, not the harm act "burning"."""
    terms: Terms


class Examples(Strict):
    match: Lines
    no_match: Lines


class Pattern(Strict):
    """Concepts that, all in one sentence, make the flag: each slot is one concept
    or several joined by "|" (any of them)."""

    all: list[str] = Field(min_length=1)
    tier: Tier | Literal["onset"] = "urgent"
    """"onset": urgent when the message says it came on suddenly or just now, a safety
    net when it says it came on over days; `unknown_onset` when it says neither."""
    unknown_onset: Tier = "urgent"
    about: Literal["speaker", "self", "other"] = "speaker"
    """Whom the flag's text addresses: as the words say who speaks, or fixed ("he
    hits me" is about the writer, though "he" comes first)."""
    within: Literal["clause", "sentence", "message"] = "sentence"
    """"clause": all in one clause (an intent and what it is for: "wants to try
    acupuncture" is no intent to overdose). "message": the concepts may be in
    different sentences ("she hit her head. now she is being sick")."""

    @cached_property
    def slots(self) -> tuple[frozenset[str], ...]:
        """Each slot's concepts, split once: every message meets every pattern."""
        return tuple(frozenset(slot.split("|")) for slot in self.all)


class Flag(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    category: str
    patterns: Annotated[list[Pattern], BeforeValidator(written.patterns), Field(min_length=1)]
    effects: dict[str, Effect] = {}
    """Per calm-rule kind, how this flag takes it, where it differs from the rule's own."""
    message: str
    message_for: dict[str, str] = {}
    """The urgent message when the corpus is about this treatment (its manifest's
    treatment name): advice that holds only for it ("If it started after needling,
    tell them you had acupuncture"). `message` names no treatment."""
    message_other: str = ""
    """For someone speaking about another person; empty: `message` serves both."""
    safety_net: str
    safety_net_other: str = ""
    examples: Examples
    net_examples: Annotated[list[str], BeforeValidator(written.lines)] = []
    """Messages that should get this flag's safety net, not the urgent reply."""


class CalmRule(Strict):
    """A ConText-style modifier: trigger words that change how a nearby sign is read.

    `direction` says which side of the trigger its scope runs (never past the clause,
    or the sentence for `scope = "sentence"`); the rule does not apply when a concept in
    `unless` is in the scope (a sign said to be happening now)."""

    name: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal[
        "negation", "past", "resolved", "hypothetical", "general", "figure", "known",
        "joking", "pseudo", "other", "hyperbole",
    ]
    category: str
    triggers: Terms
    direction: Literal["forward", "backward", "both"] = "both"
    scope: Literal["clause", "sentence"] = "clause"
    reach: int = Field(default=99, ge=1)
    """At most this many words between the trigger and the sign."""
    at_start: bool = False
    """The trigger counts only at the start of its scope: of the sentence for a
    sentence-wide rule ("if...", not "...if it gets worse"), else of the clause."""
    reaches_back: bool = False
    """At the start of a sentence, the trigger also reaches every sign of the sentence
    before ("I wanted to end it all. That was 10 years ago."), unless that sentence
    has one of `unless`."""
    unless: list[str] = []
    unless_scope: Literal["scope", "sentence", "clause"] = "scope"
    stops_at: list[str] = []
    """Concepts that end the scope where they stand, as a comma would: a new person
    ("im not ok my chest is tight": the "not" does not reach the chest)."""
    never: list[str] = []
    """Concepts the rule never modifies (ConText's excluded types): a sign that is itself
    an absence is not undone by a negation before it ("havent managed a single drop")."""
    only: list[str] = []
    """If set, the only concepts the rule modifies (ConText's allowed types): "slept
    like a log" sets aside "out cold", not a sign said with it."""
    effect: Effect = "calm"
    examples: Examples


class LexiconFile(Strict):
    concepts: dict[str, Concept] = Field(min_length=1)
    clause_breaks: list[str] = Field(min_length=1)
    """Words that end a clause, as a comma does ("but", "though")."""
    joiners: list[str] = []
    clause_starts: list[str] = []
    """A joiner ("and") just before one of these words ("her") starts a new clause."""
    clause_continues: list[str] = []
    """After a comma these go on with the clause before: an example list ("side
    effects, like infections or fainting") is part of what it gives examples of."""


class Spelling(Strict):
    min_length: int = Field(default=6, ge=4)
    keep: list[str] = []
    """Real words one edit from a lexicon word: never corrected."""
    spoken: dict[str, str] = {}
    """Spoken, dialect and non-native forms read as the standard one ("tae" -> "to",
    "not able to" -> "cant"): the typed reading, not a guess."""
    not_first: list[str] = []
    """Words of `spoken` read so only after another word of their clause ("at aw" is
    "at all"; "aw, my poor mum" is an exclamation)."""
    no_as_not: list[str] = []
    """Scots and dialect "no" for "not" before a verb: after one of these words and
    before an "-ing" word, "no" is "not" ("he's no answerin me" is "he is not
    answering me"); never after "there is" ("there's no bleeding")."""


class Texts(Strict):
    emergency: str
    crisis: str
    sos: str
    sos_words: list[str] = Field(min_length=1)
    """Whole messages that are a call for help, with nothing to detect."""
    backstop_net: str
    """The learned backstop's safety net (`safety_backstop.toml`), for any sign."""
    backstop_urgent: str
    """Its urgent reply, if its `urgent` threshold is set and no flag's text fits."""


class FlagFile(Strict):
    flags: list[Flag] = Field(min_length=1)
    spelling: Spelling = Spelling()
    texts: Texts


class CalmFile(Strict):
    rules: list[CalmRule] = Field(min_length=1)


class SafetyData(Strict):
    lexicons: LexiconFile
    flags: FlagFile
    calm: CalmFile
    backstop: BackstopFile | None = None
    """None only while `benchmarks/fit_safety_backstop.py` fits it; `load_safety`
    always reads it."""

    @model_validator(mode="after")
    def _consistent(self) -> "SafetyData":
        problems = _contradictions(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _contradictions(data: SafetyData) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for name, concept in data.lexicons.concepts.items():
        for term in concept.terms:
            if "  " in term or term != term.strip().lower():
                problems.append(f"{name}: term {term!r} is not single-spaced lowercase")
            if term in owner:
                problems.append(f"{term!r} is in both {owner[term]} and {name}")
            owner[term] = name
    problems += [f"{name}: hides unknown concept {h!r}"
                 for name, c in data.lexicons.concepts.items() for h in c.hides
                 if h not in data.lexicons.concepts]
    kinds = {rule.kind for rule in data.calm.rules}
    for rule in data.calm.rules:
        for term in rule.triggers:
            if term in owner and rule.kind not in ("figure", "pseudo"):
                problems.append(f"calm rule {rule.name}: {term!r} is also in {owner[term]}")
        problems += [f"calm rule {rule.name}: unknown concept {c!r}"
                     for c in (*rule.unless, *rule.stops_at, *rule.only, *rule.never)
                     if c not in data.lexicons.concepts]
    for flag in data.flags.flags:
        for pattern in flag.patterns:
            problems += [f"flag {flag.id}: unknown concept {c!r}"
                         for slot in pattern.all for c in slot.split("|")
                         if c not in data.lexicons.concepts]
        problems += [f"flag {flag.id}: no calm rule of kind {k!r}"
                     for k in flag.effects if k not in kinds]
    names = [r.name for r in data.calm.rules] + [f.id for f in data.flags.flags]
    problems += [f"{n!r} is declared twice" for n in set(names) if names.count(n) > 1]
    problems += _spoken_problems(data, owner)
    for word in data.flags.spelling.keep:
        if word in owner:
            problems.append(f"spelling keep {word!r} is itself a term of {owner[word]}")
    return problems


def _spoken_problems(data: SafetyData, owner: dict[str, str]) -> list[str]:
    """No term or calm trigger may use a spoken form: it is read as the standard one
    first, so the term could never be met. One pass over all the words, and one search
    of all the terms per phrase: start-up is paid on every run."""
    spelling = data.flags.spelling
    spoken = spelling.spoken
    problems = [f"spelling not_first {w!r} is no spoken word" for w in spelling.not_first
                if w not in spoken]
    if not spoken:
        return problems
    joined = "\n".join(owner) + "\n" + "\n".join(t for r in data.calm.rules for t in r.triggers)
    padded = " " + joined.replace("\n", " \n ") + " "  # a phrase never spans two terms
    phrases = [k for k in spoken if " " in k]
    if not (spoken.keys() & set(joined.split())
            or any(f" {phrase} " in padded for phrase in phrases)):
        return problems
    named = dict(owner)
    named.update((t, f"calm rule {r.name}") for r in data.calm.rules for t in r.triggers)
    return problems + [f"{name}: term {term!r} uses the spoken form {form!r}"
                       for term, name in named.items() for form in spoken
                       if f" {form} " in f" {term} "]
