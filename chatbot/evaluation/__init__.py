"""Scripted Q&A: run a case file through the bot and report the figures.

Case file format (JSON Lines, one case per line; blank lines and lines starting with
`#` are skipped). A single question:

    {"id": "fatigue-01", "question": "can needles help my tiredness",
     "status": "answered", "expect_any": ["less fatigue", "reduced fatigue"],
     "expect_doc": ["002_f51d5e6b808b7eee"], "notice": "medicine"}

A conversation, asked turn by turn as `chatbot ask --json --dialogue -` asks it:

    {"id": "d-01", "turns": [
      {"question": "can acupuncture help my bladder", "status": "answered",
       "expect_any": ["..."]},
      {"question": "how many people were in it?", "turn": "follow_up",
       "status": "answered", "expect_any": ["..."],
       "standalone": "how many people were in the bladder study?"}]}

- `status`: the expected status: "answered", "no_match" or "urgent" (a fixed reply,
  such as the list of sources, counts as not quoting, like "no_match").
- `expect_any` (answered): a passage is a hit when its quote contains one of these
  phrases (case-insensitive, spaces and quote marks normalised).
- `expect_doc` (optional): document ids or file stems; without `expect_any`, a
  passage from one of them is a hit; with it, the phrase must also match.
- `notice` (optional): "medicine" means the answer must carry the medicine notice.
- `turn` (dialogues): "opening", "follow_up" or "topic_change"; figures are given per
  kind of turn, and topic changes are also asked alone, to compare.

Figures: hit@1 and hit@3 over answerable cases; abstention = share of no_match
cases given no quote; urgent recall; false urgent = non-urgent cases flagged urgent;
plus the invariants every answer must keep (caveated, quotes verbatim at their
offsets, nothing quoted from a never-quote span).
"""

from chatbot.evaluation.cases import (
    DialogueCase,
    DialogueTurn,
    EvalCase,
    load_any,
    load_cases,
    normalise,
    standalone_cases,
)
from chatbot.evaluation.judge import hit_rank, invariant_problems
from chatbot.evaluation.report import Figures, Report, format_report
from chatbot.evaluation.run import evaluate, run_eval_command

__all__ = [
    "DialogueCase", "DialogueTurn", "EvalCase", "Figures", "Report", "evaluate",
    "format_report", "hit_rank", "invariant_problems", "load_any", "load_cases",
    "normalise", "run_eval_command", "standalone_cases",
]
