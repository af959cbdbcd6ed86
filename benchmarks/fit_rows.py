"""The tuning questions as benchmarks/fit_ranking.py sees them: each question's pool
of candidates, labelled, and what the retriever would show under fitted weights (the
same order, answer features and later-passage selection as Retriever.search)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fitting import sigmoid

from chatbot import Chatbot
from chatbot.conversation.reading import Scope
from chatbot.evaluation import EvalCase, normalise, standalone_cases
from chatbot.evaluation.cases import DialogueCase, load_any
from chatbot.retrieval.features import (
    LATER_FEATURES,
    RANKING_FEATURES,
    Candidate,
    answerable_features,
    later_features,
    passes,
    ranking_features,
)
from chatbot.retrieval.memory import load_memory
from chatbot.retrieval.question import Question
from chatbot.retrieval.ranking import later_passages

ROOT = Path(__file__).resolve().parents[1]
WEAK = 0.25
"""Evidence strength at or below this is a weak source (the blog, the clinic)."""


@dataclass
class Pool:
    """One tuning question as the retriever reads it; no grid value changes it."""

    answerable: bool
    question: Question
    found: list[Candidate]
    y: np.ndarray  # 1 where the candidate's quote is right
    unknown_share: float
    ranking_only: bool = False
    """A follow-up's search: it teaches the ranking, never the answerable model or the
    threshold, which are of questions that stand alone (the follow-up bars are fitted
    on such searches by fit_follow_ups.py)."""


@dataclass
class Row:
    """One question under fitted ranking weights: what the answerable and later
    models see of it."""

    z: np.ndarray | None  # answerable features; None: nothing may come first
    top_ok: bool
    answerable: bool
    weak: bool | None  # weak source first, where a weak and a strong one are both right
    first: Candidate | None
    rest: list[tuple[float, Candidate, bool]]  # later candidates: (score, candidate, right)
    top_score: float
    best: float


def gather(bot: Chatbot, cases: list[EvalCase]) -> list[Pool]:
    r = bot.retriever
    stems = document_stems(bot)
    out = []
    for case in cases:
        question, found = r.pool(case.question)
        out.append(Pool(case.status == "answered", question, found,
                        _labels(bot, stems, case, found), r.unknown_share(question)))
    return out


def replayed_turns(bot: Chatbot, dialogue: DialogueCase
                   ) -> Iterator[tuple[EvalCase, str, tuple[Scope, ...]]]:
    """Every turn after the opening, its conversation replayed as the bot reads it: the
    turn as a case, its kind and its reading's searches. A turn the safety check or a
    fixed reply answered made no search and is left out."""
    conversation = bot.conversation()
    for n, turn in enumerate(dialogue.turns, 1):
        history = list(conversation.history)
        answer = conversation.ask(turn.question)
        if turn.turn == "opening" or answer.status in ("urgent", "reply"):
            continue
        yield (turn.case(f"{dialogue.id}/{n}"), turn.turn,
               bot.follow_ups.read(turn.question.strip(), history).scopes)


def gather_follow_ups(bot: Chatbot, dialogues: list[DialogueCase]) -> list[Pool]:
    """Each search of every follow-up turn: a follow-up ranks candidates read with the
    earlier question, within the study last quoted, which no question that stands
    alone shows the ranking."""
    r = bot.retriever
    stems = document_stems(bot)
    out = []
    for dialogue in dialogues:
        for case, kind, scopes in replayed_turns(bot, dialogue):
            for scope in scopes if kind == "follow_up" else ():
                question, found = r.pool(scope.text, scope.within, scope.context, scope.after,
                                         scope.quoted)
                out.append(Pool(case.status == "answered", question, found,
                                _labels(bot, stems, case, found), r.unknown_share(question),
                                True))
    return out


def document_stems(bot: Chatbot) -> dict[str, str]:
    """Each document's file stem (as gold `expect_doc` names it) and its id."""
    return {Path(d.file).stem: d.id for d in bot.documents}


def _labels(bot: Chatbot, stems: dict[str, str], case: EvalCase, found: list[Candidate]
            ) -> np.ndarray:
    """1 where the candidate's quote holds a gold phrase (of a gold document, if named)."""
    phrases = [normalise(p) for p in case.expect_any]
    docs = {stems.get(d, d) for d in case.expect_doc}
    return np.array([
        case.status == "answered"
        and any(p in normalise(bot.document_text(c.chunk.doc_id)[c.start:c.end])
                for p in phrases)
        and (not docs or c.chunk.doc_id in docs)
        for c in found
    ], dtype=float)


