"""Evidence caveats: what kind of evidence a quoted passage rests on, in plain words.

Detection reads the quote itself and the studies it cites in its own document's
annotated references ("(Kim 2012)" -> the factsheet's note that Kim 2012 was in rats).
All wording comes from the reviewed data file `data/caveats.toml`.
"""

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chatbot.citations import YEAR, cited
from chatbot.corpus import Document
from chatbot.data import load_data_file
from chatbot.models import Chunk, CorpusTexts, SourceKind
from chatbot.sentences import sentence_spans
from chatbot.settings import MAX_EVIDENCE_CAVEATS

_ESCAPE = re.compile(r"\\.")  # "\S", "\B": capitals that are not letters to match


class EvidenceRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tag: str
    patterns: list[str] = Field(min_length=1)
    """Matched against the lowercased text, so written in lowercase."""
    text: str
    count: str | None = None
    text_without_count: str | None = None
    study_design: bool = False
    unless: list[str] = []
    """Tags whose note already says this one: when one of them is shown, this is not."""
    not_for: list[SourceKind] = []
    """Kinds of source whose own caveat already says this one."""

    @field_validator("patterns")
    @classmethod
    def _lowercase(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if _ESCAPE.sub("", pattern) != _ESCAPE.sub("", pattern).lower():
                raise ValueError(f"pattern {pattern!r} has capitals: it could never match")
        return patterns


class QuestionsAbout(BaseModel):
    """The questions for the MS team, asked by a carer about someone else."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    her: list[str] = Field(min_length=1)
    him: list[str] = Field(min_length=1)
    them: list[str] = Field(min_length=1)


class AnswerTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    caveats: list[str] = Field(min_length=1)
    questions_for_team: list[str] = Field(min_length=1)
    questions_about: QuestionsAbout

    @model_validator(mode="after")
    def _same_questions(self) -> "AnswerTexts":
        counts = {len(v) for v in self.questions_about.model_dump().values()}
        if counts != {len(self.questions_for_team)}:
            raise ValueError("each person's questions must match questions_for_team one to one")
        return self

    def questions_for(self, person: str) -> list[str]:
        """The questions for the MS team about `person`: "self", "her", "him", "them"."""
        if person == "self":
            return list(self.questions_for_team)
        return list(getattr(self.questions_about, person))


class Unstated(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tag: str
    text: str


class CaveatsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    treatment: str = Field(min_length=1)
    """How the texts name the treatment when the corpus names none."""
    source: dict[SourceKind, str]
    evidence: list[EvidenceRule]
    unstated: Unstated
    answer: AnswerTexts

    def for_corpus(self, texts: CorpusTexts) -> "CaveatsFile":
        """The texts for a corpus: its treatment named, its own answer caveats."""
        name = texts.treatment.name if texts.treatment else self.treatment

        def named(text: str) -> str:
            return text.replace("{treatment}", name)

        answer = self.answer
        if texts.caveats:
            answer = answer.model_copy(update={"caveats": list(texts.caveats)})
        return self.model_copy(update={
            "source": {kind: named(t) for kind, t in self.source.items()},
            "evidence": [r.model_copy(update={"text": named(r.text), "text_without_count":
                                              r.text_without_count and named(r.text_without_count)})
                         for r in self.evidence],
            "answer": answer,
        })


def load_caveats() -> CaveatsFile:
    return load_data_file("caveats.toml", CaveatsFile)


class CaveatWriter:
    """Chooses the fixed caveat texts for a passage."""

    def __init__(self, texts: CaveatsFile | None = None) -> None:
        self.texts = texts or load_caveats().for_corpus(CorpusTexts())
        self._rules = [
            (rule, [re.compile(p) for p in rule.patterns],
             re.compile(rule.count) if rule.count else None)
            for rule in self.texts.evidence
        ]

    def detect(self, text: str, study_design_only: bool = False) -> list[tuple[str, str]]:
        """(tag, caveat) for each evidence rule the text triggers, in file order.

        A count ("14 people") is taken only from the sentence that triggered the rule
        or the one after it, so two studies in one quote never swap their sizes.
        """
        found = []
        # Lowercase once rather than match case-insensitively: about 2.5x faster. The
        # offsets must stay those of `text` (the count is read around the match).
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lowercases to two characters
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        for rule, patterns, count in self._rules:
            if study_design_only and not rule.study_design:
                continue
            hit = next((m for p in patterns if (m := p.search(lowered))), None)
            if hit is None:
                continue
            n = count.search(_around(text, hit.start())) if count else None
            if n:
                found.append((rule.tag, rule.text.format(n=n.group(1).lower())))
            else:
                found.append((rule.tag, rule.text_without_count or rule.text))
        return found

    def for_passage(
        self,
        quote: str,
        kind: SourceKind,
        references: dict[tuple[str, str], str],
        study_note: str | None = None,
    ) -> tuple[list[str], list[str]]:
        """(evidence tags, caveats) for one quote; the source caveat comes first.

        `study_note` is the whole annotation when the quote comes from a document's
        note on one study ("No major adverse events were noted." is from a 14-person
        trial even though that sentence doesn't say so).
        """
        found = dict(self.detect(quote))
        notes = [references.get(key) for key in cited(quote)]
        for note in [study_note, *notes]:
            if note:
                for tag, text in self.detect(note, study_design_only=True):
                    found.setdefault(tag, text)
        for rule in self.texts.evidence:
            if rule.tag in found and (kind in rule.not_for
                                      or any(tag in found for tag in rule.unless)):
                del found[rule.tag]
        if not found:
            found[self.texts.unstated.tag] = self.texts.unstated.text
        # The most telling notes first (file order); a tired reader gets at most
        # MAX_EVIDENCE_CAVEATS of them.
        kept = list(found.items())[:MAX_EVIDENCE_CAVEATS]
        return [tag for tag, _ in kept], [self.texts.source[kind], *(t for _, t in kept)]


def _around(text: str, pos: int) -> str:
    """The sentence holding `pos`, and the sentence after it."""
    spans = sentence_spans(text)
    for i, (start, end) in enumerate(spans):
        if start <= pos < end or pos < start:
            stop = spans[i + 1][1] if i + 1 < len(spans) else end
            return text[start:stop]
    return text


def reference_notes(doc: Document, chunks: list[Chunk]) -> dict[tuple[str, str], str]:
    """Map (first author surname, year) to the annotation that follows its citation.

    Only the document's own never-quote citation spans count, so a passage is judged
    by the studies its own source names.
    """
    notes: dict[tuple[str, str], str] = {}
    for start, end, reason in doc.never_quoted:
        if "reference" not in reason:
            continue
        citation = doc.text[start:end]
        year = YEAR.search(citation)
        following = next((c for c in chunks if c.start >= end), None)
        if year and following is not None:
            notes[(citation.split()[0].rstrip(",."), year.group(0))] = following.text
    return notes
