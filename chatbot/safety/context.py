"""Calm context in the spirit of ConText (Harkema et al. 2009; medspaCy's ConText).

Each calm rule's triggers modify the concept mentions in their scope: forward,
backward or both ways from the trigger, never past the end of the clause (or of the
sentence, for sentence-wide rules such as "what if..."), and not at all when one of the
rule's `unless` concepts is there (a sign said to be happening now). Two of
ConText's ideas fit lay messages as they are: scopes that stop at "but", and pseudo
triggers that block a look-alike ("not sure how many" is no negation). Its clinical
trigger lists do not ("denies", "r/o"); ours are the words people type.
"""

from typing import NamedTuple

from chatbot.safety.lexicon import Mention
from chatbot.safety.models import CalmRule
from chatbot.safety.text import Sentence

CONCEPT = "c:"
RULE = "r:"
_BLOCKING = ("figure", "pseudo")
_OWNER = "self"
_PEOPLE = frozenset({"other", "child"})
_LEAD_INS = frozenset({"and", "so", "but", "just", "also", "well", "oh", "ok", "okay", "hey",
                       "hi", "then", "or", "um", "erm"})
"""Words that may come before an `at_start` trigger: "so if...", "and what if..."."""


class Reading(NamedTuple):
    """A concept mention and the calm rules that apply to it."""

    concept: str
    start: int
    end: int
    clause: int
    rules: frozenset[str]


def _contained(inner: Mention, outer: Mention) -> bool:
    return (outer.start <= inner.start and inner.end <= outer.end
            and (outer.end - outer.start) > (inner.end - inner.start))


def resolve(mentions: list[Mention], rules: dict[str, CalmRule],
            hides: dict[str, frozenset[str]] | None = None) -> list[Mention]:
    """Drop a trigger inside a longer term ("no" inside "no more") and a term inside a
    longer trigger ("now" inside "now and then", "i have" inside "can i have"), and
    whatever a figure of speech or pseudo trigger overlaps ("blind" in "blind drunk",
    "not" in "not sure", "ever had" in "worst i have ever had"), unless it is itself
    inside a longer sign ("dont know" in "dont know where i am"). Concepts inside concepts stay:
    "cant wee" is a failure to pass urine and speaks of urine; unless the outer one
    `hides` the inner ("burning" in "burning pain" is no harm act)."""
    hides = hides or {}
    blockers = [m for m in mentions if m.label.startswith(RULE)
                and rules[m.label[2:]].kind in _BLOCKING
                and not any(_contained(m, c) for c in mentions if c.label.startswith(CONCEPT))]
    kept = []
    for m in mentions:
        if m not in blockers and any(b.start < m.end and m.start < b.end for b in blockers):
            continue
        if any(_contained(m, other) for other in mentions
               if m.label.startswith(RULE) or other.label.startswith(RULE)
               or m.label in hides.get(other.label, ())):
            continue
        kept.append(m)
    return kept


def read(sentence: Sentence, mentions: list[Mention], rules: dict[str, CalmRule],
         hides: dict[str, frozenset[str]] | None = None,
         sites: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
         ) -> tuple[list[Reading], frozenset[str]]:
    """The concept mentions of a sentence, each with the calm rules that reach it, and
    the rules whose trigger opens the sentence and reaches the one before it.
    `sites`: the body-site concepts and the other signs, for `denied_sites`."""
    mentions = resolve(mentions, rules, hides)
    readings = denied_sites(_apply(sentence, mentions, rules), rules, *sites)
    return readings, _reaching_back(sentence, mentions, rules)


def denied_sites(readings: list[Reading], rules: dict[str, CalmRule],
                 sites: frozenset[str], signs: frozenset[str]) -> list[Reading]:
    """A body site is denied with the signs its own clause denies: in "my face isnt
    drooping, but my left hand has been numb" the face is no face sign, so it does not
    join the hand's numbness. `signs` are the words that alone say something is wrong
    (`strong`). A site in a clause with such a sign no negation reaches, or with none
    ("my face isnt right, its drooping"), keeps its reading, and so does one that a
    later sign names no site of its own for ("my face isnt drooping but it is weak on
    one side": "it" is the face; "side" inside "on one side" is no site)."""
    if not sites:
        return readings
    out = list(readings)
    for clause in {r.clause for r in readings if r.concept in sites and not r.rules}:
        said = [r for r in readings if r.clause == clause and r.concept in signs]
        denials = [frozenset(n for n in r.rules if rules[n].kind == "negation") for r in said]
        if not said or not all(denials) or not _sites_of_their_own(readings, clause, sites,
                                                                  signs):
            continue
        denied = frozenset().union(*denials)
        out = [r._replace(rules=denied) if r.clause == clause and r.concept in sites
               and not r.rules else r for r in out]
    return out


def _apply(sentence: Sentence, mentions: list[Mention],
           rules: dict[str, CalmRule]) -> list[Reading]:
    concepts = [m for m in mentions if m.label.startswith(CONCEPT)]
    triggers = [m for m in mentions if m.label.startswith(RULE)
                and rules[m.label[2:]].kind not in _BLOCKING]
    applied: dict[Mention, set[str]] = {m: set() for m in concepts}
    unless_seen = _without_possessives(concepts)
    for trigger in triggers:
        rule = rules[trigger.label[2:]]
        if rule.at_start and not _at_start(sentence, trigger.start, rule.scope, concepts):
            continue
        stops = [c.start for c in concepts if c.label[2:] in rule.stops_at]
        for m in concepts:
            if (rule.only and m.label[2:] not in rule.only) or m.label[2:] in rule.never:
                continue
            if _in_scope(sentence, rule, trigger, m) and not _stopped(trigger, m, stops) \
                    and not _cancelled(sentence, rule, trigger, m, unless_seen):
                applied[m].add(rule.name)
    return [Reading(m.label[2:], m.start, m.end, sentence.clauses[m.start],
                    frozenset(applied[m])) for m in concepts]


