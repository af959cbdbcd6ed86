"""Every red flag and calm rule is a small named declaration with examples, and the
examples behave as declared (the proselint way: a rule without examples fails)."""

from __future__ import annotations

import pytest

from chatbot.bot import Chatbot
from chatbot.safety import SafetyCheck, load_safety
from chatbot.safety.models import SafetyData

DATA = load_safety()
FLAG_EXAMPLES = [(f.id, text, True) for f in DATA.flags.flags for text in f.examples.match] + [
    (f.id, text, False) for f in DATA.flags.flags for text in f.examples.no_match]
NET_EXAMPLES = [(f.id, text) for f in DATA.flags.flags for text in f.net_examples]
RULE_EXAMPLES = [(r.name, text, True) for r in DATA.calm.rules for text in r.examples.match] + [
    (r.name, text, False) for r in DATA.calm.rules for text in r.examples.no_match]


@pytest.fixture(scope="module")
def check(bot: Chatbot) -> SafetyCheck:
    return bot.safety


def test_every_flag_and_rule_has_examples_both_ways() -> None:
    for flag in DATA.flags.flags:
        assert flag.examples.match and flag.examples.no_match, flag.id
    for rule in DATA.calm.rules:
        assert rule.examples.match and rule.examples.no_match, rule.name


NET_ONLY = {f.id for f in DATA.flags.flags if all(p.tier == "safety_net" for p in f.patterns)}
"""Flags that are never urgent (the plea): their `match` examples get their safety net."""


@pytest.mark.parametrize(("flag", "text", "matches"), FLAG_EXAMPLES)
def test_flag_examples(check: SafetyCheck, flag: str, text: str, matches: bool) -> None:
    """The concept check's own verdict; the learned backstop may only raise a plea's
    net to urgent (`promotable`), never lower or change a flag."""
    verdict = check.concepts(text)
    if matches:
        tier = "safety_net" if flag in NET_ONLY else "urgent"
        assert (verdict.tier, verdict.flag) == (tier, flag), text
        assert check.check(text).tier in {tier, "urgent"}, text
    else:
        assert verdict.flag != flag and check.check(text).flag != flag, text


@pytest.mark.parametrize(("flag", "text"), NET_EXAMPLES)
def test_flag_safety_net_examples(check: SafetyCheck, flag: str, text: str) -> None:
    verdict = check.check(text)
    assert (verdict.tier, verdict.flag) == ("safety_net", flag), text


def _rules_on_signs(check: SafetyCheck, text: str) -> set[str]:
    """The calm rules that reach a sign (not a context word) in the message."""
    roles = {name: c.role for name, c in DATA.lexicons.concepts.items()}
    return {rule for sentence in check.readings(text) for r in sentence
            if roles[r.concept] in ("sign", "medicine") for rule in r.rules}


@pytest.mark.parametrize(("rule", "text", "matches"), RULE_EXAMPLES)
def test_calm_rule_examples(check: SafetyCheck, rule: str, text: str, matches: bool) -> None:
    kind = next(r.kind for r in DATA.calm.rules if r.name == rule)
    verdict = check.concepts(text)  # the rules' own verdict, without the learned backstop
    if kind == "figure":
        # A figure of speech hides the sign it overlaps: no flag is raised.
        assert (verdict.tier is None) is matches, text
    elif kind == "pseudo":
        # A pseudo trigger hides a look-alike calm trigger: the sign stays urgent.
        assert (verdict.tier == "urgent") is matches, text
    elif matches:
        assert rule in _rules_on_signs(check, text) and verdict.tier != "urgent", text
    else:
        assert rule not in _rules_on_signs(check, text) or verdict.tier == "urgent", text


def _broken(**changes: object) -> dict:
    raw = DATA.model_dump()
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = raw
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[leaf] = value
    return raw


@pytest.mark.parametrize("changes", [
    {"lexicons__concepts__pain__terms": ["pain", "chest"]},  # a word in two concepts
    {"flags__flags__0__patterns__0__all": ["no_such_concept"]},
    {"calm__rules__0__triggers": ["chest"]},  # a calm trigger that is also a sign
    {"flags__spelling__keep": ["chest"]},
    {"flags__spelling__spoken": {"chest": "breast"}},  # a term no typed word can reach
    {"flags__spelling__spoken": {"cant breathe": "x"}},  # a phrase a term uses
    {"flags__spelling__spoken": {"haha": "ha"}},  # a calm trigger no typed word can reach
    {"flags__spelling__not_first": ["chest"]},  # not a spoken word
    {"calm__rules__0__only": ["no_such_concept"]},
    {"lexicons__concepts__pain__hides": ["no_such_concept"]},
    {"flags__flags__0__examples__match": []},
])
def test_the_data_files_may_not_contradict_themselves(changes: dict) -> None:
    with pytest.raises(ValueError):
        SafetyData.model_validate(_broken(**changes))


def test_no_calm_trigger_hides_a_sign_inside_it() -> None:
    """A trigger that contains a term that alone raises a flag would swallow it ("make
    me faint" holds "faint"): only figures of speech and pseudo triggers may do that.
    (Swallowing part of a combination is intended: "used to" is not "used" a medicine;
    so is a what-if swallowing the plea: "what should i do if..." asks no help now.)"""
    from chatbot.safety.lexicon import Lexicon

    alone = {slot for f in DATA.flags.flags if f.id not in NET_ONLY for p in f.patterns
             if len(p.all) == 1 for slot in p.all[0].split("|")}
    signs = Lexicon({name: DATA.lexicons.concepts[name].terms for name in alone})
    clashes = [(rule.name, trigger) for rule in DATA.calm.rules
               if rule.kind not in ("figure", "pseudo") for trigger in rule.triggers
               if signs.find(tuple(trigger.split()))]
    assert clashes == []


def test_a_site_is_denied_with_the_sign_its_clause_denies(check: SafetyCheck) -> None:
    """"my face isnt drooping" does not lend the face to the hand's numbness in the next
    clause; a face in a clause whose own sign no negation reaches stays a face."""
    denied = check.concepts("my face isnt drooping, but my left hand has been numb for 3 months")
    assert denied.tier != "urgent"
    assert check.concepts("my face isnt right, its drooping").tier == "urgent"
    assert check.concepts("my face isnt drooping but it is weak on one side").tier == "urgent"


def test_a_negation_reaches_a_sign_that_starts_on_its_last_word(check: SafetyCheck) -> None:
    """"not having" reaches "having a stroke"; "is not" does not take the "not" of "not
    answering me"."""
    assert check.concepts("im not having a stroke, just asking about scalp needles").tier is None
    assert check.concepts("my dad is not answering me and wont wake up").tier == "urgent"
