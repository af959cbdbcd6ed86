"""One analyser for documents and questions: words, vocabulary, stop words, stems.

Documents and questions must be turned into terms the same way or BM25 compares
different things. Questions also get spelling correction against the words the
corpus and the vocabulary know, and are grouped into "concepts" (one per content
word, with what the vocabulary adds) for the no-match rule.
"""

from collections.abc import Iterable, Sequence
from itertools import chain, compress, filterfalse
from typing import NamedTuple

from chatbot.medicines import Medicines
from chatbot.spelling import Speller, english_words
from chatbot.stemming import STEMS, Memo, stem, stem_all
from chatbot.vocabulary import VocabularyFile, load_vocabulary
from chatbot.words import Ignored, Phrases, words


def spelled_out(text_words: Sequence[str], texting: dict[str, str],
                fixes: dict[str, str] | None = None) -> list[str]:
    """A message's words with its texting spellings ("ppl", "wat", "nite") read as the
    words they stand for (vocabulary.toml `[texting]`); each one read is put in `fixes`."""
    out = list(text_words)
    for i, w in enumerate(out):
        full = texting.get(w)
        if full is not None:
            out[i] = full
            if fixes is not None:
                fixes[w] = full
    return out


SYNONYM = "~"
"""Prefix of a term the vocabulary added ("tiredness" -> "~fatigu"). A document's own
words and its added synonyms stay apart, so a question's own word can count more
than a synonym on either side."""


def with_synonyms(terms: Iterable[str]) -> frozenset[str]:
    """Every term in both forms: as written, and as a vocabulary synonym."""
    plain = [t.removeprefix(SYNONYM) for t in terms]
    return frozenset(plain) | frozenset(SYNONYM + t for t in plain)


class Concept(NamedTuple):
    """One content word of a question and every term that counts as covering it."""

    word: str
    terms: frozenset[str]
    frame: bool
    own: frozenset[str] = frozenset()
    """The asker's own words (stems); the rest of `terms` came from the vocabulary."""
    subject_like: bool = False
    """Named in the out-of-scope list, or shaped like a drug or disease name."""
    required: bool = False
    """A passage must contain it to answer (the vocabulary's `required` entries)."""


def corrected(text: str, fixes: dict[str, str]) -> str:
    """`text` as its words with an analysis's spelling corrections applied (`text`
    itself when there are none): what a question said, as it was read."""
    return " ".join(fixes.get(w, w) for w in words(text)) if fixes else text


class Analysis(NamedTuple):
    terms: list[str]
    words: list[str]
    concepts: list[Concept]
    corrections: dict[str, str]


