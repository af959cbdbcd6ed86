"""What start-up relies on, as behaviour (the figures are benchmarks/bench.py's):
`import chatbot` builds nothing, and the `chatbot` command pauses the garbage
collector only until the bot is built."""

from __future__ import annotations

import gc
import io
import subprocess
import sys

from chatbot.cli import main


def test_import_chatbot_builds_nothing_until_asked() -> None:
    code = ("import sys, chatbot\n"
            "print('chatbot.bot' in sys.modules, 'textual' in sys.modules)\n"
            "chatbot.Chatbot\n"
            "print('chatbot.bot' in sys.modules, 'textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "True", "False"]


def test_the_command_resumes_the_collector_once_the_bot_is_built() -> None:
    out = io.StringIO()
    gc.disable()
    try:
        assert main(["ask", "--json", "is acupuncture safe"], io.StringIO(""), out,
                    resume_gc=True) == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    assert '"status":"answered"' in out.getvalue()


def test_python_m_chatbot_is_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "chatbot", "ask", "--json", "is it safe"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith('{"question":"is it safe"')
