"""The kind of question, and what its answer must contain.

Each kind is a small named declaration in `data/question_kinds.toml` (cues, what the
answer needs, examples that must and must not read as it). "How many took part?" is
answered by a sentence that says how many, not by one that shares the word
"patients"; "is it safe?" by one about risks; "does it help X?" by one saying the
treatment does something for X. When no passage has what the kind needs: no_match.
"""

import re
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.citations import YEAR, cited
from chatbot.data import load_data_file
from chatbot.tokenizer import SYNONYM, Analyzer, stem
from chatbot.words import PEOPLE_WORDS, words

GAP = "..."
"""In a cue, any words between its parts: "what does ... mean"."""
NUMBER = re.compile(
    r"\b(?!(?:19|20)\d\d\b)(?:\d+(?:[.,]\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|half)\b"
)
"""A number: digits or a number word; a year ("2007") is a date, not a count."""


PEOPLE_STEMS = frozenset(stem(w) for w in (*PEOPLE_WORDS, "ppl", "persons"))
"""A count of people is a number of any of these ("10 healthy adults" counts volunteers)."""


def counted_after(after: list[str], stop_words: frozenset[str],
                  skip: frozenset[str]) -> frozenset[str]:
    """The stems of what "how many" counts: the last of up to two words after the cue,
    before a stop word ("how many acupuncture sessions a week": sessions; "how many of
    the rats": rats, the `skip` words passed over first)."""
    taken: list[str] = []
    for word in after:
        if word in skip and not taken:
            continue
        if word in stop_words or len(taken) == 2:
            break
        taken.append(word)
    if not taken:
        return frozenset()
    head = stem(taken[-1])
    return PEOPLE_STEMS if head in PEOPLE_STEMS else frozenset({head})


class KindRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z_]+$")
    about: str = Field(min_length=1)
    cues: list[str] = Field(min_length=1)
    needs: list[str] = []
    needs_number: bool = False
    needs_citation: bool = False
    needs_year: bool = False
    counts_what_follows: bool = False
    """"How many rats...": what is counted is the word after the cue, and an answer
    gives a number of it ("10 healthy adults" counts adults)."""
    needs_treatment: bool = False
    names_subject: bool = False
    whole_alone: bool = False
    """Asked of the treatment alone, the question is whole ("is acupuncture safe?"): as
    a message's last part, it is what the message asks, whatever came before."""
    of_source: bool = False
    """It asks about a named source as a whole ("what is the clinic's post trying to
    do?"): read only when the question names a source, and a quote from that source
    covers it, if it has what the kind needs."""
    examples: list[str] = Field(min_length=1)
    not_examples: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _asks_something(self) -> "KindRule":
        if not (self.needs or self.needs_number or self.needs_treatment or self.names_subject
                or self.needs_citation or self.needs_year):
            raise ValueError(f"kind {self.id!r} needs nothing of its answer")
        return self


class KindsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[KindRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "KindsFile":
        ids = [k.id for k in self.kinds]
        if len(ids) != len(set(ids)):
            raise ValueError("kind ids must be unique")
        return self


class CueMatch(NamedTuple):
    """Where a kind's cue was found in a question's words."""

    words: frozenset[str]
    """The cue's words."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each of its parts in the question's words."""


class Kind(NamedTuple):
    """A kind as the analyser reads it: cue stems and the terms its answer needs."""

    rule: KindRule
    cues: tuple[tuple[tuple[str, ...], ...], ...]
    """Each cue as its parts (runs of words) in order. Words, not stems: "whats" and
    "what" share a stem, and only one of them asks what something is."""
    needs: frozenset[str]

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def checked(self) -> bool:
        """Its need is a pattern checked in the quote (a number, a citation, a year):
        a quote that has it very likely answers ("(Donnellan 2008)" says who did it)."""
        r = self.rule
        return r.needs_number or r.needs_citation or r.needs_year

    def match(self, words: list[str], present: frozenset[str]) -> CueMatch | None:
        """The first cue found in a question's words, or None. `present` is the set
        of those words: a cue whose first word is absent is skipped without a scan."""
        for parts in self.cues:
            if parts[0][0] in present and (spans := _find_in_order(words, parts)):
                return CueMatch(frozenset(w for part in parts for w in part), spans)
        return None

    def cue_words(self, words: list[str], present: frozenset[str]) -> frozenset[str] | None:
        """The words of the first cue found in a question's words, or None."""
        found = self.match(words, present)
        return found.words if found else None

    def satisfied(self, quote: str, terms: frozenset[str], anchors: frozenset[str]) -> bool:
        """Does a quote (its text and terms) have what this kind needs?"""
        rule = self.rule
        if self.needs and not terms & self.needs:
            return False
        if not self.has_pattern(quote):
            return False
        return not (rule.needs_treatment and not terms & anchors)

    def has_pattern(self, quote: str) -> bool:
        """Has the quote the number, citation or year this kind needs (if it needs
        one)? A fact of the text, so even the answer to a close labelled question
        must have it: "who ran it?" is not answered by a study note naming no one."""
        rule = self.rule
        return not ((rule.needs_number and not NUMBER.search(quote.lower()))
                    or (rule.needs_citation and not cited(quote))
                    or (rule.needs_year and not YEAR.search(quote)))


def _find_in_order(
    seq: list[str], parts: tuple[tuple[str, ...], ...]
) -> tuple[tuple[int, int], ...] | None:
    """Where each part is, in order, or None when one is missing."""
    pos = 0
    spans = []
    for part in parts:
        n = len(part)
        for i in range(pos, len(seq) - n + 1):
            if tuple(seq[i : i + n]) == part:
                pos = i + n
                spans.append((i, pos))
                break
        else:
            return None
    return tuple(spans)


class KindReader:
    """Reads which kind a question is; the first kind in file order wins."""

    def __init__(self, analyzer: Analyzer, rules: KindsFile | None = None) -> None:
        rules = rules or load_kinds()
        self.kinds = [_compile(rule, analyzer) for rule in rules.kinds]

    def read(self, question_words: list[str], names_source: bool = True,
             phrases: dict[tuple[str, ...], frozenset[str]] | None = None,
             ) -> tuple[Kind, CueMatch] | None:
        """The kind and where its cue is, for a question's words; a kind about a
        source as a whole only when the question names a source. A cue inside a
        longer vocabulary phrase of the question (`phrases`: its words, and the stems
        it means) that means none of what the kind's answer needs is that phrase's:
        "muscle weakness" is a symptom, while "the weaknesses of the research" ask
        how good the evidence is ("any proof" means evidence: it stays a cue)."""
        present = frozenset(question_words)
        for kind in self.kinds:
            if kind.rule.of_source and not names_source:
                continue
            cue = kind.match(question_words, present)
            if cue is not None and not (kind.needs and phrases and _inside_other_sense(
                    question_words, cue.spans, phrases, kind.needs)):
                return kind, cue
        return None


def _inside_other_sense(question_words: list[str], spans: tuple[tuple[int, int], ...],
                        phrases: dict[tuple[str, ...], frozenset[str]],
                        needs: frozenset[str]) -> bool:
    """Is a part of the cue inside a longer phrase, where it stands, that means none
    of `needs`?"""
    for phrase, means in phrases.items():
        n = len(phrase)
        if means & needs:
            continue
        for s, e in spans:
            if n > e - s and any(tuple(question_words[a : a + n]) == phrase
                                 for a in range(max(0, e - n), s + 1)):
                return True
    return False


def _compile(rule: KindRule, analyzer: Analyzer) -> Kind:
    cues = tuple(
        tuple(tuple(words(part)) for part in cue.split(GAP) if part.strip())
        for cue in rule.cues
    )
    own = [t for phrase in rule.needs for t in analyzer.terms(phrase) if not t.startswith(SYNONYM)]
    # The needed words as written, never a vocabulary synonym: "sample sizes" adds
    # ~peoplecount to a passage, but does not say how many took part.
    return Kind(rule, cues, frozenset(own))


def load_kinds() -> KindsFile:
    return load_data_file("question_kinds.toml", KindsFile)
