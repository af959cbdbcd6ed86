"""`chatbot corpus new DIR`: a minimal, commented corpus to start from.

It passes `chatbot corpus check` as written (with warnings for what only its owner
can fill in: who publishes each document, where it is online, when it was reviewed),
and every line says what to change. Nothing else is written, and an existing
non-empty directory is never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from chatbot.corpus import DOCUMENTS, MANIFEST

EXAMPLE_FILE = "example.txt"

EXAMPLE_TEXT = (
    "About this example corpus\n\n"
    "This example document shows how a corpus is laid out. Replace it with a document "
    "your team has checked, copied word for word into the documents folder.\n\n"
    "Each document needs an entry in manifest.toml with its id, file, title and kind. "
    "The chatbot quotes only what the documents say, and names the document under "
    "every quote.\n"
)

MANIFEST_TEXT = """\
# A corpus of your own: the chatbot answers only from the documents listed here,
# quoting them word for word, and names the document under every quote.
#   check it:  chatbot corpus check {dir}
#   use it:    chatbot --corpus {dir}      (or CHATBOT_CORPUS={dir})
# Every text below is optional; one left out falls back to a plain default that
# names no topic. Reviewed words only: the bot shows them as they are.

# The chat's title, and what the sources are about ("I can tell you what two sources
# say about ..."): the welcome and the "I can't find that" reply say it.
name = "Example corpus: what the sources say"
topic = "how this example corpus is laid out"

# Example questions the welcome offers. `chatbot corpus check` asks each one and
# warns when the documents do not answer it.
examples = ["How is a corpus laid out?"]

# Notes shown under every answer (default: "This is information, not medical advice...").
# caveats = ["Research on this is small. Talk with your MS team before you try it."]
# medicine_notice = "Never start, stop or change a medicine without talking to your MS team first."

# What "it" means, when the corpus is about one treatment: "is it safe?" then asks
# about it, and only a passage that names it answers. One word each.
# [treatment]
# name = "cooling vests"
# words = ["vest", "vests"]

# Lay words for your documents' own terms: when a question says one of `lay`, the
# words of `means` (words your documents use) count too. The general vocabulary
# already knows MS words ("tiredness" is fatigue, "peeing" the bladder).
# [[vocabulary]]
# means = "overheating"
# lay = ["too hot", "boiling"]

# One [[documents]] table per document in {documents}/ (plain UTF-8 text, copied
# word for word: every quote must be the document's own words).
[[documents]]
id = "example"                        # lower case letters, digits, - and _
file = "{example}"
title = "About this example corpus"   # the title line itself is never quoted
kind = "health_information_article"   # or personal_blog, clinic_marketing_blog, overview,
                                      # evidence_factsheet: it sets the first caveat
# Leave out what the document does not say: `corpus check` names what is missing.
# author = "The writer, as the document names them"
# publisher = "Who stands behind it: an organisation, or the site it is on"
# url = "https://www.example.org/the-page"
# published = "1 March 2025"          # dates as the document gives them
# updated = "2 April 2025"
# reviewed = 2025-03-01               # "Page last reviewed" (a date: year-month-day)
# review_due = 2028-03-01             # "Next review due"; corpus check warns once it is due

# Text never indexed or quoted (adverts, page furniture): from the first `start` to
# the end of the first `end` after it. `corpus check` fails if it is not in the text.
#   [[documents.never_quote]]
#   reason = "booking advert"
#   start = "Book your appointment"
#   end = "today!"
"""


class CorpusExists(Exception):
    pass


def new_corpus(root: Path) -> list[Path]:
    """Write the starter corpus into `root` (created; it must not hold anything yet)."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise CorpusExists(f"{root} already exists and is not an empty directory: "
                           "name a new one")
    documents = root / DOCUMENTS
    documents.mkdir(parents=True, exist_ok=True)
    manifest = root / MANIFEST
    manifest.write_text(MANIFEST_TEXT.format(dir=root, documents=DOCUMENTS,
                                             example=EXAMPLE_FILE), encoding="utf-8")
    example = documents / EXAMPLE_FILE
    example.write_text(EXAMPLE_TEXT, encoding="utf-8")
    return [manifest, example]


def corpus_new(root: Path, stdout: TextIO) -> list[Path]:
    written = new_corpus(root)
    for path in written:
        stdout.write(f"wrote {path}\n")
    stdout.write(f"Next: put your documents in {root / DOCUMENTS}, list each in {root / MANIFEST}, "
                 f"then run: chatbot corpus check {root}\n")
    return written
