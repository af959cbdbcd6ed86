"""Questions answered before: what a corpus's labelled questions say of a new one.

A corpus may bring `memory.json`: questions people asked of it, each with the
sentences that answer it (or none, when its documents do not), as written by
`benchmarks/build_memory.py` from labelled question sets. A new question is compared
with them by the idf-weighted overlap of their word stems (cosine): a close neighbour
that was answered points at its sentences; one that was not answered warns that this
one may not be either. These are features the fitted model weighs beside everything
else (`features.py`). The most voted sentences also bring their chunks into the
candidates, each with a quote window that holds its sentence; such a quote is judged
by the model, and may come first past the coverage thresholds only when a labelled
question close enough answered it (`memory_pass`). A corpus without the file gets no
such features, and the model fitted without them. Words are never written: every
answer is still a verbatim quote.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from chatbot.corpus.manifest import CorpusError
from chatbot.models import Chunk
from chatbot.retrieval.stem_index import StemIndex
from chatbot.settings import RankingSettings
from chatbot.stemming import STEMS
from chatbot.words import Ignored, words

MEMORY_FILE = "memory.json"
Unit = tuple[str, int]
"""A sentence (quotable unit) of a chunk: (chunk id, its start offset in the document)."""


class Labelled(NamedTuple):
    """One labelled question, as the file stores it (a row, to load fast)."""

    id: str
    group: str
    """The question set it came from: fitting leaves its own set out of its memory."""
    stems: str
    """Its stems, space-separated (`question_stems`)."""
    answered: bool
    units: list[tuple[str, int]]
    """The sentences that answer it; none when its documents do not."""
    after: list[str]
    """A follow-up ("how many people were in it?"): the chunks that answered the turn
    before it, in its writer's conversation. Empty for a question that stands alone."""


class MemoryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    built_from: list[str] = Field(min_length=1)
    questions: list[tuple[str, str, str, bool, list[tuple[str, int]], list[str]]] = Field(
        min_length=1)
    """Rows, in `Labelled`'s order (validated as plain tuples: ten times faster)."""


ASKING_WORDS = frozenset({"how", "what", "why", "when", "who", "which", "where"})
"""Stop words that still say what is asked: "how does acupuncture work?" asks how, and
"does acupuncture work?" whether; without them the memory read the two as one."""


def question_stems(text: str, stop_words: Ignored) -> tuple[str, ...]:
    """The stems a question is compared by: its words, those that say nothing of what
    is asked (`Analyzer.ignored`: stop words, fillers, filler phrases, but not
    `ASKING_WORDS`) left out; each once, sorted, so
    that the closeness sums add up in the same order whatever the hash seed (in a set's
    order their last digits changed, enough to flip a tie between asked alone and asked
    as a follow-up)."""
    return tuple(sorted({STEMS[w] for w in stop_words.phrases.drop(words(text))
                         if w not in stop_words.words or w in ASKING_WORDS}))


class Recall(NamedTuple):
    """What the nearest labelled questions say of one question (its dicts are never
    changed once made, so the empty defaults may be shared)."""

    against: float = 0.0
    """The closest question its documents do not answer (0-1)."""
    familiar: float = 0.0
    """The closest labelled question of any kind (0-1)."""
    no_share: float = 0.0
    """Of the nearest questions' votes, the share of those not answered."""
    closeness: dict[Unit, float] = {}  # noqa: RUF012
    """Each sentence that answered one of the nearest questions: the closest one's."""
    votes: dict[Unit, float] = {}  # noqa: RUF012
    """Each such sentence's share of the answered questions' votes."""
    top: tuple[Unit, ...] = ()
    """The sentences with the most votes, most first."""

    def for_span(self, chunk: Chunk, start: int, end: int) -> tuple[float, float]:
        """(closeness, vote share) of the answers that lie within this quote."""
        keys = [(chunk.chunk_id, a) for a, b in chunk.units if start <= a and b <= end]
        return (max((self.closeness.get(k, 0.0) for k in keys), default=0.0),
                sum(self.votes.get(k, 0.0) for k in keys))

    def for_chunk(self, chunk: Chunk) -> float:
        return max((self.closeness.get((chunk.chunk_id, a), 0.0) for a, _ in chunk.units),
                   default=0.0)

    def best_unit(self, chunk: Chunk) -> tuple[int, int] | None:
        """The chunk's sentence (start, end) with the most votes, if any has one."""
        scored = [(self.votes.get((chunk.chunk_id, a), 0.0), a, b) for a, b in chunk.units]
        vote, a, b = max(scored, default=(0.0, 0, 0))
        return (a, b) if vote > 0 else None


