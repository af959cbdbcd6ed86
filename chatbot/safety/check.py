"""`SafetyCheck`: a message in, a tier out (urgent, a safety net, or nothing).

Order: a bare call for help ("sos", "999") first; then the message is read as
sentences of concept mentions, calm rules mark the mentions they reach, and the flags
decide. Where they give no tier, the learned backstop (`backstop`) may still give a
generic safety net. The same reading tells whether a medicine is named, for the
medicine notice.
"""

from collections.abc import Iterable
from typing import Literal, NamedTuple

from chatbot.data import load_data_file, read_data_file
from chatbot.medicines import MedicineList, load_medicines
from chatbot.safety import context, flags, sos, speaker
from chatbot.safety.backstop import Backstop, BackstopFile, promotable
from chatbot.safety.lexicon import Lexicon
from chatbot.safety.models import CalmFile, FlagFile, LexiconFile, SafetyData, Tier
from chatbot.safety.spelling import Corrector
from chatbot.safety.text import Sentence, sentences

SOS_FLAG = "sos"
BACKSTOP_FLAG = "possible_emergency"
BACKSTOP = "backstop"
SPELLING = "spelling"


class Verdict(NamedTuple):
    """What the check says of one message. `tier` None: nothing to flag, and
    `decided_by` names the calm rule that set a sign aside, if one did."""

    tier: Tier | None
    flag: str | None = None
    message: str = ""
    decided_by: str | None = None
    who: Literal["self", "other"] = "self"


def load_safety(medicines: MedicineList | None = None, backstop: bool = True) -> SafetyData:
    """The four data files, checked together. The concept of role `medicine` takes its
    terms from the one medicine list (`data/medicines.toml`), never its own;
    `backstop=False` (for the script that refits it): the concept check alone."""
    lexicons = read_data_file("safety_lexicons.toml")
    for name, concept in lexicons.get("concepts", {}).items():
        if isinstance(concept, dict) and concept.get("role") == "medicine":
            if "terms" in concept:
                raise ValueError(f"concept {name}: its terms are the medicine list "
                                 "(medicines.toml), not its own")
            concept["terms"] = (medicines or load_medicines()).terms
    return SafetyData(
        lexicons=LexiconFile.model_validate(lexicons),
        flags=load_data_file("safety_flags.toml", FlagFile),
        calm=load_data_file("safety_calm.toml", CalmFile),
        backstop=load_data_file("safety_backstop.toml", BackstopFile) if backstop else None,
    )