def setting(pool: Pool, values: dict) -> tuple[list[Candidate], np.ndarray]:
    """The pool under a grid setting: each candidate marked whether it may come
    first, and its ranking features (BM25 shares are of the best that may)."""
    found = [c._replace(passes=passes(c.coverage, c.quote_coverage, c.memory_quote,
                                      values["coverage_threshold"],
                                      values["quote_coverage_threshold"],
                                      values.get("memory_pass", 2.0)))
             for c in pool.found]
    best = max((c.bm25 for c in found if c.passes), default=0.0)
    x = np.array([ranking_features(c, pool.question, best) for c in found])
    return found, x.reshape(len(found), len(RANKING_FEATURES))


def rows_for(data: list, w: np.ndarray, prior: float) -> list[Row]:
    """As Retriever.search: the order shown is the score plus the evidence prior times
    the source's strength; the answerable features are of the candidates that may
    come first, with the model's own scores; later candidates follow in the order shown."""
    rows = []
    for pool, found, x in data:
        strict = [i for i, c in enumerate(found) if c.passes]
        if not strict:
            rows.append(Row(None, False, pool.answerable, None, None, [], 0.0, 0.0))
            continue
        scores = x @ w
        strength = np.array([c.strength for c in found])
        order = [int(i) for i in np.argsort(-(scores + prior * strength), kind="stable")]
        first_order = [i for i in order if found[i].passes]
        z = answerable_features([float(scores[i]) for i in first_order],
                                [found[i] for i in first_order], pool.question,
                                pool.unknown_share)
        top = first_order[0]
        right = pool.y > 0
        ok, weak_ok = right[strict], strength[strict] <= WEAK
        both = (ok & weak_ok).any() and (ok & ~weak_ok).any()
        weak = bool(strength[top] <= WEAK) if both else None
        rest = [(float(scores[i]), found[i], bool(right[i])) for i in order if i != top]
        rows.append(Row(np.array(z), bool(right[top]), pool.answerable, weak, found[top], rest,
                        max(c.bm25 for c in found if c.passes), float(scores[top])))
    return rows


def later_x(row: Row, chance: float) -> np.ndarray:
    return np.array([later_features(c, row.first, (s, row.top_score), place, chance, row.best)
                     for place, (s, c, _) in enumerate(row.rest)]).reshape(
                         len(row.rest), len(LATER_FEATURES))


def later_chances(row: Row, chance: float, lw: np.ndarray, lb: float) -> list[tuple]:
    """Each later candidate's chance of answering too, as Retriever.later_chances."""
    if not row.rest:
        return []
    p = sigmoid(later_x(row, chance) @ lw + lb)
    return [(float(pi), c) for pi, (_, c, _) in zip(p, row.rest, strict=True)]


def shown_later(row: Row, chances: list[tuple], lt: float, settings) -> list[bool]:
    """Whether each later passage shown is right (Retriever.search's selection)."""
    if not chances:
        return []
    right = {id(c): ok for _, c, ok in row.rest}
    return [right[id(c)] for c in later_passages(row.first, chances, lt, settings)]


def gather_sets(files: list[str], with_memory: bool, votes: tuple, follow_ups: bool = False
                ) -> tuple[list, object]:
    """Every tuning question's pool; with the memory, each set's questions are read by
    a bot whose memory leaves that set out, as a new batch meets the memory. With
    `follow_ups`, also each search of every follow-up turn (ranking only)."""
    bot = Chatbot(memory=False)
    full = load_memory(bot.corpus.root, bot.chunks, bot.retriever.analyzer.ignored,
                       bot.retriever.settings)
    if with_memory and full is None:
        raise SystemExit("--memory: the corpus has no memory.json")
    pools = []
    for name in files:
        cases = [c for c in standalone_cases(ROOT / name) if c.status != "urgent"]
        group = Path(name).stem.removesuffix("_questions")
        reader = Chatbot(memory=full.without(group, *votes)) if with_memory else bot
        pools.extend(gather(reader, cases))
        if follow_ups:
            pools.extend(gather_follow_ups(reader, [
                c for c in load_any(ROOT / name) if isinstance(c, DialogueCase)]))
    return pools, bot.retriever.settings
