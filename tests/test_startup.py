"""What start-up relies on, as behaviour (the figures are benchmarks/bench.py's):
`import chatbot` builds nothing, the `chatbot` command pauses the garbage collector
only until the bot is built, one question loads only what answering needs, models
and value types are built from real annotations, and the command ends without
Python's teardown but with all its output."""

from __future__ import annotations

import gc
import io
import json
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


def test_one_question_loads_only_what_answering_needs() -> None:
    """`chatbot ask` never imports the corpus check, the other commands, the renderers
    or Textual, nor Python's tomllib (rtoml reads the data files)."""
    code = ("import io, sys\n"
            "from chatbot.cli import main\n"
            "main(['ask', '--json', 'can acupuncture help with MS fatigue'], io.StringIO(),"
            " io.StringIO())\n"
            "print(' '.join(m for m in sys.modules if m in sys.argv[1:]))")
    unneeded = ["chatbot.corpus.check", "chatbot.cli.corpus_cmd", "chatbot.cli.corpus_new",
                "chatbot.evaluation", "chatbot.export", "chatbot.commands", "chatbot.render_text",
                "chatbot.plain_chat", "chatbot.web", "chatbot.tui", "textual", "tomllib"]
    done = subprocess.run([sys.executable, "-c", code, *unneeded], capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == []


_POSTPONED = """
import __future__, io, sys
from pydantic import BaseModel
from chatbot.cli import main
main(["ask", "--json", "can acupuncture help with MS fatigue"], io.StringIO(), io.StringIO())
for name, module in list(sys.modules.items()):
    if not name.startswith("chatbot.") or module is None:
        continue
    built = [v for v in vars(module).values() if isinstance(v, type) and v.__module__ == name
             and (issubclass(v, BaseModel) or (issubclass(v, tuple) and hasattr(v, "_fields")))]
    hints = [t for cls in built for t in getattr(cls, "__annotations__", {}).values()]
    print(name, len(built), isinstance(vars(module).get("annotations"), __future__._Feature),
          sum(isinstance(t, str) or type(t).__name__ == "ForwardRef" for t in hints))
"""


def test_models_and_value_types_are_built_from_real_annotations() -> None:
    """Postponed annotations (`from __future__ import annotations`) make pydantic and
    typing turn every field's string back into a type at import: a ForwardRef
    compiled and evaluated per field, about 20% of building a pydantic model and most
    of building a NamedTuple (3-4 ms and 0.5-8 ms of every start). So no module that
    one question imports and that defines either postpones its annotations."""
    done = subprocess.run([sys.executable, "-c", _POSTPONED], capture_output=True, text=True,
                          check=True)
    rows = [line.split() for line in done.stdout.splitlines()]
    built = [(name, int(count), postponed, int(strings)) for name, count, postponed, strings
             in rows if int(count)]
    assert sum(count for _, count, _, _ in built) >= 60
    assert [name for name, _, postponed, strings in built
            if postponed == "True" or strings] == []


def test_the_command_ends_at_once_with_every_answer_written() -> None:
    """`chatbot ask` skips Python's teardown (`end_process`): every answer is still
    written whole, the last included, and the exit code is the command's."""
    questions = ["is acupuncture safe", "can it help fatigue", "hello", "what about sleep"] * 5
    done = subprocess.run([sys.executable, "-m", "chatbot", "ask", "--json", "-"],
                          input="\n".join(questions) + "\n", capture_output=True,
                          text=True, check=True)
    lines = done.stdout.splitlines()
    assert [json.loads(line)["question"] for line in lines] == questions
    assert done.stderr == ""
    empty = subprocess.run([sys.executable, "-m", "chatbot", "ask", " "],
                           capture_output=True, text=True)
    assert empty.returncode == 2 and "the question is empty" in empty.stderr