class SafetyCheck:
    """Built once, from its own data files; `known_words` are real words never
    "corrected" (the corpus's and the vocabulary's), `emergency` and `crisis` the
    numbers a deployment names (by country) instead of the files' general wording, and
    `treatment` the corpus's treatment, whose own urgent advice a flag may carry."""

    def __init__(self, data: SafetyData | None = None, *, known_words: Iterable[str] = (),
                 emergency: str | None = None, crisis: str | None = None,
                 treatment: str | None = None) -> None:
        data = data or load_safety()
        texts = data.flags.texts
        self._numbers = {"emergency": emergency or texts.emergency,
                         "crisis": crisis or texts.crisis}
        self.sos_message = texts.sos.format(**self._numbers)
        self._sos_words = frozenset(texts.sos_words)
        self.backstop = Backstop(data.backstop) if data.backstop else None
        self._backstop_texts = (texts.backstop_urgent, texts.backstop_net)
        self.flags = data.flags.flags
        self._net_only = frozenset(f.id for f in self.flags
                                   if all(p.tier == "safety_net" for p in f.patterns))
        # What decides a verdict that is only a guess at a sign (the backstop may promote it).
        self.unsure = frozenset({flags.NEAR_MISS, SPELLING}) | self._net_only
        self._treatment = treatment or ""
        self.rules = {rule.name: rule for rule in data.calm.rules}
        concepts = data.lexicons.concepts
        self._roles = {name: c.role for name, c in concepts.items()}
        self._strong = frozenset(name for name, c in concepts.items() if c.strong)
        self._hides = {context.CONCEPT + name: frozenset(context.CONCEPT + h for h in c.hides)
                       for name, c in concepts.items() if c.hides}
        self._sites = (frozenset(name for name, c in concepts.items() if c.site),
                       frozenset(name for name, c in concepts.items()
                                 if c.role == "sign" and c.strong and not c.site))
        terms = {context.CONCEPT + name: c.terms for name, c in concepts.items()}
        terms |= {context.RULE + r.name: r.triggers for r in data.calm.rules}
        self._lexicon = Lexicon(terms)
        self._breaks = frozenset(data.lexicons.clause_breaks)
        self._joins = frozenset((j, s) for j in data.lexicons.joiners
                                for s in data.lexicons.clause_starts)
        self._continues = frozenset(tuple(c.split()) for c in data.lexicons.clause_continues)
        spelling = data.flags.spelling
        self._corrector = Corrector(self._lexicon.words, spelling.min_length, spelling.keep,
                                    spelling.spoken, known_words, spelling.not_first,
                                    spelling.no_as_not)
        self._cache: dict[tuple[str, bool], list[list[context.Reading]]] = {}

    def readings(self, message: str, corrected: bool = False) -> list[list[context.Reading]]:
        """Concept mentions of each sentence with the calm rules on them, as typed or
        with misspellings corrected (the same object when nothing needs correcting)."""
        cached = self._cache.get((message, corrected))
        if cached is not None:
            return cached
        typed = [self._corrector.variants(s)
                 for s in sentences(message, self._breaks, self._joins, self._continues)]
        typed_read = [self._read(s) for s in typed]
        plain = self._carry(typed_read)
        fixed = [Sentence(self._corrector.correct(s.words), s.clauses) for s in typed]
        if fixed == typed:
            readings = plain
        else:
            readings = self._carry([self._read(f) if f != t else p
                                    for f, t, p in zip(fixed, typed, typed_read, strict=True)])
        # Kept for the last message only: `ask` checks it for red flags, then medicines.
        self._cache = {(message, False): plain, (message, True): readings}
        return plain if not corrected else readings

    def _read(self, sentence: Sentence) -> tuple[list[context.Reading], frozenset[str]]:
        """A sentence's readings, and the rules that reach back from it."""
        return context.read(sentence, self._lexicon.find(sentence.words), self.rules,
                            self._hides, self._sites)

    def _carry(self, read: list[tuple[list[context.Reading], frozenset[str]]]
               ) -> list[list[context.Reading]]:
        out = [readings for readings, _ in read]
        for i in range(1, len(read)):
            if read[i][1]:
                out[i - 1] = context.carry(out[i - 1], read[i][1], self.rules)
        return out

    def mentions_medicine(self, message: str) -> bool:
        """Named as typed or misspelt ("baclafen"): the notice costs nothing if wrong."""
        return any(self._roles[r.concept] == "medicine"
                   for fixed in (False, True)
                   for sentence in self.readings(message, fixed) for r in sentence)

    def check(self, message: str) -> Verdict:
        """The concept check's verdict, and the learned backstop's where it gives none
        (or, with an `urgent` threshold, where it could not read the sign: `promotable`)."""
        verdict = self.concepts(message)
        if self.backstop is None or verdict.tier == "urgent" or not self.backstop.reads(message):
            return verdict
        chance = self.backstop.probability(message)
        urgent = self.backstop.data.urgent
        if urgent is not None and chance >= urgent and promotable(
                verdict.tier, verdict.decided_by, verdict.decided_by in self.rules, self.unsure):
            flag = next((f for f in self.flags if f.id == verdict.flag
                         and f.id not in self._net_only), None)
            text = ((flag.message_other if verdict.who == "other" else "")
                    or flag.message_for.get(self._treatment) or flag.message
                    if flag else self._backstop_texts[0])
            return Verdict("urgent", flag.id if flag else BACKSTOP_FLAG,
                           text.format(**self._numbers), BACKSTOP, verdict.who)
        if verdict.tier is None and chance >= self.backstop.data.safety_net:
            return Verdict("safety_net", BACKSTOP_FLAG,
                           self._backstop_texts[1].format(**self._numbers), BACKSTOP)
        return verdict

    def concepts(self, message: str) -> Verdict:
        """The concept check alone: SOS, then the flags over the concept readings."""
        if sos.is_sos(message, self._sos_words):
            return Verdict("urgent", SOS_FLAG, self.sos_message, SOS_FLAG)
        readings = self.readings(message)
        found = flags.find(self.flags, readings, self.rules)
        if not found or found[0].tier != "urgent":
            # A sign seen only once a word is "corrected" is a guess ("tripped" is not
            # "tripled"): it gets at most the safety net.
            fixed = self.readings(message, corrected=True)
            guessed = flags.find(self.flags, fixed, self.rules) if fixed is not readings else []
            if guessed and guessed[0].tier and (not found or not found[0].tier):
                readings, found = fixed, [guessed[0]._replace(tier="safety_net",
                                                            decided_by=SPELLING)]
        if not found or not found[0].tier:
            found = flags.near_misses(self.flags, readings, self._strong) or found
        if not found:
            return Verdict(None)
        best = found[0]
        if best.tier is None:
            return Verdict(None, decided_by=best.decided_by)
        who = best.pattern.about
        if who == "speaker":
            who = speaker.who(readings, best.sentence, best.start, self._roles)
        flag = best.flag
        if best.tier == "urgent":
            text = ((flag.message_other if who == "other" else "")
                    or flag.message_for.get(self._treatment) or flag.message)
        else:
            text = (flag.safety_net_other if who == "other" else "") or flag.safety_net
        return Verdict(best.tier, flag.id, text.format(**self._numbers), best.decided_by, who)
