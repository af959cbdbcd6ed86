"""The learned backstop: its data file, its determinism, and what it does with
emergencies in words no lexicon holds and with ordinary questions."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tomllib

import pytest
from pydantic import ValidationError

from chatbot.bot import Chatbot
from chatbot.data import DATA_DIR, load_data_file
from chatbot.safety import SafetyCheck, load_safety
from chatbot.safety.backstop import Backstop, BackstopFile, promotable
from chatbot.safety.check import BACKSTOP, BACKSTOP_FLAG
from chatbot.safety.features import Featurizer, real_words_sha256

RAW = tomllib.loads((DATA_DIR / "safety_backstop.toml").read_text(encoding="utf-8"))
MODEL = load_data_file("safety_backstop.toml", BackstopFile)

UNSEEN_EMERGENCIES = [
    # Written for these tests, in wording that is in no training message and that the
    # concept check gives no tier: the backstop must give them the safety net.
    "my dad has gone grey and sweaty and says it feels like an elephant is sitting on him",
    "the room is spinning and half my body has gone to sleep all of a sudden",
]
ORDINARY = [
    "can acupuncture help with ms fatigue",
    "how many sessions of acupuncture do people usually need",
    "is electroacupuncture safe if i have a pacemaker",
    "what did the study find about bladder problems",
    "does acupuncture hurt",
    "and what about sleep?",
]


def test_the_model_file_validates_and_fits_its_feature_definition() -> None:
    assert len(MODEL.vector()) == 1 << MODEL.features.bits
    assert 0 < MODEL.safety_net < 1
    assert MODEL.urgent is None or MODEL.urgent > MODEL.safety_net
    assert MODEL.strongest, "the reviewer's list of what weighs most"


@pytest.mark.parametrize("change", [
    {"sha256": "0" * 64},  # weights that are not the ones fitted
    {"weights": base64.b64encode(b"\x01" * 16).decode()},  # wrong length
    {"urgent": 0.01},  # promoting below the net threshold
    {"safety_net": 1.5},
    {"features": {**RAW["features"], "hash": "python"}},  # Python's hash differs per run
    {"unknown_field": 1},
])
def test_a_damaged_model_file_fails_to_load(change: dict) -> None:
    with pytest.raises(ValidationError):
        BackstopFile.model_validate({**RAW, **change})


def test_the_real_words_are_those_the_weights_were_fitted_with() -> None:
    """A real word is read whole and any other by its letters: a changed word list
    (chatbot/data/english_words.txt) changes the features, and calls for a refit
    (python benchmarks/fit_safety_backstop.py --write)."""
    assert MODEL.features.real_words_sha256 == real_words_sha256()


def test_a_real_word_is_read_whole_and_a_misspelling_by_its_letters() -> None:
    """"bread" shares nothing with "breath"; "breathing" and "breathes" are one stem;
    a misspelling ("brething") is read by its letters, which it shares with the word
    meant."""
    featurizer = Featurizer(MODEL.features)
    bread, breath = featurizer.grams("bread"), featurizer.grams("breath")
    assert not set(bread) & set(breath)
    assert featurizer.grams("breathing")[0] == featurizer.grams("breathes")[0] == "s breath"
    assert any(g.startswith("c ") for g in featurizer.grams("brething"))


def test_features_are_sorted_distinct_slots_in_range() -> None:
    slots = Featurizer(MODEL.features).slots("My chest is KILLING me. cant breathe!!")
    assert slots == sorted(set(slots))
    assert all(0 <= s < 1 << MODEL.features.bits for s in slots)


def test_the_classifier_is_deterministic_across_processes() -> None:
    """CRC-32, not Python's salted `hash`: the same chance in every process."""
    message = UNSEEN_EMERGENCIES[0]
    code = ("import sys; from chatbot.data import load_data_file; "
            "from chatbot.safety.backstop import Backstop, BackstopFile; "
            "b = Backstop(load_data_file('safety_backstop.toml', BackstopFile)); "
            "print(repr(b.probability(sys.argv[1])))")
    seen = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, message], env=env, check=True,
                              capture_output=True, text=True)
        seen.add(float(done.stdout))
    backstop = Backstop(MODEL)
    seen.add(backstop.probability(message))
    seen.add(backstop.probability(message))
    assert len(seen) == 1


@pytest.mark.parametrize("message", UNSEEN_EMERGENCIES)
def test_an_emergency_in_unseen_words_gets_the_net_with_the_answer(
    bot: Chatbot, message: str
) -> None:
    assert bot.safety.concepts(message).tier is None  # no lexicon word for it
    answer = bot.ask(message)
    assert answer.status != "urgent" or MODEL.urgent is not None
    if answer.status != "urgent":
        data = json.loads(answer.model_dump_json())
        assert data["safety_net"]["flag"] == BACKSTOP_FLAG
        text = data["safety_net"]["message"]
        assert "emergency number" in text and "crisis line" in text
    assert bot.safety.check(message).decided_by == BACKSTOP