def _sites_of_their_own(readings: list[Reading], clause: int, sites: frozenset[str],
                        signs: frozenset[str]) -> bool:
    """Every other clause with a sign no rule reaches also names a site of its own
    (not a word inside another concept's term: "side" in "on one side")."""
    for other in {r.clause for r in readings if r.clause != clause}:
        here = [r for r in readings if r.clause == other]
        own = [r for r in here if r.concept in sites and not any(
            o.concept not in sites and o.start <= r.start and r.end <= o.end
            and o.end - o.start > r.end - r.start for o in here)]
        if any(r.concept in signs and not r.rules for r in here) and not own:
            return False
    return True


def _reaching_back(sentence: Sentence, mentions: list[Mention],
                   rules: dict[str, CalmRule]) -> frozenset[str]:
    concepts = [m for m in mentions if m.label.startswith(CONCEPT)]
    return frozenset(m.label[2:] for m in mentions if m.label.startswith(RULE)
                     and rules[m.label[2:]].reaches_back
                     and _at_start(sentence, m.start, "sentence", concepts))


def carry(readings: list[Reading], names: frozenset[str],
          rules: dict[str, CalmRule]) -> list[Reading]:
    """The sentence before, with the rules that reach back from the next one on its
    signs: none of a rule whose `unless` concepts this sentence says ("right now")."""
    said = {r.concept for r in readings if not r.rules}
    names = frozenset(n for n in names if not said.intersection(rules[n].unless))
    if not names:
        return readings
    return [r._replace(rules=r.rules | {n for n in names
                                        if not rules[n].only or r.concept in rules[n].only})
            for r in readings]


def _without_possessives(concepts: list[Mention]) -> list[Mention]:
    """"my" just before a person ("my friend's dad") belongs to that person, as in
    `speaker`: it does not say the writer is the one with the sign."""
    people = {c.start for c in concepts if c.label[2:] in _PEOPLE}
    return [c for c in concepts if not (c.label[2:] == _OWNER and c.end in people)]


def _at_start(sentence: Sentence, start: int, scope: str, concepts: list[Mention]) -> bool:
    """Only lead-in words ("so", "and") before the trigger in its scope; for a
    sentence-wide rule, earlier clauses that name nothing ("just curious, what if...",
    "quick question: if...") are lead-ins too."""
    clause = sentence.clauses[start]
    before = [w for w, c in zip(sentence.words[:start], sentence.clauses[:start], strict=True)
              if c == clause]
    if not (all(w in _LEAD_INS for w in before) and len(before) <= 2):
        return False
    if scope != "sentence":
        return True
    first = sentence.clauses.index(clause)
    return not any(c.start < first for c in concepts)


def _region(sentence: Sentence, rule: CalmRule, trigger: Mention) -> tuple[int, int]:
    """[start, end) of the words the trigger can reach."""
    clauses = sentence.clauses
    if rule.scope == "sentence":
        lo, hi = 0, len(clauses)
    else:
        clause = clauses[trigger.start]
        lo = clauses.index(clause)
        hi = len(clauses) - clauses[::-1].index(clause)
    if rule.direction == "forward":
        lo = trigger.end
    elif rule.direction == "backward":
        hi = trigger.start
    return lo, hi


def _in_scope(sentence: Sentence, rule: CalmRule, trigger: Mention, m: Mention) -> bool:
    if trigger.start < m.end and m.start < trigger.end:
        # A sign that starts on the trigger's last words and goes on after it is in
        # its scope ("not having" reaches "having a stroke"), unless the shared words
        # are a trigger themselves, which the sign then owns ("is not" and "not
        # answering me": he is not answering).
        shared = " ".join(sentence.words[m.start:trigger.end])
        return (rule.direction != "backward" and trigger.start < m.start
                and trigger.end < m.end and shared not in rule.triggers)
    lo, hi = _region(sentence, rule, trigger)
    if not (lo <= m.start and m.end <= hi):
        return False
    gap = m.start - trigger.end if m.start >= trigger.end else trigger.start - m.end
    return gap <= rule.reach


def _stopped(trigger: Mention, m: Mention, stops: list[int]) -> bool:
    """A stop word between the trigger and the mention ends the scope there."""
    if m.start >= trigger.end:
        return any(trigger.end <= at < m.start for at in stops)
    return any(m.end <= at < trigger.start for at in stops)


def _cancelled(sentence: Sentence, rule: CalmRule, trigger: Mention, m: Mention,
               concepts: list[Mention]) -> bool:
    if not rule.unless:
        return False
    if rule.unless_scope == "sentence":
        lo, hi = 0, len(sentence.words)
    elif rule.unless_scope == "clause":
        clause = sentence.clauses[m.start]
        lo = sentence.clauses.index(clause)
        hi = len(sentence.clauses) - sentence.clauses[::-1].index(clause)
    else:
        lo, hi = _region(sentence, rule, trigger)
        lo, hi = min(lo, trigger.start), max(hi, trigger.end)
    wanted = {CONCEPT + c for c in rule.unless}
    return any(c.label in wanted and lo <= c.start and c.end <= hi and c is not m
               for c in concepts)
