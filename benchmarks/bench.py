"""Speed benchmark, run by hand: `python benchmarks/bench.py` (needs `pip install bm25s`).

Prints, against the targets in the issue "fast as it grows":

1. start-up: one `python -m chatbot ask --json` process against the import floor
   `python -c "import pydantic, numpy"`, as a ratio of medians (target <= 1.5x);
2. per question at corpus size: `Chatbot.ask` over the question sets, in a batch
   (target <= 2 ms);
3. 20,000 synthetic passages: index build (with and without tokenization) and
   median/p95 per question, beside bm25s on the same tokens in the same run, and
   rank-bm25's plain `get_scores` for reference (targets: build <= 2 s, median
   <= 10 ms per question). Then the whole bot on those passages written out as a
   corpus directory (in a temporary directory, removed afterwards).

bm25s is a benchmark-only extra (`pip install '.[bench]'`); the bot never imports
it. Nothing here writes an index cache: every index is built in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.chunking import chunk_document  # noqa: E402
from chatbot.corpus import load_corpus  # noqa: E402
from chatbot.index import BM25Index  # noqa: E402
from chatbot.tokenizer import Analyzer  # noqa: E402

QUESTION_FILES = ("dev_questions.jsonl", "heldout_questions.jsonl")
ONE_QUESTION = "can acupuncture help with MS fatigue"
CANDIDATES = 12


def questions() -> list[str]:
    out = []
    for name in QUESTION_FILES:
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(json.loads(line)["question"])
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def per_call(fn: Callable[[str], object], items: list, rounds: int) -> list[float]:
    """Seconds per call, every item `rounds` times (after one warm-up pass)."""
    for item in items:
        fn(item)
    times = []
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter()
            fn(item)
            times.append(time.perf_counter() - t0)
    return times


# --- 1. start-up -----------------------------------------------------------------


def process_env() -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE (set on some CI machines) would make every process
    # recompile the package from source, which no installed copy does: pip writes the
    # bytecode at install time.
    skip = {"CHATBOT_CORPUS", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else b""
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime


def run_median(cmd: list[str], runs: int) -> tuple[float, list[float]]:
    env = process_env()
    run_once(cmd, env)  # warm the OS caches
    times = [run_once(cmd, env)[0] for _ in range(runs)]
    return statistics.median(times), times


def startup(runs: int) -> None:
    print("== 1. start-up: one question in a fresh process ==")
    floor_cmd = [sys.executable, "-c", "import pydantic, numpy"]
    ask_cmd = [sys.executable, "-m", "chatbot", "ask", "--json", ONE_QUESTION]
    # The floor with pydantic actually used: one model class, one JSON dump.
    model_cmd = [sys.executable, "-c", "import pydantic, numpy\n"
                 "class A(pydantic.BaseModel):\n    x: int\nA(x=1).model_dump_json()"]
    env = process_env()
    cmds = {"import floor": floor_cmd, "floor + 1 BaseModel": model_cmd, "ask": ask_cmd}
    for cmd in cmds.values():
        run_once(cmd, env)  # warm the OS caches
    # Interleaved, so all see the same load from anything else on the machine.
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            results[name].append(run_once(cmd, env))
    print(f"{runs} interleaved runs each; median (min); ratio to the import floor")
    for label, pick in (("wall-clock", 0), ("CPU user+sys", 1)):
        floor = statistics.median(r[pick] for r in results["import floor"])
        cells = []
        for name, runs_of in results.items():
            med = statistics.median(r[pick] for r in runs_of)
            low = min(r[pick] for r in runs_of)
            cells.append(f"{name} {med * 1000:.0f} ({low * 1000:.0f}) ms {med / floor:.2f}x")
        print(f"  {label:13s} " + " | ".join(cells))
        with_models = statistics.median(r[pick] for r in results["floor + 1 BaseModel"])
        ask = statistics.median(r[pick] for r in results["ask"])
        print(f"  {'':13s} ask / (floor + 1 BaseModel) = {ask / with_models:.2f}x")
    print("  target: ask <= 1.50x the import floor. `import pydantic` alone loads none of")
    print("  pydantic's model machinery; the first BaseModel loads it.")
    if shutil.which("hyperfine"):
        out = subprocess.run(
            ["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "--export-json", "-",
             " ".join(floor_cmd[:2]) + " 'import pydantic, numpy'",
             " ".join(ask_cmd[:5]) + f" '{ONE_QUESTION}'"],
            env=process_env(), capture_output=True, text=True, check=False,
        )
        if out.returncode == 0:
            res = json.loads(out.stdout)["results"]
            a, b = res[0]["median"], res[1]["median"]
            print(f"hyperfine     floor {ms(a)}  ask {ms(b)}  ratio {b / a:.2f}x")
    # Where the time goes, in-process (each step after the previous one).
    code = (
        "import time; t0 = time.perf_counter()\n"
        "import numpy, pydantic; t1 = time.perf_counter()\n"
        "import chatbot.cli; t2 = time.perf_counter()\n"
        "from chatbot.bot import Chatbot; b = Chatbot(); t3 = time.perf_counter()\n"
        f"b.ask({ONE_QUESTION!r}).model_dump_json(); t4 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)\n"
    )
    parts = []
    for _ in range(max(3, runs // 2)):
        out = subprocess.run([sys.executable, "-c", code], env=process_env(),
                             capture_output=True, text=True, check=True)
        parts.append([float(x) for x in out.stdout.split()])
    names = ("import numpy+pydantic", "import chatbot (models, data files)",
             "Chatbot() build", "first ask + JSON")
    for i, name in enumerate(names):
        print(f"  {name:38s} median {ms(statistics.median(p[i] for p in parts))}")


def safety_startup(runs: int) -> None:
    """What the red-flag check costs at start-up, in fresh processes: importing the
    `chatbot.safety` package (its modules define 15 small pydantic models), reading
    and checking the four data files (the learned backstop's weights are one), and
    building the check. Target (issue 10): the
    check adds <= 10 ms; the 300 regular expressions it replaced cost 35-55 ms to
    compile (plus ~11 ms to import their module and ~5 ms to read their file)."""
    print("== 1b. start-up cost of the red-flag check (fresh processes) ==")
    code = (
        "import sys, time, pydantic\n"
        "class W(pydantic.BaseModel):\n    x: int\n"
        "import chatbot.tokenizer  # the package imports the bot, and so safety\n"
        "for m in [m for m in sys.modules if m.startswith('chatbot.safety')]:\n"
        "    del sys.modules[m]\n"
        "t0 = time.perf_counter()\n"
        "import chatbot.safety.check as s; t1 = time.perf_counter()\n"
        "d = s.load_safety(); t2 = time.perf_counter()\n"
        "s.SafetyCheck(d); t3 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1, t3 - t2)\n"
    )
    parts = []
    for _ in range(max(5, runs)):
        out = subprocess.run([sys.executable, "-c", code], env=process_env(),
                             capture_output=True, text=True, check=True)
        parts.append([float(x) for x in out.stdout.split()])
    print(f"  {max(5, runs)} fresh processes; median (min), wall-clock")
    names = ("import chatbot.safety (pydantic models)", "read + check the four data files",
             "build the check")
    for i, name in enumerate(names):
        times = [p[i] for p in parts]
        print(f"  {name:40s} {ms(statistics.median(times))} ({min(times) * 1000:.2f})")
    build = [p[1] + p[2] for p in parts]
    total = [sum(p) for p in parts]
    print(f"  {'read + build (what the regexes cost)':40s} {ms(statistics.median(build))}"
          f" ({min(build) * 1000:.2f})   target <= 10 ms")
    print(f"  {'all of it':40s} {ms(statistics.median(total))} ({min(total) * 1000:.2f})")


def startup_against(other: Path, runs: int) -> None:
    """One `chatbot ask --json` process of this tree and of another checkout (say, the
    code before a change: `git worktree add` or `git archive` it), interleaved so both
    meet the same load. For a change's start-up cost, not an absolute figure."""
    print(f"== 1c. start-up: this tree against {other} (interleaved) ==")
    cmd = [sys.executable, "-m", "chatbot", "ask", "--json", ONE_QUESTION]
    envs = {"this tree": process_env(), "other": {**process_env(), "PYTHONPATH": str(other)}}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
    for env in envs.values():
        run_once(cmd, env)  # warm the OS caches
    for _ in range(runs):
        for name, env in envs.items():
            results[name].append(run_once(cmd, env))
    for label, pick in (("wall-clock", 0), ("CPU user+sys", 1)):
        meds = {n: statistics.median(r[pick] for r in rs) for n, rs in results.items()}
        lows = {n: min(r[pick] for r in rs) for n, rs in results.items()}
        print(f"  {label:13s} this tree {meds['this tree'] * 1000:.0f} "
              f"({lows['this tree'] * 1000:.0f}) ms, other {meds['other'] * 1000:.0f} "
              f"({lows['other'] * 1000:.0f}) ms: {meds['this tree'] / meds['other']:.3f}x")


# --- 2. per question at corpus size ----------------------------------------------


def at_corpus_size(rounds: int) -> None:
    print("\n== 2. per question at corpus size (bundled corpus) ==")
    build, bot = timed(Chatbot)
    qs = questions()
    times = per_call(bot.ask, qs, rounds)
    print(f"corpus: {len(bot.documents)} documents, {len(bot.chunks)} passages; "
          f"Chatbot() {ms(build)} (warm imports)")
    print(f"Chatbot.ask over {len(qs)} questions x {rounds}: median {ms(statistics.median(times))}"
          f"  p95 {ms(pct(times, 0.95))}  mean {ms(statistics.fmean(times))}  (target <= 2 ms)")
    json_times = per_call(lambda q: bot.ask(q).model_dump_json(), qs, 1)
    print(f"ask + model_dump_json:                    median "
          f"{ms(statistics.median(json_times))}  p95 {ms(pct(json_times, 0.95))}")
    # The same batch through the command line, one process for all questions.
    stdin = "\n".join(qs) + "\n"
    env = process_env()
    one, _ = run_median([sys.executable, "-m", "chatbot", "ask", "--json", ONE_QUESTION], 3)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "chatbot", "ask", "--json", "-"], input=stdin,
                   text=True, env=env, capture_output=True, check=True)
    batch = time.perf_counter() - t0
    print(f"chatbot ask --json - with {len(qs)} lines: {ms(batch)} in all, "
          f"{ms((batch - one) / (len(qs) - 1))} per extra question")


