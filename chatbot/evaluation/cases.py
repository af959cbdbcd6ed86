"""The case files: single questions and conversations, validated line by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chatbot.models import Status
from chatbot.normalise import normalise as normalise_text

TurnKind = Literal["single", "opening", "follow_up", "topic_change"]


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    question: str
    status: Status
    expect_any: list[str] = []
    expect_doc: list[str] = []
    notice: Literal["medicine"] | None = None
    note: str | None = None
    kind: str | None = None
    """What kind of question it is, as its writer saw it (for per-kind figures)."""


class DialogueTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str
    status: Status
    turn: Literal["opening", "follow_up", "topic_change"] = "follow_up"
    expect_any: list[str] = []
    expect_doc: list[str] = []
    notice: Literal["medicine"] | None = None
    standalone: str | None = None
    """The same turn as a question that stands alone (as its writer rewrote it)."""

    def case(self, case_id: str) -> EvalCase:
        return EvalCase(id=case_id, question=self.question, status=self.status,
                        expect_any=self.expect_any, expect_doc=self.expect_doc,
                        notice=self.notice)


class DialogueCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    turns: list[DialogueTurn] = Field(min_length=1)
    note: str | None = None


def normalise(text: str) -> str:
    """Text as phrases are matched: the one normalisation, spaces collapsed."""
    return " ".join(normalise_text(text).split())


def _lines(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, line


def _parse(path: Path, n: int, line: str, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(json.loads(line))
    except (json.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise ValueError(f"{path}:{n}: {first}") from None


def load_cases(path: Path) -> list[EvalCase]:
    """Single-question cases only (the ranking fit reads these)."""
    return [_parse(path, n, line, EvalCase) for n, line in _lines(path)]  # type: ignore[misc]


def standalone_cases(path: Path) -> list[EvalCase]:
    """Every question of a file that stands alone: each single question; of each
    conversation, its openings and topic changes, and each follow-up its writer
    rewrote to stand alone (`standalone`). The ranking fit and the memory read these."""
    out: list[EvalCase] = []
    for case in load_any(path):
        if isinstance(case, EvalCase):
            out.append(case)
            continue
        for n, turn in enumerate(case.turns, 1):
            text = turn.question if turn.turn != "follow_up" else turn.standalone
            if text:
                out.append(turn.case(f"{case.id}#{n}").model_copy(update={"question": text}))
    return out


def load_any(path: Path) -> list[EvalCase | DialogueCase]:
    """Single questions and conversations, in file order: a line with "turns" is a
    conversation."""
    out: list[EvalCase | DialogueCase] = []
    for n, line in _lines(path):
        is_dialogue = '"turns"' in line
        out.append(_parse(path, n, line, DialogueCase if is_dialogue else EvalCase))  # type: ignore[arg-type]
    return out
