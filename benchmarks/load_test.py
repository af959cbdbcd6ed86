"""Load test of `chatbot serve`, on loopback only, bounded in count and time.

    python benchmarks/load_test.py [--workers 2] [--questions 20]

Starts `chatbot serve --workers N` on a free loopback port (or uses --port of one
already running on 127.0.0.1), then runs two phases of `POST /api/ask`:

1. 50 concurrent clients x 20 questions (1,000 requests): errors and questions per
   second (target with 2 workers: 0 errors, at least 200 a second);
2. 5 concurrent clients x 20 questions: p50 / p95 latency (target: p95 <= 50 ms).

Each client talks as a person would: conversations of a few turns from the dev
questions, each request carrying the earlier answers it got back (`history`),
over one keep-alive connection from its own loopback address (127.0.0.N), so the
server's per-client rate limit applies to it as to anyone. `--page` posts the HTML
form instead (the server then replays the earlier questions). It prints errors,
questions a second, p50/p95/max latency and each worker's memory (RSS, and its
peak), and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback_http import Connection

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "dev_questions.jsonl"
TURNS_PER_CONVERSATION = 4
REQUEST_TIMEOUT = 10.0
PHASE_TIMEOUT = 120.0


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


async def client(port: int, source: str, asked: list[str], page: bool) -> tuple[list[float], int]:
    """Ask `asked` in conversations of a few turns; (latencies, errors)."""
    connection = Connection(port, source)
    latencies: list[float] = []
    errors = 0
    history: list = []
    for n, question in enumerate(asked):
        if n % TURNS_PER_CONVERSATION == 0:
            history = []
        if page:
            fields = [("question", question)] + [("history", q) for q in history]
            body = urllib.parse.urlencode(fields).encode()
            path, kind = "/ask", "application/x-www-form-urlencoded"
        else:
            body = json.dumps({"question": question, "history": history}).encode()
            path, kind = "/api/ask", "application/json"
        began = time.perf_counter()
        try:
            reply = await asyncio.wait_for(connection.request("POST", path, body, kind),
                                           REQUEST_TIMEOUT)
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
            errors += 1
            await connection.close()
            continue
        latencies.append(time.perf_counter() - began)
        if reply.status != 200:
            errors += 1
            continue
        if page:
            history.append(question)
        else:
            answer = json.loads(reply.body)
            errors += answer.get("status") not in ("answered", "no_match", "urgent", "reply")
            history.append(answer)
    await connection.close()
    return latencies, errors


async def phase(port: int, clients: int, per_client: int, subnet: int, page: bool):
    pool = questions()
    jobs = []
    for c in range(clients):
        asked = [pool[(c * 7 + i) % len(pool)] for i in range(per_client)]
        jobs.append(client(port, f"127.0.{subnet}.{c + 2}", asked, page))
    began = time.perf_counter()
    results = await asyncio.wait_for(asyncio.gather(*jobs), PHASE_TIMEOUT)
    wall = time.perf_counter() - began
    latencies = sorted(x for lat, _ in results for x in lat)
    return wall, latencies, sum(err for _, err in results)


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def memory(pid: int) -> tuple[float, float]:
    """(RSS, peak RSS) in MB, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def workers(server: int) -> list[int]:
    """uvicorn's worker processes (not multiprocessing's resource tracker)."""
    out = []
    for pid in children(server):
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"resource_tracker" not in command:
            out.append(pid)
    return out or [server]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, worker_count: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "chatbot", "serve", "--port", str(port),
               "--workers", str(worker_count)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(workers(server.pid)) >= worker_count and health(port):
            time.sleep(0.5 * worker_count)  # every worker has built its bot
            return server
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def health(port: int) -> bool:
    async def probe() -> bool:
        connection = Connection(port)
        try:
            return (await connection.request("GET", "/healthz")).status == 200
        except OSError:
            return False
        finally:
            await connection.close()

    return asyncio.run(probe())


def report(name: str, wall: float, latencies: list[float], errors: int) -> dict[str, float]:
    count = len(latencies) + (errors if len(latencies) == 0 else 0)
    figures = {
        "requests": float(len(latencies)), "errors": float(errors), "seconds": wall,
        "qps": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 0.50) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": (latencies[-1] if latencies else float("nan")) * 1000,
        "mean_ms": (statistics.fmean(latencies) if latencies else float("nan")) * 1000,
    }
    print(f"{name}: {count} requests in {wall:.2f} s, {errors} errors, "
          f"{figures['qps']:.0f} questions/s, p50 {figures['p50_ms']:.1f} ms, "
          f"p95 {figures['p95_ms']:.1f} ms, max {figures['max_ms']:.1f} ms")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=None,
                        help="a server already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--questions", type=int, default=20, help="per client (default 20)")
    parser.add_argument("--page", action="store_true", help="post the HTML form, not the API")
    parser.add_argument("--errors-only", action="store_true",
                        help="exit 1 only on errors, not on the speed targets (for CI, whose "
                        "machine is shared: speed is a figure to read, not a test)")
    args = parser.parse_args(argv)
    port = args.port or free_port()
    server = None if args.port else start_server(port, args.workers)
    try:
        pids = workers(server.pid) if server else []
        print(f"server: {args.workers} workers on 127.0.0.1:{port}; load: "
              f"{'the HTML form' if args.page else 'POST /api/ask'}, conversations of "
              f"{TURNS_PER_CONVERSATION} turns with their history; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f}")
        asyncio.run(phase(port, 4, 5, 2, args.page))  # warm-up, not counted
        many = report("50 clients", *asyncio.run(phase(port, 50, args.questions, 0, args.page)))
        few = report("5 clients", *asyncio.run(phase(port, 5, args.questions, 1, args.page)))
        for pid in pids:
            rss, peak = memory(pid)
            print(f"worker {pid}: RSS {rss:.0f} MB (peak {peak:.0f} MB)")
    finally:
        if server:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    met = many["errors"] == 0 and many["qps"] >= 200 and few["p95_ms"] <= 50
    print("targets (0 errors and >= 200 questions/s with 50 clients; p95 <= 50 ms with 5): "
          + ("met" if met else "NOT met"))
    if args.errors_only:
        return 0 if many["errors"] == few["errors"] == 0 else 1
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
