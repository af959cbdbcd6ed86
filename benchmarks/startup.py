"""Start-up figures, run by `benchmarks/bench.py` (section 1): fresh processes only.

The floor (issue 12) is the design card's stack as the bot uses it: `import numpy;
from pydantic import BaseModel`, one model built and dumped to JSON. One `chatbot ask
--json` process should take at most 1.3x that; the full-screen chat's first screen
should be up within 1 s of starting it.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_QUESTION = "can acupuncture help with MS fatigue"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def process_env(root: Path = ROOT) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE (set on some CI machines) would make every process
    # recompile the package from source, which no installed copy does: pip writes the
    # bytecode at install time.
    skip = {"CHATBOT_CORPUS", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["PYTHONPATH"] = str(root)
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one process, run in the checkout
    its PYTHONPATH names (`python -m` puts the working directory first on sys.path)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
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


FLOOR = ("import numpy\nfrom pydantic import BaseModel\n"
         "class A(BaseModel):\n    x: int\nA(x=1).model_dump_json()")
"""The floor (issue 12): the stack as the bot uses it, one model built and dumped."""


def startup(runs: int, against: Path | None = None) -> None:
    """`against`: another checkout, whose `chatbot ask` runs interleaved with this one's
    (the same interpreter and packages)."""
    print("== 1. start-up: one question in a fresh process ==")
    ask_cmd = [sys.executable, "-m", "chatbot", "ask", "--json", ONE_QUESTION]
    cmds = {"imports only": ([sys.executable, "-c", "import pydantic, numpy"], process_env()),
            "floor": ([sys.executable, "-c", FLOOR], process_env()),
            "ask": (ask_cmd, process_env())}
    if against is not None:
        cmds[f"ask ({against.name})"] = (ask_cmd, process_env(against.resolve()))
    for cmd, env in cmds.values():
        run_once(cmd, env)  # warm the OS caches
    # Interleaved, so all see the same load from anything else on the machine.
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, env) in cmds.items():
            results[name].append(run_once(cmd, env))
    print(f"{runs} interleaved runs each; median (min); ratio of medians to the floor's"
          f" (load average {os.getloadavg()[0]:.1f})")
    for label, pick in (("wall-clock", 0), ("CPU user+sys", 1)):
        floor = statistics.median(r[pick] for r in results["floor"])
        cells = []
        for name, runs_of in results.items():
            med = statistics.median(r[pick] for r in runs_of)
            low = min(r[pick] for r in runs_of)
            cells.append(f"{name} {med * 1000:.0f} ({low * 1000:.0f}) ms {med / floor:.2f}x")
        print(f"  {label:13s} " + " | ".join(cells))
    print("  target: ask <= 1.30x the floor (`import numpy; from pydantic import BaseModel`,")
    print("  one model built and dumped to JSON). `imports only` loads none of pydantic's")
    print("  model machinery: the first BaseModel does.")
    screens = [t for t in (first_screen() for _ in range(max(3, runs // 2))) if t is not None]
    if screens:
        print(f"  the chat's first screen (pty, 80x24): median {ms(statistics.median(screens))}"
              f", max {ms(max(screens))} over {len(screens)} starts   target <= 1000 ms")
    where_the_time_goes(max(5, runs // 2))


_STEPS = (
    "import time, gc\n"
    "gc.disable()  # as the chatbot command does, until the bot is built\n"
    "t = [(time.perf_counter(), time.thread_time())]\n"
    "def step(): t.append((time.perf_counter(), time.thread_time()))\n"
    f"{FLOOR}\nstep()\n"
    "import chatbot.cli, chatbot.bot; step()\n"
    "b = chatbot.bot.Chatbot(); gc.freeze(); gc.enable(); step()\n"
    f"b.ask({ONE_QUESTION!r}).model_dump_json(); step()\n"
    "print(*[(b[0] - a[0], b[1] - a[1]) for a, b in zip(t, t[1:])])\n"
)
"""One process, step by step: wall-clock and CPU of the main thread (numpy's threads
excluded), each step after the one before."""


def where_the_time_goes(runs: int) -> None:
    parts = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _STEPS], env=process_env(), cwd=ROOT,
                             capture_output=True, text=True, check=True)
        parts.append([tuple(map(float, x.strip("()").split(","))) for x in
                      out.stdout.replace(", ", ",").split()])
    print(f"  where the time goes, in-process over {runs} processes: median (min) ms,"
          " wall-clock / CPU")
    names = ("the floor's part: numpy, pydantic, a model", "import chatbot (modules, models)",
             "Chatbot() build (data files, index)", "first ask + JSON")
    for i, name in enumerate(names):
        cells = []
        for pick in (0, 1):
            values = [p[i][pick] * 1000 for p in parts]
            cells.append(f"{statistics.median(values):6.1f} ({min(values):5.1f})")
        print(f"  {name:44s} " + " / ".join(cells))


_ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")
WELCOME_MARK = b"Nothingyoutypehere"


def first_screen(timeout: float = 10.0) -> float | None:
    """Seconds from starting `python -m chatbot` on an 80x24 pseudo-terminal until its
    welcome is on the screen (escape codes and spaces ignored); None if it never is."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    env = {k: v for k, v in process_env().items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the chat, as a person starts it
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "chatbot"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, shown = None, b""
    while seen is None and time.perf_counter() - start < timeout:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                shown += os.read(fd, 65536)
            except OSError:
                break
            if WELCOME_MARK in re.sub(rb"\s", b"", _ANSI.sub(b"", shown)):
                seen = time.perf_counter() - start
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return seen


def safety_startup(runs: int) -> None:
    """What the red-flag check costs at start-up, in fresh processes: importing the
    `chatbot.safety` package (its modules define 13 small pydantic models), reading
    and checking the three data files, and building the check. Target (issue 10): the
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
        out = subprocess.run([sys.executable, "-c", code], env=process_env(), cwd=ROOT,
                             capture_output=True, text=True, check=True)
        parts.append([float(x) for x in out.stdout.split()])
    print(f"  {max(5, runs)} fresh processes; median (min), wall-clock")
    names = ("import chatbot.safety (pydantic models)", "read + check the three data files",
             "build the check")
    for i, name in enumerate(names):
        times = [p[i] for p in parts]
        print(f"  {name:40s} {ms(statistics.median(times))} ({min(times) * 1000:.2f})")
    build = [p[1] + p[2] for p in parts]
    total = [sum(p) for p in parts]
    print(f"  {'read + build (what the regexes cost)':40s} {ms(statistics.median(build))}"
          f" ({min(build) * 1000:.2f})   target <= 10 ms")
    print(f"  {'all of it':40s} {ms(statistics.median(total))} ({min(total) * 1000:.2f})")