NO_RECALL = Recall()
TOP_UNITS = 3
"""How many of the most voted sentences bring their chunks into the candidates."""


class QuestionMemory:
    """Labelled questions, searchable by stem; built once, never changed. A question
    is judged by its `neighbours` closest, each voting with its closeness to the
    power `power` (a close one counts far more than a loose one), for its answer's
    sentences or for "not answered".

    A follow-up is also compared with the follow-ups people asked in their own
    conversations ("how many people were in it?" after the balance study's note): the
    closer what it follows is to what theirs followed, the more they count
    (`after_weights`: the same chunk 1, the same document, another document).
    `unseen`: how much a stem no labelled question has weighs (`StemIndex`)."""

    def __init__(self, questions: Iterable[Labelled], stop_words: Ignored,
                 neighbours: int, power: float,
                 after_weights: tuple[float, float] = (0.0, 0.0), unseen: float = 1.0) -> None:
        self.questions = tuple(questions)
        self.stop_words = stop_words
        self.neighbours = neighbours
        self.power = power
        self.after_weights = after_weights
        self.unseen = unseen
        self._alone = StemIndex((q for q in self.questions if not q.after), unseen)
        self._follow = StemIndex((q for q in self.questions if q.after), unseen)

    def without(self, group: str, neighbours: int | None = None,
                power: float | None = None, unseen: float | None = None) -> "QuestionMemory":
        """The memory less one question set (to fit on features it would not have),
        voting as this one does unless told otherwise (the fit tries several ways)."""
        return QuestionMemory((q for q in self.questions if q.group != group), self.stop_words,
                              neighbours or self.neighbours,
                              self.power if power is None else power, self.after_weights,
                              self.unseen if unseen is None else unseen)

    def nearest(self, text: str, after: tuple[str, ...] = ()) -> list[tuple[float, Labelled]]:
        """The closest labelled questions, closest first: those that stand alone, and,
        for a follow-up of the chunks `after`, the follow-ups weighted by what they
        followed."""
        stems = question_stems(text, self.stop_words)
        k = self.neighbours
        near = self._alone.best(self._alone.closeness(stems), k)
        if after:
            near += self._follow.best(self._followed(stems, after), k)
        return sorted(near, key=lambda sq: (-sq[0], sq[1].id))[:k]

    def closest(self, text: str, after: tuple[str, ...]) -> tuple[float, float]:
        """How close `text` is to a labelled question that stands alone, and to a
        follow-up typed after the chunks `after` (weighted by what it followed)."""
        stems = question_stems(text, self.stop_words)
        alone = self._alone.closeness(stems)
        follow = self._followed(stems, after) if after else np.zeros(0)
        return (float(alone.max()) if alone.size else 0.0,
                float(follow.max()) if follow.size else 0.0)

    @cached_property
    def _followed_where(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Which typed follow-ups followed each chunk, and each document: made when a
        conversation first needs it, not on every start (one question needs none)."""
        chunks: dict[str, list[int]] = defaultdict(list)
        documents: dict[str, list[int]] = defaultdict(list)
        for i, q in enumerate(self._follow.questions):
            for c in set(q.after):
                chunks[c].append(i)
            for d in {document_of(c) for c in q.after}:
                documents[d].append(i)
        return chunks, documents

    def _followed(self, stems: tuple[str, ...], after: tuple[str, ...]) -> np.ndarray:
        """Each typed follow-up's closeness weighted by how near what it followed is
        to `after`: the same chunk 1, else `after_weights` (the same document, other)."""
        same_document, other = self.after_weights
        chunks, documents = self._followed_where
        weight = np.full(len(self._follow), other)
        for d in {document_of(c) for c in after}:
            weight[documents.get(d, [])] = same_document
        for c in set(after):
            weight[chunks.get(c, [])] = 1.0
        return self._follow.closeness(stems) * weight

    def recall(
        self, text: str, context: str | None = None, asking: str | None = None,
        after: tuple[str, ...] = (),
    ) -> Recall:
        """The recall of the whole message; when it has a part that asks (`asking`),
        a warning that it is not answered must hold for that part too, and that
        part's answers count as well ("I had optic neuritis years ago, can it help my
        fatigue?" is close to an unanswered question about optic neuritis, but asks
        about fatigue). `after`: the chunks a follow-up follows."""
        whole = self._recall(text, context, after)
        if not asking or asking == text:
            return whole
        part = self._recall(asking, context, after)
        votes = {k: max(whole.votes.get(k, 0.0), part.votes.get(k, 0.0))
                 for k in whole.votes.keys() | part.votes.keys()}
        closeness = {k: max(whole.closeness.get(k, 0.0), part.closeness.get(k, 0.0))
                     for k in whole.closeness.keys() | part.closeness.keys()}
        top = tuple(dict.fromkeys(whole.top + part.top))[:TOP_UNITS]
        return Recall(min(whole.against, part.against), max(whole.familiar, part.familiar),
                      min(whole.no_share, part.no_share), closeness, votes, top)

    def _recall(self, text: str, context: str | None, after: tuple[str, ...]) -> Recall:
        """What the nearest labelled questions say of `text`; a follow-up is compared
        with `context` (the earlier question it is read with) beside its own words,
        since "how many people were in it?" alone is close to every count question;
        other people's follow-ups are compared by its own words and what they followed."""
        near = self.nearest(f"{context} {text}" if context else text)
        if after:
            merged = near + [sq for sq in self.nearest(text, after) if sq[1].after]
            near = sorted(merged, key=lambda sq: (-sq[0], sq[1].id))[: self.neighbours]
        if not near:
            return NO_RECALL
        closeness: dict[Unit, float] = {}
        votes: dict[Unit, float] = defaultdict(float)
        yes = no = against = 0.0
        for sim, q in near:
            weight = sim ** self.power
            if not q.answered:
                no += weight
                against = max(against, sim)
                continue
            yes += weight
            for chunk_id, start in q.units:
                key = (chunk_id, start)
                closeness[key] = max(closeness.get(key, 0.0), sim)
                votes[key] += weight / len(q.units)
        share = {k: v / yes for k, v in votes.items()} if yes else {}
        top = tuple(sorted(share, key=lambda k: (-share[k], k))[:TOP_UNITS])
        no_share = no / (yes + no) if yes + no else 0.0
        return Recall(against, near[0][0], no_share, closeness, share, top)


def document_of(chunk_id: str) -> str:
    """The document a chunk id belongs to (`doc#n`, as `chunking` names chunks)."""
    return chunk_id.rpartition("#")[0]


def load_memory(root: Path, chunks: list[Chunk], stop_words: Ignored,
                settings: RankingSettings) -> "QuestionMemory | None":
    """The corpus's labelled questions, or None when it brings none. Every sentence
    they name must be one of the corpus's: a memory built for other chunks is stale."""
    path = root / MEMORY_FILE
    if not path.is_file():
        return None
    data = MemoryFile.model_validate_json(path.read_bytes())
    known = {(c.chunk_id, a) for c in chunks for a, _ in c.units}
    questions = [Labelled._make(row) for row in data.questions]
    stale: list = sorted({tuple(u) for q in questions for u in q.units} - known)
    stale += sorted({c for q in questions for c in q.after} - {c.chunk_id for c in chunks})
    if stale:
        raise CorpusError([f"{path}: names sentences the corpus does not have (first: "
                           f"{stale[0]}); rebuild it with benchmarks/build_memory.py"])
    return QuestionMemory(questions, stop_words, settings.memory_neighbours,
                          settings.memory_power, settings.memory_after, settings.memory_unseen)