@pytest.mark.parametrize("message", ORDINARY)
def test_ordinary_questions_get_no_net(bot: Chatbot, message: str) -> None:
    assert bot.safety.backstop.probability(message) < MODEL.safety_net
    assert bot.ask(message).safety_net is None


@pytest.mark.parametrize("message", ["feeling rubbish tonight", "my appointment is tonight",
                                     "pins and needles tonight", "i am tired today"])
def test_a_time_word_alone_never_makes_an_everyday_message_urgent(bot: Chatbot,
                                                                  message: str) -> None:
    """Time words ("tonight", "today") count only inside 2-grams: alone they once gave
    "feeling rubbish tonight" a 0.995 chance, over the urgent threshold."""
    assert bot.ask(message).status != "urgent", message
    assert "tonight" in MODEL.features.function_words


@pytest.mark.parametrize("message", ["hi", "hi there", "thanks so much!", "ok", "bye for now",
                                     "good morning", "sorry", "please", "tonight"])
def test_small_talk_and_one_word_get_neither_net_nor_urgent(bot: Chatbot, message: str) -> None:
    """The bot's own small talk is fitted on (it once gave "hi" a 0.9998 chance), and a
    message shorter than any emergency fitted on is not read at all."""
    answer = bot.ask(message)
    assert answer.status != "urgent" and answer.safety_net is None, message
    if len(message.split()) < MODEL.min_words:
        assert not bot.safety.backstop.reads(message)


def test_a_flag_the_concept_check_raises_keeps_its_own_tier_and_text(bot: Chatbot) -> None:
    """The backstop never changes an urgent verdict, nor a net a calm rule gave."""
    urgent = "crushing pain in my chest going down my left arm"
    assert bot.safety.check(urgent) == bot.safety.concepts(urgent)
    net = "I had suicidal thoughts a few years ago but I'm in a good place now"
    assert bot.safety.check(net) == bot.safety.concepts(net)
    assert bot.safety.check(net).flag == "suicide"


def _with_urgent(threshold: float) -> SafetyCheck:
    data = load_safety()
    return SafetyCheck(data.model_copy(update={
        "backstop": MODEL.model_copy(update={"urgent": threshold})}), known_words=frozenset())


def test_an_urgent_threshold_promotes_only_what_the_concept_check_could_not_read() -> None:
    """Over the threshold: a message with no sign the lexicon knows gets the backstop's
    urgent reply, a near miss its flag's urgent reply; a net a flag gave on reading
    the whole sign, or a calm rule's reading, stays as it is (the backstop reads
    words, not context)."""
    check = _with_urgent(0.99)
    unseen = UNSEEN_EMERGENCIES[0]
    assert check.backstop.probability(unseen) >= 0.99
    verdict = check.check(unseen)
    assert (verdict.tier, verdict.flag, verdict.decided_by) == ("urgent", BACKSTOP_FLAG, BACKSTOP)
    assert verdict.message.startswith("URGENT") and "crisis line" in verdict.message
    near = "my dad took extra this morning and is very sleepy"
    assert check.concepts(near).decided_by == "near_miss"
    low = _with_urgent(min(check.backstop.probability(near), 0.99))
    promoted = low.check(near)
    assert (promoted.tier, promoted.flag) == ("urgent", "overdose")
    assert promoted.message.startswith("URGENT. Too much of a medicine")
    for kept in ("my sight in one eye has been going dark gradually over the last few days",
                 "my throat feels tight when I'm stressed",
                 "I had suicidal thoughts a few years ago but I'm in a good place now"):
        floor = _with_urgent(max(min(check.backstop.probability(kept), 0.99), 0.5))
        assert floor.check(kept).tier != "urgent", kept
    assert check.check("can acupuncture help with ms fatigue").tier is None


@pytest.mark.parametrize(("tier", "decided_by", "calmed", "expected"), [
    (None, None, False, True),  # no sign the lexicon knows
    ("safety_net", "near_miss", False, True),
    ("safety_net", "plea", False, True),
    ("safety_net", "stroke", False, False),  # a flag's own net on the whole sign
    (None, "known_pattern", True, False),  # a calm rule's reading
    ("safety_net", "past", True, False),
    ("urgent", "chest", False, False),
])
def test_what_may_be_promoted(tier: str | None, decided_by: str | None, calmed: bool,
                              expected: bool) -> None:
    unsure = frozenset({"near_miss", "spelling", "plea"})
    assert promotable(tier, decided_by, calmed, unsure) is expected


def test_the_fitting_script_never_reads_the_sealed_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    monkeypatch.syspath_prepend(str(root / "benchmarks"))
    from backstop_data import load_cases

    read: list[Path] = []
    original = Path.read_text

    def spy(self: Path, *args: object, **kwargs: object) -> str:
        read.append(self.resolve())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", spy)
    cases = load_cases(root)
    sealed = (root / "tests" / "data" / "sealed").resolve()
    assert len(read) > 10 and len(cases) > 3000
    assert not [p for p in read if p.is_relative_to(sealed)]
