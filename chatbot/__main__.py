"""`python -m chatbot` is the `chatbot` command."""

import sys

from chatbot.cli import main

if __name__ == "__main__":
    sys.exit(main())
