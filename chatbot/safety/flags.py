"""Which red flag a message raises, and at which tier, from its concept readings.

A flag's pattern is met when every slot has a concept mention in one sentence. The
calm rules on those mentions then decide: a mention no rule touches keeps the
pattern's tier; otherwise the flag's own view of the rule (`Flag.effects`, or the
rule's `effect`) sets it aside, lowers it to a safety net, or leaves it alone. Of
several slot mentions the least calmed one counts: "i sometimes get chest pain but
right now its crushing" has a pain word no rule touches.
"""

from typing import NamedTuple

from chatbot.safety.context import Reading
from chatbot.safety.models import CalmRule, Effect, Flag, Pattern, Tier

_SEVERITY: dict[Effect | None, int] = {None: 0, "ignore": 0, "safety_net": 1, "calm": 2}
_RANK = {"urgent": 2, "safety_net": 1, None: 0}
SUDDEN, RECENT, SLOW, NOW = "sudden", "recent", "slow", "now"
NEAR_MISS = "near_miss"


class Finding(NamedTuple):
    """A flag's pattern met in one sentence: the tier it gives (None when calmed),
    and what decided it (the flag, or the calm rule that changed it)."""

    flag: Flag
    pattern: Pattern
    tier: Tier | None
    decided_by: str
    sentence: int
    start: int


def _effect(flag: Flag, reading: Reading, rules: dict[str, CalmRule]) -> tuple[Effect | None, str]:
    worst: tuple[Effect | None, str] = (None, "")
    for name in sorted(reading.rules):
        rule = rules[name]
        effect = flag.effects.get(rule.kind, rule.effect)
        if _SEVERITY[effect] > _SEVERITY[worst[0]]:
            worst = (effect, name)
    return worst


def onset(readings: list[list[Reading]]) -> str | None:
    """"sudden" if the message says so (or that it began just now), "slow" if it came on
    over days, else None. A calmed mention ("nothing sudden") does not count."""
    said = {r.concept for sentence in readings for r in sentence if not r.rules}
    if SUDDEN in said or RECENT in said:
        return SUDDEN
    return SLOW if SLOW in said else None


def _pattern_tier(pattern: Pattern, timing: str | None) -> Tier:
    if pattern.tier != "onset":
        return pattern.tier
    if timing == SUDDEN:
        return "urgent"
    return "safety_net" if timing == SLOW else pattern.unknown_onset


def _meet(flag: Flag, pattern: Pattern, sentence: list[Reading],
          rules: dict[str, CalmRule]) -> tuple[Effect | None, str, int] | None:
    """The combined calm effect on the pattern in this sentence, the rule behind it and
    where the pattern starts; None when a slot has no mention."""
    effect: Effect | None = None
    rule = ""
    start = 10**9
    for slot in pattern.all:
        wanted = slot.split("|")
        options = [(_effect(flag, r, rules), r.start) for r in sentence if r.concept in wanted]
        if not options:
            return None
        (best, name), at = min(options, key=lambda o: (_SEVERITY[o[0][0]], o[1]))
        start = min(start, at)
        if _SEVERITY[best] > _SEVERITY[effect]:
            effect, rule = best, name
    return effect, rule, start


def near_misses(flags: list[Flag], readings: list[list[Reading]],
                strong: frozenset[str]) -> list[Finding]:
    """Patterns of three concepts or more missing one in a sentence, when the message
    says it is now and what it has includes a word that alone says something is wrong
    ("pain", "weak", "swelling"): a missed emergency should at worst get the safety
    net. Only calm-free mentions count."""
    said = {r.concept for sentence in readings for r in sentence if not r.rules}
    if not said & {SUDDEN, RECENT, NOW}:
        return []
    found: list[Finding] = []
    for flag in flags:
        for pattern in flag.patterns:
            if pattern.tier == "safety_net" or len(pattern.all) < 3:
                continue  # one concept alone ("pain") says too little
            for index, sentence in enumerate(readings):
                clear = [r for r in sentence if not r.rules]
                met = [next((r for r in clear if r.concept in slot.split("|")), None)
                       for slot in pattern.all]
                hits = [r for r in met if r is not None]
                missing = [slot for slot, r in zip(pattern.all, met, strict=True) if r is None]
                said_absent = any(r.concept in slot.split("|") for slot in missing
                                  for r in sentence)  # "no temperature": not a near miss
                if (len(hits) == len(met) - 1 and not said_absent
                        and any(r.concept in strong for r in hits)):
                    found.append(Finding(flag, pattern, "safety_net", NEAR_MISS, index,
                                         hits[0].start))
                    break
    return found


def _clauses(sentence: list[Reading]) -> list[list[Reading]]:
    by_clause: dict[int, list[Reading]] = {}
    for reading in sentence:
        by_clause.setdefault(reading.clause, []).append(reading)
    return list(by_clause.values())


def find(flags: list[Flag], readings: list[list[Reading]],
         rules: dict[str, CalmRule]) -> list[Finding]:
    """Every pattern met, with its tier; best first (urgent, then flag order)."""
    timing = onset(readings)
    found: list[Finding] = []
    whole = [r for sentence in readings for r in sentence]
    present = {r.concept for r in whole}
    for flag in flags:
        for pattern in flag.patterns:
            if not all(not present.isdisjoint(slot) for slot in pattern.slots):
                continue  # a concept it needs is nowhere in the message
            spans = [whole] if pattern.within == "message" else readings
            for index, sentence in enumerate(spans):
                parts = _clauses(sentence) if pattern.within == "clause" else [sentence]
                mets = [m for m in (_meet(flag, pattern, part, rules) for part in parts) if m]
                if not mets:
                    continue
                effect, rule, start = min(mets, key=lambda m: _SEVERITY[m[0]])
                if effect == "calm":
                    found.append(Finding(flag, pattern, None, rule, index, start))
                elif effect == "safety_net":
                    found.append(Finding(flag, pattern, "safety_net", rule, index, start))
                else:
                    found.append(Finding(flag, pattern, _pattern_tier(pattern, timing), flag.id,
                                         index, start))
    order = {flag.id: i for i, flag in enumerate(flags)}
    return sorted(found, key=lambda f: (-_RANK[f.tier], order[f.flag.id], f.sentence))
