"""The data that crosses module boundaries: manifest, chunk, passage and answer.

Everything a script or the UI sees is one of these models, so the JSON contract of
`chatbot ask --json` is exactly `Answer.model_dump_json()`.
"""

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chatbot.vocabulary import Treatment, VocabularyEntry


class SourceKind(StrEnum):
    """The kinds of source the manifest may name; each has a plain-words label."""

    personal_blog = "personal_blog"
    clinic_marketing_blog = "clinic_marketing_blog"
    health_information_article = "health_information_article"
    overview = "overview"
    evidence_factsheet = "evidence_factsheet"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SourceKind.personal_blog: "a personal blog",
    SourceKind.clinic_marketing_blog: "a clinic's marketing blog",
    SourceKind.health_information_article: "a health information article",
    SourceKind.overview: "a general overview article",
    SourceKind.evidence_factsheet: "an evidence factsheet",
}


class Strict(BaseModel):
    """Unknown fields are errors: a typo in the manifest must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NeverQuote(Strict):
    """A span that is never indexed or quoted.

    It starts at the first occurrence of `start` and runs to the end of the first
    occurrence of `end` after it (or covers `start` alone when `end` is empty).
    """

    reason: str = Field(min_length=1)
    start: str = Field(min_length=1)
    end: str = ""


PROVENANCE = ("url", "publisher", "reviewed", "review_due")
"""What patient-information standards ask of each source (the NHS's "last reviewed"
and "next review due"): `corpus check` names each one a document lacks."""


class DocumentMeta(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    file: str = Field(min_length=1)
    title: str = Field(min_length=1)
    title_from_text: bool = True
    quote_title: bool = False
    """The title line is never quoted (every answer names the source by its title),
    unless this says it may be."""
    kind: SourceKind
    author: str | None = None
    publisher: str | None = None
    """Who stands behind the document: an organisation, or the site it is on."""
    url: str | None = Field(default=None, pattern=r"^(?:https?://|www\.)\S+$")
    """Where a person can read it."""
    published: str | None = None
    updated: str | None = None
    date_note: str | None = None
    reviewed: dt.date | None = None
    """When its publisher last reviewed it, as the document says ("Page last reviewed")."""
    review_due: dt.date | None = None
    """When its next review is due, as the document says ("Next review due")."""
    description: str = ""
    never_quote: list[NeverQuote] = []

    @property
    def provenance(self) -> dict[str, str | dt.date | None]:
        """The four fields by name, as a passage and `corpus list` carry them."""
        return {name: getattr(self, name) for name in PROVENANCE}

    @model_validator(mode="after")
    def _review_after_reviewed(self) -> "DocumentMeta":
        if self.reviewed and self.review_due and self.review_due < self.reviewed:
            raise ValueError("review_due is before reviewed")
        return self

    @property
    def date_label(self) -> str | None:
        """The dates in plain words, or None when the text gives none."""
        parts = []
        if self.published:
            parts.append(f"posted {self.published}")
        if self.updated:
            parts.append(f"updated {self.updated}")
        if parts:
            return ", ".join(parts)
        return self.date_note


class CorpusTexts(Strict):
    """What a corpus says of itself, in the bot's own words: reviewed texts, like the
    documents. Each one it leaves out falls back to a topic-neutral default."""

    name: str | None = Field(default=None, min_length=1)
    """The chat's title ("Acupuncture and MS: what the sources say")."""
    topic: str | None = Field(default=None, min_length=1)
    """What the sources are about, as the welcome and "I can't find that" say it."""
    welcome: str | None = Field(default=None, min_length=1)
    """The whole welcome, if the default one (with `topic`) will not do; "{sources}"
    becomes "two sources"."""
    examples: list[str] = []
    """Example questions: the welcome offers them, "I can't find that" suggests them."""
    caveats: list[str] = []
    """Notes under every answer ("Research on acupuncture for MS is small and early")."""
    medicine_notice: str | None = Field(default=None, min_length=1)
    treatment: Treatment | None = None
    vocabulary: list[VocabularyEntry] = []
    """Lay words for the documents' own terms, added to the general vocabulary."""


class Manifest(CorpusTexts):
    """The whole file in one model, for `read_manifest`; loading a corpus validates it
    part by part instead (`chatbot.corpus.manifest`), so its schema is built only when
    used."""

    model_config = ConfigDict(defer_build=True)
    documents: list[DocumentMeta] = Field(min_length=1)

    @field_validator("documents")
    @classmethod
    def _unique_ids(cls, docs: list[DocumentMeta]) -> list[DocumentMeta]:
        seen: set[str] = set()
        for doc in docs:
            if doc.id in seen:
                raise ValueError(f"duplicate document id {doc.id!r}")
            seen.add(doc.id)
        return docs


class Chunk(Strict):
    """A passage a patient can read on its own, located exactly in its document."""

    chunk_id: str
    doc_id: str
    order: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    heading: str | None = None
    units: tuple[tuple[int, int], ...]
    """Quotable units, absolute offsets: sentences, or a short-item list with its lead-in."""


Status = Literal["answered", "no_match", "urgent", "reply"]
"""`reply`: a fixed reply that quotes nothing (a greeting, thanks, the list of sources)."""


class Passage(BaseModel):
    """One quoted passage: a verbatim span plus everything needed to weigh it."""

    doc_id: str
    title: str
    source_kind: SourceKind
    source_label: str
    author: str | None
    date: str | None
    publisher: str | None = None
    url: str | None = None
    reviewed: dt.date | None = None
    review_due: dt.date | None = None
    chunk_id: str
    quote: str
    quote_start: int
    quote_end: int
    lead_in: str | None = None
    """When the quote is a bullet of a list, the list's lead-in ("...may help by:"),
    a verbatim span of its own, shown before the quote (never joined to it)."""
    lead_in_start: int | None = None
    context: str
    context_start: int
    score: float
    evidence: list[str] = []
    caveats: list[str] = Field(min_length=1)


class SafetyNet(BaseModel):
    """A possible red flag that is not clearly urgent: a fixed text shown before the
    answer ("If this is happening now..., call ...")."""

    flag: str
    message: str


class Answer(BaseModel):
    """What the bot says to one message; the JSON of `chatbot ask --json`."""

    question: str
    status: Status
    message: str
    passages: list[Passage] = []
    caveats: list[str] = []
    notices: list[str] = []
    questions_for_team: list[str] = []
    suggestions: list[str] = []
    safety_net: SafetyNet | None = None
    """Shown first by every interface; null when the message raised no possible flag."""
    follows: str | None = None
    """The earlier question this message was read with (a follow-up), or null."""
    choices: list[Literal["alone"]] = []
    """Other readings offered: "alone" when this follow-up could also be a question of
    its own ("does it help pain?"); typing the command "alone" asks it that way."""
