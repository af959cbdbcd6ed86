"""`python -m chatbot` is the `chatbot` command; `run` is also its console script."""

import gc
import sys


def run() -> None:
    """Start-up makes many objects and frees few, so the garbage collector is paused
    until the bot is built (`chatbot.cli` resumes it, with the bot's objects frozen
    out of later collections): about 8 ms of a 230 ms start-up (benchmarks/bench.py).
    `chatbot ask` ends as soon as its answers are written (`chatbot.cli.end_process`)."""
    gc.disable()
    from chatbot.cli import main

    sys.exit(main(resume_gc=True, fast_exit=True))


if __name__ == "__main__":
    run()
