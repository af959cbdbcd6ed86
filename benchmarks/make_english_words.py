"""Write `chatbot/data/english_words.txt`: common English words, never "corrected".

    pip install wordfreq && python benchmarks/make_english_words.py

The spelling corrector must not turn a real word into a corpus word ("lung" into
"long", "tens" into "tense"). This writes the English words with a Zipf frequency of
at least ZIPF (about once per million words or more often) from the `wordfreq` lists,
one a line, sorted. wordfreq's data is CC BY-SA 4.0 (Robyn Speer et al.); the file says
so at its top and shares alike.
"""

from __future__ import annotations

from pathlib import Path

import wordfreq

ZIPF = 3.0
OUT = Path(__file__).resolve().parents[1] / "chatbot" / "data" / "english_words.txt"


def main() -> None:
    words = sorted({
        w for w in wordfreq.top_n_list("en", 60_000)
        if w.isascii() and w.isalpha() and wordfreq.zipf_frequency(w, "en") >= ZIPF
    })
    header = (
        f"# Common English words (Zipf frequency >= {ZIPF}), from the wordfreq lists\n"
        "# (https://github.com/rspeer/wordfreq), data licensed CC BY-SA 4.0. Written by\n"
        "# benchmarks/make_english_words.py; the spelling corrector never changes these.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
