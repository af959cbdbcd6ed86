"""Nothing leaves the machine and nothing is written unless the person exports.

Each scenario runs in a fresh process under an audit hook (PEP 578) installed before
`chatbot` is imported. The hook refuses every network operation (connect, bind,
send, name lookup) and records every file opened for writing and every file-system
change. HOME, TMPDIR and the working directory are temporary and compared file by
file before and after. A full `ask`, the plain chat, `eval`, `corpus` and a
Textual chat session must leave all of them untouched; an export writes exactly
the one file the person named.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HARNESS = r'''
import json, os, socket, sys

RECORD = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
FS_EVENTS = {
    "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link",
    "os.truncate", "os.chmod", "os.chown", "os.utime", "shutil.copyfile",
    "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.make_archive",
}
NET_EVENTS = {
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.getnameinfo", "urllib.Request", "http.client.connect", "ftplib.connect",
    "smtplib.connect", "webbrowser.open",
}

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        writing = isinstance(mode, str) and any(c in mode for c in "wax+")
        writing = writing or (isinstance(flags, int) and bool(flags & WRITE_FLAGS))
        if writing:
            RECORD.append(["write", str(path)])
    elif event in FS_EVENTS:
        RECORD.append([event, str(args[0])])
    elif event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6):
        RECORD.append(["network socket", str(args[1])])
    elif event in NET_EVENTS:
        RECORD.append([event, repr(args)[:200]])
        raise PermissionError("network blocked by test_privacy")

sys.addaudithook(hook)

def finish(code):
    sys.stdout.flush()
    print("AUDIT " + json.dumps(RECORD), file=sys.stderr)
    sys.stderr.flush()
    os._exit(code)

scenario = json.loads(sys.argv[1])
if scenario["kind"] == "selftest":
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.connect(("127.0.0.1", 9))
    except PermissionError:
        pass
    sock.close()
    open("written.txt", "w").close()
    finish(0)
if scenario["kind"] == "cli":
    from chatbot.cli import main
    finish(main(scenario["argv"]))

import asyncio
from chatbot import Chatbot
from chatbot.tui.app import ChatApp
from textual.widgets import Input

async def chat():
    app = ChatApp(Chatbot())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for number, question in enumerate(scenario["questions"]):
            if number == 0:
                await pilot.press(*question)  # typed, as a person would
            else:
                app.screen.query_one("#question", Input).value = question
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        for key in ("f2", "f3", "escape", "f1", "escape"):
            await pilot.press(key)
            await pilot.pause()
        if scenario.get("export"):
            await pilot.press("f5")
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = scenario["export"]
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

asyncio.run(chat())
finish(0)
'''


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under the roots, with size and modification time."""
    seen: dict[str, tuple[int, int]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                st = os.lstat(os.path.join(dirpath, name))
                seen[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return seen


@pytest.fixture
def sandbox(tmp_path: Path) -> dict[str, Path]:
    """A home with some files already in it, a temp dir and a working dir."""
    dirs = {name: tmp_path / name for name in ("home", "tmp", "work")}
    for path in dirs.values():
        path.mkdir()
    (dirs["home"] / ".bashrc").write_text("# existing\n", encoding="utf-8")
    (dirs["home"] / ".config").mkdir()
    (dirs["home"] / ".config" / "other.toml").write_text("x = 1\n", encoding="utf-8")
    (dirs["work"] / "notes.txt").write_text("mine\n", encoding="utf-8")
    return dirs


def run_scenario(
    sandbox: dict[str, Path], scenario: dict, stdin: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("XDG_", "CHATBOT_", "TEXTUAL", "PYTHON"))
    }
    env.update(
        HOME=str(sandbox["home"]), TMPDIR=str(sandbox["tmp"]), PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1", TERM="xterm-256color",
    )
    proc = subprocess.run(
        [sys.executable, "-c", HARNESS, json.dumps(scenario)], input=stdin,
        capture_output=True, text=True, env=env, cwd=sandbox["work"], timeout=120,
        check=False,
    )
    audit = [line for line in proc.stderr.splitlines() if line.startswith("AUDIT ")]
    assert len(audit) == 1, proc.stderr[-3000:]
    return proc, json.loads(audit[0][len("AUDIT "):])


CLI_SCENARIOS = {
    "ask": (["ask", "--json", "can acupuncture help my fatigue"], ""),
    "ask-text": (["ask", "is it safe with a pacemaker"], ""),
    "ask-stdin": (
        ["ask", "--json", "-"], "fatigue\nI have chest pain\nwhat is the capital of peru\n"
    ),
    "plain-chat": (["--plain"], "can acupuncture help fatigue\nmore\nhelp\n1\nquit\n"),
    "eval": (["eval", str(ROOT / "tests" / "data" / "dev_questions.jsonl"), "--json"], ""),
    "corpus-check": (["corpus", "check"], ""),
    "corpus-list": (["corpus", "list"], ""),
}


@pytest.mark.parametrize("name", list(CLI_SCENARIOS))
def test_commands_open_no_network_and_write_nothing(
    name: str, sandbox: dict[str, Path]
) -> None:
    argv, stdin = CLI_SCENARIOS[name]
    before = snapshot(*sandbox.values())
    proc, record = run_scenario(sandbox, {"kind": "cli", "argv": argv}, stdin)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip()
    assert record == []
    assert snapshot(*sandbox.values()) == before


def test_the_harness_sees_and_refuses_network_and_writes(sandbox: dict[str, Path]) -> None:
    """Guard against a silent harness: a connect is recorded and blocked, a write
    is recorded and shows in the snapshot."""
    before = snapshot(*sandbox.values())
    proc, record = run_scenario(sandbox, {"kind": "selftest"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [event for event, _ in record] == ["network socket", "socket.connect", "write"]
    assert record[2] == ["write", "written.txt"]
    assert set(snapshot(*sandbox.values())) - set(before) == {str(sandbox["work"] / "written.txt")}


@pytest.mark.parametrize("export", [False, True], ids=["no-export", "export"])
def test_tui_chat_session_writes_only_the_export(
    export: bool, sandbox: dict[str, Path]
) -> None:
    target = sandbox["work"] / "my chat.md"
    scenario = {
        "kind": "tui",
        "questions": ["fatigue?", "can acupuncture help with bladder problems"],
        "export": str(target) if export else None,
    }
    before = snapshot(*sandbox.values())
    proc, record = run_scenario(sandbox, scenario)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = snapshot(*sandbox.values())
    if not export:
        assert record == []
        assert after == before
        return
    assert record == [["write", str(target)]]
    assert set(after) - set(before) == {str(target)}
    assert {k: v for k, v in after.items() if k != str(target)} == before
    text = target.read_text(encoding="utf-8")
    assert "Question 1: fatigue?" in text
    assert "Question 2: can acupuncture help with bladder problems" in text
    assert "About this evidence" in text