# --- 3. 20,000 synthetic passages ------------------------------------------------


def synthetic_passages(n: int, seed: int) -> list[str]:
    """Deterministic passages of 2-5 sentences drawn from the real corpus's quotable
    sentences (never-quote spans are already cut). Reusing a few hundred sentences
    keeps the vocabulary small, so posting lists are long: a hard case for an
    inverted index."""
    corpus = load_corpus()
    sentences = []
    for doc in corpus.documents:
        for chunk in chunk_document(doc):
            for s, e in chunk.units:
                sentence = " ".join(doc.text[s:e].split())
                if len(sentence.split()) >= 4:
                    sentences.append(sentence)
    rng = random.Random(seed)
    return [" ".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(n)]


def write_corpus(root: Path, passages: list[str], per_doc: int = 200) -> None:
    """The passages as a corpus directory, `per_doc` paragraphs to a document."""
    docs = root / "documents"
    docs.mkdir(parents=True)
    manifest = []
    for d in range(0, len(passages), per_doc):
        name = f"syn{d // per_doc:04d}"
        (docs / f"{name}.txt").write_text("\n\n".join(passages[d : d + per_doc]) + "\n",
                                          encoding="utf-8")
        manifest.append(f'[[documents]]\nid = "{name}"\nfile = "{name}.txt"\n'
                        f'title = "Synthetic {name}"\nkind = "overview"\n')
    (root / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")


def timed_runs(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall-clock and median CPU seconds over `runs` calls, and the last result.
    CPU time is shown beside wall-clock because this machine is a shared VM: wall-clock
    also counts the time other tenants hold the CPU."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        result = None  # free the last result outside the timed part
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), result


def large(n: int, rounds: int, seed: int, builds: int) -> None:
    print(f"\n== 3. {n:,} synthetic passages (seed {seed}) ==")
    passages = synthetic_passages(n, seed)
    analyzer = Analyzer()
    analyzer.terms(passages[0])
    tok_wall, tok_cpu, tokens = timed_runs(lambda: [analyzer.terms(p) for p in passages], builds)
    n_tokens = sum(len(t) for t in tokens)
    print(f"passages {len(passages):,}, tokens {n_tokens:,}, "
          f"distinct terms {len({t for d in tokens for t in d}):,}")
    idx_wall, idx_cpu, index = timed_runs(lambda: BM25Index(tokens), builds)
    print(f"median of {builds} builds         wall-clock     CPU")
    print(f"tokenize (project Analyzer)  {ms(tok_wall)} {ms(tok_cpu)}")
    print(f"BM25Index from the tokens    {ms(idx_wall)} {ms(idx_cpu)}")
    print(f"  build: tokenize + index    {ms(tok_wall + idx_wall)} {ms(tok_cpu + idx_cpu)}"
          f"  (target <= 2000 ms)")

    analyses = [analyzer.analyze(q, query=True) for q in questions()]
    flat = [a.terms for a in analyses if a.terms]
    grouped = [[c.terms for c in a.concepts] for a in analyses if a.concepts]
    t_flat = per_call(lambda q: index.top(q, CANDIDATES), flat, rounds)
    t_group = per_call(lambda q: index.top(q, CANDIDATES), grouped, rounds)
    print(f"BM25Index.top, plain terms   median {ms(statistics.median(t_flat))}  "
          f"p95 {ms(pct(t_flat, 0.95))}  (target median <= 10 ms)")
    print(f"BM25Index.top, concept groups median {ms(statistics.median(t_group))}  "
          f"p95 {ms(pct(t_group, 0.95))}")

    try:
        import bm25s
    except ImportError:
        print("bm25s not installed: `pip install bm25s` for the comparison")
    else:
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        bm_build, _ = timed(lambda: retriever.index(tokens, show_progress=False))
        known = [[t for t in q if t in retriever.vocab_dict] or ["__none__"] for q in flat]

        def bm_query(q: list[str]) -> object:
            return retriever.retrieve([q], k=CANDIDATES, show_progress=False, n_threads=1)

        t_bm = per_call(bm_query, known, rounds)
        print(f"bm25s {bm25s.__version__} build           {ms(bm_build)}")
        print(f"bm25s retrieve, plain terms  median {ms(statistics.median(t_bm))}  "
              f"p95 {ms(pct(t_bm, 0.95))}")
        # Sanity check: bm25s's best passage is also ours (up to float32 ties). bm25s
        # counts a repeated query term once, so compare on de-duplicated queries.
        agree = 0
        for q in known:
            unique = list(dict.fromkeys(q))
            ours = index.scores(unique)
            theirs = int(bm_query(unique)[0][0][0])
            agree += bool(ours[theirs] >= ours.max() * (1 - 1e-5))
        print(f"  bm25s's best passage is also ours (same Lucene BM25, ties allowed): "
              f"{agree}/{len(known)}")

    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        pass
    else:
        rb_build, model = timed(lambda: BM25Okapi(tokens, k1=1.2, b=0.75))
        t_rb = per_call(model.get_scores, flat[:20], 1)
        print(f"rank-bm25 build (reference)  {ms(rb_build)}; plain get_scores median "
              f"{ms(statistics.median(t_rb))} (20 questions)")

    # The whole bot on the same passages, read from a corpus directory: reading,
    # checking and chunking the documents come on top of the index build.
    with tempfile.TemporaryDirectory(prefix="chatbot-bench-") as tmp:
        write_corpus(Path(tmp), passages)
        bot_wall, bot_cpu, bot = timed_runs(lambda: Chatbot(tmp), builds)
        t_ask = per_call(bot.ask, questions(), 1)
        print(f"Chatbot(corpus of {len(bot.documents)} documents, {len(bot.chunks):,} passages) "
              f"read + chunk + build: wall {ms(bot_wall)}, CPU {ms(bot_cpu)}")
        print(f"Chatbot.ask                  median {ms(statistics.median(t_ask))}  "
              f"p95 {ms(pct(t_ask, 0.95))}  (target median <= 10 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="processes per start-up median")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the question set")
    parser.add_argument("--passages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20_000)
    parser.add_argument("--builds", type=int, default=3, help="builds per median at scale")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--only-large", action="store_true", help="section 3 only")
    parser.add_argument("--startup-against", type=Path, metavar="DIR",
                        help="only section 1c: start-up against another checkout")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} CPUs")
    if args.startup_against:
        startup_against(args.startup_against.resolve(), args.runs)
        return
    if not (args.skip_startup or args.only_large):
        startup(args.runs)
        safety_startup(args.runs)
    if not args.only_large:
        at_corpus_size(args.rounds)
    large(args.passages, args.rounds, args.seed, args.builds)


if __name__ == "__main__":
    main()
