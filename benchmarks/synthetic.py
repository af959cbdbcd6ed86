"""The benchmark's synthetic corpus: 20,000 passages with a real corpus's vocabulary.

Each passage holds 1-2 of the bundled corpus's quotable sentences (so the questions
still find topical passages) among 2-4 sentences of English words drawn by how often
English uses them (the `wordfreq` lists, a benchmark-only extra: `pip install
'.[bench]'`). Reusing only the corpus's few hundred sentences gave 922 distinct terms;
a real 20,000-passage corpus has tens of thousands, and a long tail of rare terms
changes what the index build and the spelling corrector cost. Without wordfreq the
passages are the corpus's sentences alone (the old, small vocabulary), and the
benchmark says so.
"""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

from chatbot.chunking import chunk_document
from chatbot.corpus import load_corpus

ENGLISH_WORDS = 50_000
"""How many of English's most used words the filler draws from."""


def corpus_sentences() -> list[str]:
    """The bundled corpus's quotable sentences of four words or more."""
    sentences = []
    for doc in load_corpus().documents:
        for chunk in chunk_document(doc):
            for s, e in chunk.units:
                sentence = " ".join(doc.text[s:e].split())
                if len(sentence.split()) >= 4:
                    sentences.append(sentence)
    return sentences


def english_sampler(rng: random.Random):
    """A function giving a sentence of English words, each drawn by its frequency;
    None when wordfreq is not installed."""
    try:
        import wordfreq
    except ImportError:
        return None
    vocab = [w for w in wordfreq.top_n_list("en", ENGLISH_WORDS) if w.isalpha()]
    cum = list(accumulate(wordfreq.word_frequency(w, "en") for w in vocab))

    def sentence() -> str:
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 20))
        return " ".join(words).capitalize() + "."

    return sentence


def synthetic_passages(n: int, seed: int) -> tuple[list[str], bool]:
    """`n` deterministic passages, and whether they have English filler."""
    sentences = corpus_sentences()
    rng = random.Random(seed)
    filler = english_sampler(rng)
    if filler is None:
        return [" ".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(n)], False
    passages = []
    for _ in range(n):
        parts = rng.sample(sentences, rng.randint(1, 2)) + [
            filler() for _ in range(rng.randint(2, 4))]
        rng.shuffle(parts)
        passages.append(" ".join(parts))
    return passages, True


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
