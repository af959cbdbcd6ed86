"""Where answerable questions are lost, and how many passages are shown (figures only).

    python benchmarks/loss_categories.py [--held-out] [--show] [FILES...]

For each file: hit@1, hit@3 and no_match as `chatbot eval` counts them, the number of
passages shown for answerable questions, and each answerable question whose first
quote is wrong put in the first category that explains it (`--held-out`: each file
against the memory without its own set, as a first run meets it):

- urgent: the safety check answered instead;
- not_in_top: no chunk among BM25's first `candidates` holds a gold phrase;
- sentences: one does, but the quote chosen from it holds no gold phrase;
- unnamed: its quote does, but it does not name the treatment the question names (or
  a word the question requires);
- kind: its quote lacks what the question's kind needs;
- coverage, quote_coverage: it meets those conditions, but covers less of the question
  than a first passage needs (it may still be shown later);
- abstained: a right candidate exists, but the model said no_match;
- misranked: answered, a right candidate exists, but not first (``shown`` when it was
  among the passages shown, so hit@3 counted it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.evaluation import EvalCase, hit_rank, load_cases, normalise  # noqa: E402
from chatbot.retrieval.candidates import candidates  # noqa: E402
from chatbot.retrieval.spans import unit_text  # noqa: E402

DEFAULT = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests/data/tuning").glob("qa*.jsonl"))


def right(bot: Chatbot, case: EvalCase, doc_id: str, text: str, stems: dict) -> bool:
    docs = {stems.get(d, d) for d in case.expect_doc}
    if docs and doc_id not in docs:
        return False
    return any(normalise(p) in normalise(text) for p in case.expect_any)


def refused_at(bot: Chatbot, case: EvalCase, stems: dict) -> str:
    """Why no right candidate may come first: the latest stage a right chunk reached."""
    r = bot.retriever
    question = r.reader.read(case.question)
    weighted = r._weighted(question)
    pool = {c.chunk.chunk_id: c for c in r.pool(case.question)[1]}
    stages = []
    for idx, _ in candidates(r.index, question.concepts, r.settings):
        chunk = r.chunks[idx]
        if not right(bot, case, chunk.doc_id, chunk.text, stems):
            continue
        start, end = r.quotes.choose(chunk, weighted)
        if not right(bot, case, chunk.doc_id, unit_text(chunk, (start, end)), stems):
            stages.append("sentences")  # the right passage, the wrong sentences of it
        elif chunk.chunk_id not in pool:
            cov = r._coverage(question, r.chunk_term_set(idx))
            stages.append("kind" if cov > 0 else "unnamed")
        elif pool[chunk.chunk_id].coverage < r.settings.coverage_threshold:
            stages.append("coverage")
        elif not pool[chunk.chunk_id].passes:
            stages.append("quote_coverage")
        else:
            stages.append("passes")
    for stage in ("passes", "quote_coverage", "coverage", "kind", "unnamed", "sentences"):
        if stage in stages:
            return stage
    return "not_in_top"


def category(bot: Chatbot, case: EvalCase, stems: dict) -> str | None:
    answer = bot.ask(case.question)
    rank = hit_rank(case, answer, stems)
    if rank == 1:
        return None
    if answer.status == "urgent":
        return "urgent"
    stage = refused_at(bot, case, stems)
    if stage != "passes":
        return stage
    if answer.status == "no_match":
        return "abstained"
    return "misranked (shown)" if rank is not None else "misranked"


def report(bot: Chatbot, path: str, total: Counter[str], show: bool = False) -> None:
    cases = load_cases(ROOT / path)
    stems = {Path(d.file).stem: d.id for d in bot.documents}
    losses: Counter[str] = Counter()
    shown: Counter[int] = Counter()
    hit1 = hit3 = n_ans = n_un = abst = 0
    for case in cases:
        answer = bot.ask(case.question)
        if case.status == "no_match":
            n_un += 1
            abst += answer.status == "no_match"
            continue
        if case.status != "answered":
            continue
        n_ans += 1
        shown[len(answer.passages)] += 1
        rank = hit_rank(case, answer, stems)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        lost = category(bot, case, stems)
        if lost:
            losses[lost] += 1
            if show:
                print(f"  {lost:18s} {case.id}: {case.question}")
    print(f"{path}: hit@1 {hit1 / max(n_ans, 1):.3f}  hit@3 {hit3 / max(n_ans, 1):.3f}  "
          f"no_match {abst / max(n_un, 1):.2f}  ({n_ans} answerable, {n_un} not)")
    print("  passages shown: " + ", ".join(f"{k}:{shown[k]}" for k in sorted(shown)))
    print("  first quote wrong: " + ", ".join(f"{k} {v}" for k, v in losses.most_common()))
    total.update(losses)
    total["answerable"] += n_ans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=DEFAULT)
    parser.add_argument("--held-out", action="store_true",
                        help="judge each file by a bot whose memory of labelled questions "
                             "leaves that file's set out, as a new blind batch meets it")
    parser.add_argument("--show", action="store_true",
                        help="print each lost question with its category (test questions)")
    args = parser.parse_args()
    bot = Chatbot()
    full = bot.memory
    total: Counter[str] = Counter()
    for path in args.files:
        if args.held_out and full is not None:
            bot = Chatbot(memory=full.without(Path(path).stem))
        report(bot, path, total, args.show)
    n = total.pop("answerable")
    print(f"all {n} answerable, first quote wrong: "
          + ", ".join(f"{k} {v} ({v / n:.1%})" for k, v in total.most_common()))


if __name__ == "__main__":
    main()