class Analyzer:
    """Turns text into BM25 terms; holds the vocabulary and the known-word list.

    Built once with everything it reads by: the vocabulary, the medicine list (a
    medicine's name of several words is one term, and a named medicine is a subject),
    and the corpus's own words, which spelling correction may correct to.
    """

    def __init__(
        self,
        vocabulary: VocabularyFile | None = None,
        medicines: Medicines | None = None,
        corpus_words: Iterable[str] = (),
    ) -> None:
        vocab = vocabulary or load_vocabulary()
        medicines = medicines or Medicines()
        # Each phrase split once (the vocabulary's words are read twice below), and
        # every word stemmed at once, in one call to the C stemmer.
        phrases = {p for entry in vocab.terms for p in (*entry.lay, entry.means)}
        split = {p: words(p) for p in phrases}
        outside = [words(p) for p in [*vocab.out_of_scope, *medicines.named]]
        corpus_words = set(corpus_words)
        stem_all(chain(corpus_words, chain.from_iterable(split.values()),
                       chain.from_iterable(outside), vocab.frame_words, vocab.anchor_words))
        self.stop_words = frozenset(vocab.stop_words)
        self.frame_stems = frozenset(stem(w) for w in vocab.frame_words)
        self.anchor_stems = with_synonyms(stem(w) for w in vocab.anchor_words)
        self.filler_words = frozenset(vocab.filler_words)
        self._filler_phrases = Phrases(vocab.filler_phrases)
        self.texting = vocab.texting
        self.ignored = Ignored(self.stop_words | self.filler_words, self._filler_phrases)
        """Words that say nothing of what is asked: the labelled questions of the
        memory are compared without them ("so what actually is electroacupuncture
        then?" is "what is electroacupuncture?")."""
        self.subject_suffixes = tuple(vocab.subject_suffixes)
        self.generic_medicine_words = medicines.general
        self.medicine_question_terms = with_synonyms(
            stem(w) for w in words(vocab.medicine_question_means) if w not in vocab.stop_words
        )
        self._read_phrases(vocab, split)
        self.out_of_scope: set[tuple[str, ...]] = {tuple(map(stem, ws)) for ws in outside}
        # First stem -> the lengths of phrases that start with it, longest first:
        # most words start no phrase, so most positions cost one dict lookup.
        lengths: dict[str, set[int]] = {}
        for key in [*self.phrases, *(k for k in self.out_of_scope if len(k) > 1)]:
            lengths.setdefault(key[0], set()).add(len(key))
        self.phrase_lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        self._phrase_pairs = frozenset(
            k[:2] for k in [*self.phrases, *self.out_of_scope] if len(k) > 1
        )
        self._pair_firsts = frozenset(k[0] for k in self._phrase_pairs)
        self._word_terms = Memo(self._one_word_terms)
        self.vocab_words = set(chain.from_iterable(split.values()))
        self.vocab_words |= set(vocab.frame_words)
        self.vocab_words |= {w for p in vocab.out_of_scope for w in words(p)}
        self.vocab_words |= {w for p in medicines.terms for w in words(p)}
        # The words spelling correction may correct to: the corpus's (as documents are
        # read: fillers dropped) and the vocabulary's.
        known = set(filterfalse(self.filler_words.__contains__, corpus_words))
        self._known_words = frozenset(known | self.vocab_words) if known else frozenset()
        self._known_stems = frozenset(stem(w) for w in self._known_words) | self.stop_words
        self._speller: Speller | None = None  # built on the first misspelling

    def _read_phrases(self, vocab: VocabularyFile, split: dict[str, list[str]]) -> None:
        """Each lay phrase (as a tuple of stems) -> the stems it adds, and the phrases
        that frame a question, set the treatment aside, or must be in a passage."""
        self.phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.frame_phrases: set[tuple[str, ...]] = set()
        self.aside_phrases: set[tuple[str, ...]] = set()
        self.required_phrases: set[tuple[str, ...]] = set()
        for entry in vocab.terms:
            added = tuple(stem(w) for w in split[entry.means] if w not in self.stop_words)
            for phrase in entry.lay:
                key = tuple(map(stem, split[phrase]))
                self.phrases[key] = tuple(dict.fromkeys(self.phrases.get(key, ()) + added))
                if entry.frame:
                    self.frame_phrases.add(key)
                if entry.sets_treatment_aside:
                    self.aside_phrases.add(key)
                if entry.required:
                    self.required_phrases.add(key)

    @property
    def known_words(self) -> frozenset[str]:
        """The words spelling correction treats as real: the corpus's and the vocabulary's."""
        return self._known_words

    def _correct(self, word: str) -> str | None:
        if self._speller is None:
            self._speller = Speller(self._known_words, self.vocab_words, english_words())
        return self._speller.correct(word)

    def without_fillers(self, text_words: Sequence[str]) -> list[str]:
        """The words without fillers: "actually", "please", "in plain words"."""
        raw = list(filterfalse(self.filler_words.__contains__, text_words))
        return self._filler_phrases.drop(raw)

    def analyze(self, text: str, *, query: bool = False) -> Analysis:
        return self.read(words(text), query=query)

    def read(self, text_words: Sequence[str], *, query: bool = False) -> Analysis:
        """`analyze` for text already split by `words` (a document read once)."""
        corrections: dict[str, str] = {}
        if query and self.texting:  # "ppl" is "people", before the fillers go ("thx")
            text_words = spelled_out(text_words, self.texting, corrections)
        raw = self.without_fillers(text_words)
        if query and self._known_words:
            for i, w in enumerate(raw):
                if w in self.stop_words or stem(w) in self._known_stems:
                    continue
                fixed = self._correct(w)
                if fixed:
                    corrections[w] = fixed
                    raw[i] = fixed
        stems = list(map(STEMS.__getitem__, raw))
        if not query:
            return Analysis(terms=self._document_terms(raw, stems), words=raw, concepts=[],
                            corrections=corrections)
        # A question is read word by word, for its concepts.
        terms: list[str] = []
        concepts: list[Concept] = []
        done = 0  # the words before `done` are read
        for i in range(len(raw)):
            if i < done:
                continue  # inside the phrase just matched
            span, key, added = self._phrase_at(stems, i)
            if span > 1:
                own = self._phrase_terms(key)
            else:
                own = [stems[i]] if raw[i] not in self.stop_words else []
            terms.extend(own)
            terms.extend(SYNONYM + a for a in added)
            if own or added:
                concepts.append(
                    Concept(
                        word=" ".join(raw[i : i + span]),
                        terms=with_synonyms([*own, *added]),
                        own=frozenset(own),
                        subject_like=key in self.out_of_scope
                        or (span == 1 and len(raw[i]) > 5
                            and raw[i].endswith(self.subject_suffixes)),
                        frame=key in self.frame_phrases
                        or (not added and all(s in self.frame_stems for s in own)),
                        required=key in self.required_phrases,
                    )
                )
            done = i + span
        return Analysis(terms=terms, words=raw, concepts=concepts, corrections=corrections)

    def _document_terms(self, raw: list[str], stems: list[str]) -> list[str]:
        """A document's terms, as `read` gives a question's. Only a place where a phrase
        of two or more words may start needs a closer look; any other word gives the
        same terms wherever it stands, worked out once per word (several times faster
        over thousands of passages; tests check the terms are the same)."""
        per_word = list(map(self._word_terms.__getitem__, raw))
        done = 0  # the words before `done` are read
        for i in self._phrase_starts(stems):
            if i < done:
                continue  # inside the phrase just matched
            span, key, added = self._phrase_at(stems, i)
            if span > 1:
                per_word[i] = (*self._phrase_terms(key), *(SYNONYM + a for a in added))
                per_word[i + 1 : i + span] = [()] * (span - 1)
            done = i + span
        return list(chain.from_iterable(per_word))

    def _phrase_terms(self, key: tuple[str, ...]) -> list[str]:
        """A phrase of two or more words is one term, joined ("side_effect",
        "pin_and_needl"): it matches the same phrase in a document, never its words apart
        ("effect" in "effectiveness"; "pins and needles" is numbness, not needles). The
        treatment's own name is kept ("how does acupuncture work" names it), unless the
        phrase sets it aside ("besides acupuncture")."""
        own = ["_".join(key)]
        if key not in self.aside_phrases:
            own.extend(s for s in key if s in self.anchor_stems)
        return own

    def _phrase_starts(self, stems: list[str]) -> list[int]:
        """Where a phrase of two or more words may start: its first two words are
        there. Most words start none, and cost one set lookup."""
        pairs = self._phrase_pairs
        firsts = compress(range(len(stems) - 1), map(self._pair_firsts.__contains__, stems))
        return [i for i in firsts if (stems[i], stems[i + 1]) in pairs]

    def _one_word_terms(self, word: str) -> tuple[str, ...]:
        """A word's terms when no longer phrase holds it: its stem (unless a stop
        word) and the synonyms of its own vocabulary entry, as `analyze` gives them."""
        root = STEMS[word]
        own = () if word in self.stop_words else (root,)
        return own + tuple(SYNONYM + a for a in self.phrases.get((root,), ()))

    def _phrase_at(
        self, stems: list[str], i: int
    ) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        """The longest vocabulary (or out-of-scope) phrase starting at word i: its
        length in words, its key and the stems it adds. Longest first: "pins and
        needles" is numbness, and must not also count as "needles"; a phrase is one
        concept, not several."""
        for n in self.phrase_lengths.get(stems[i], ()):
            if n > len(stems) - i:
                continue
            candidate = tuple(stems[i : i + n])
            if candidate in self.phrases or (n > 1 and candidate in self.out_of_scope):
                return n, candidate, self.phrases.get(candidate, ())
        return 1, (stems[i],), ()

    def terms(self, text: str) -> list[str]:
        return self.analyze(text).terms


