"""The one analyser: words, lay vocabulary, stems and spelling, the same on both sides."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.tokenizer import SYNONYM, Analyzer, load_vocabulary, spelled_out, stem, words

_VOCAB = load_vocabulary()
_PHRASES = [lay for entry in _VOCAB.terms for lay in entry.lay] + _VOCAB.out_of_scope
# Whole phrases, their first words alone (near-misses), stop and filler words and a
# few others: text made of these is dense with phrase starts.
_PIECES = sorted(
    set(_PHRASES)
    | {" ".join(p.split()[:-1]) for p in _PHRASES if " " in p}
    | set(_VOCAB.stop_words[:30]) | set(_VOCAB.filler_words[:10])
    | {"acupuncture", "fatigue", "14 patients", "people", "side-effects", "it's"}
)

_FRESH = Analyzer(_VOCAB)


@pytest.fixture(scope="module")
def analyzer(bot) -> Analyzer:
    return bot.retriever.analyzer


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_document_shortcut_gives_the_terms_of_a_word_by_word_reading(text: list[str]) -> None:
    """A document is only read closely where a phrase may start; a question is read
    word by word. Without spelling correction (a fresh analyser knows no corpus
    words) both must give the same terms, or documents and questions would differ."""
    joined = " ".join(text)
    assert _FRESH.analyze(joined).terms == _FRESH.analyze(joined, query=True).terms


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["pain", "Tired", "it's", "isn't", "mum's", "side-effects",
                                 "electro-acupuncture", "x-ray", "don’t", "well—being", "a",
                                 "MS,", "(fatigue)", "cafe\u0301", "ﬁne"]), max_size=12))
def test_a_text_has_the_words_of_its_parts(parts: list[str]) -> None:
    """Words are read token by token: a text with an apostrophe or a hyphen anywhere
    (read closely) gives the words its parts give alone (most of which have none)."""
    assert words(" ".join(parts)) == [w for part in parts for w in words(part)]


def test_words_normalise_apostrophes_and_hyphens() -> None:
    assert words("It’s Electro-Acupuncture, isn't it?") == [
        "it", "electro", "acupuncture", "electroacupuncture", "isnt", "it"]


@pytest.mark.parametrize(
    ("lay", "medical"),
    [("tiredness", "fatigue"), ("stiff legs", "spasticity"), ("peeing", "bladder"),
     ("leaking", "incontinence"), ("walk better", "gait"), ("bee stings", "venom"),
     ("electric needles", "electroacupuncture"), ("low mood", "depression"),
     ("cant sleep", "insomnia")],
)
def test_lay_words_reach_the_medical_terms(analyzer: Analyzer, lay: str, medical: str) -> None:
    concept = analyzer.analyze(lay, query=True).concepts[0]
    assert stem(medical) in concept.terms
    assert stem(medical) not in concept.own, "a synonym is not the asker's own word"


def test_documents_and_questions_share_the_analysis(analyzer: Analyzer) -> None:
    # A document that says "tiredness" is found by a question that says "fatigue",
    # through the synonym form the vocabulary added to the document.
    doc_terms = set(analyzer.terms("Many report tiredness."))
    question = analyzer.analyze("fatigue", query=True).concepts[0]
    assert SYNONYM + stem("fatigue") in doc_terms
    assert question.terms & doc_terms
    assert not question.own & doc_terms, "the document's own word was 'tiredness'"


def test_longest_phrase_wins_and_counts_once(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("pins and needles in my feet", query=True)
    first = analysis.concepts[0]
    assert first.word == "pins and needles"
    assert stem("needles") not in first.terms, "pins and needles is numbness, not acupuncture"
    assert stem("numbness") in first.terms
    # A phrase is one joined term: "side effects" never matches "effectiveness".
    assert "side_effect" in analyzer.terms("There were no side effects.")
    assert "side_effect" not in analyzer.terms("its effectiveness varies")


@pytest.mark.parametrize(("typo", "fixed"), [("accupuncture", "acupuncture"),
                                             ("spastisity", "spasticity"), ("fatige", "fatigue")])
def test_misspellings_are_corrected(analyzer: Analyzer, typo: str, fixed: str) -> None:
    assert analyzer.analyze(f"{typo} help", query=True).corrections == {typo: fixed}


@pytest.mark.parametrize("word", ["diabetes", "insurance", "migraine", "weather", "cannabis"])
def test_real_words_outside_the_corpus_stay_themselves(analyzer: Analyzer, word: str) -> None:
    assert analyzer.analyze(f"acupuncture for {word}", query=True).corrections == {}


def test_stop_and_filler_words_are_dropped(analyzer: Analyzer) -> None:
    terms = analyzer.analyze("does it actually really work", query=True).terms
    assert "actual" not in terms and "realli" not in terms and "it" not in terms


def test_vocabulary_file_is_valid_and_has_no_duplicate_lay_phrases() -> None:
    vocab = load_vocabulary()
    seen: set[str] = set()
    for entry in vocab.terms:
        for phrase in entry.lay:
            assert phrase not in seen, f"{phrase!r} is listed twice"
            seen.add(phrase)


def test_a_real_english_word_is_never_corrected(analyzer: Analyzer) -> None:
    """"lung" is not a misspelt "long", nor "tens" a misspelt "tense"; "fatige" is
    still read as fatigue."""
    for word in ("lung", "tens"):
        assert word not in analyzer.analyze(f"can {word} help", query=True).corrections
    assert analyzer.analyze("does it help fatige", query=True).corrections == {
        "fatige": "fatigue"}


def test_the_english_word_list_is_a_plain_sorted_list() -> None:
    from chatbot.spelling import english_words

    words = english_words()
    assert len(words) > 20_000 and "lung" in words and "fatige" not in words
    assert all(w.isalpha() and w.islower() for w in words)
    # Looked up by bisection in its text: it must be sorted, each word once.
    assert list(words) == sorted(set(words))
    assert all(w in words for w in ("a", "zurich", "fatigue")) and "" not in words


@pytest.mark.parametrize(("texted", "meant"), [("ppl", "people"), ("wat", "what"),
                                               ("nite", "night"), ("yrs", "years")])
def test_a_texting_spelling_is_read_as_the_word_it_stands_for(
    analyzer: Analyzer, texted: str, meant: str
) -> None:
    """Each is in the English word list, so spelling correction would leave it alone."""
    read = analyzer.analyze(f"acupuncture {texted} sleep", query=True)
    assert meant in read.words and texted not in read.words
    assert read.corrections[texted] == meant
    # A document is read as written: no document texts.
    assert texted in analyzer.analyze(f"acupuncture {texted} sleep").words


def test_no_texting_spelling_is_a_word_the_documents_use(bot) -> None:
    used = {w for chunk in bot.chunks for w in words(chunk.text)}
    assert not used & set(_VOCAB.texting)


def test_a_texting_spelling_cannot_also_be_what_one_stands_for() -> None:
    from chatbot.vocabulary import VocabularyFile

    data = _VOCAB.model_dump() | {"texting": {"ppl": "people", "people": "persons"}}
    with pytest.raises(ValueError, match="both a spelling"):
        VocabularyFile.model_validate(data)


def test_spelled_out_keeps_other_words_and_order() -> None:
    fixes: dict[str, str] = {}
    assert spelled_out(["how", "many", "ppl", "r", "there"], _VOCAB.texting, fixes) == [
        "how", "many", "people", "are", "there"]
    assert fixes == {"ppl": "people", "r": "are"}


def test_a_filler_phrase_is_dropped_from_a_question(analyzer: Analyzer) -> None:
    """"In plain words" asks how to answer, not what: it is no subject to cover."""
    read = analyzer.analyze("what is acupuncture, in plain words please", query=True)
    assert read.words == ["what", "is", "acupuncture"]
    # Only the whole phrase: "plain" and "words" alone are words like any other.
    kept = analyzer.analyze("are the words plain", query=True).words
    assert "plain" in kept and "words" in kept


def test_the_memory_compares_questions_without_filler_phrases(bot) -> None:
    from chatbot.retrieval.memory import question_stems

    ignored = bot.retriever.analyzer.ignored
    assert (question_stems("what is ms in simple terms", ignored)
            == question_stems("what is ms", ignored))


def test_no_filler_phrase_is_one_the_documents_use(bot) -> None:
    from chatbot.words import Phrases

    phrases = Phrases(_VOCAB.filler_phrases)
    for chunk in bot.chunks:
        text = words(chunk.text)
        assert phrases.drop(text) == text, chunk.chunk_id


def test_phrases_are_dropped_longest_first_and_only_whole() -> None:
    from chatbot.words import Phrases

    phrases = Phrases(["in plain words", "in plain english", "plain words please"])
    assert phrases.drop(["what", "is", "it", "in", "plain", "words"]) == ["what", "is", "it"]
    assert phrases.drop(["in", "plain", "sight"]) == ["in", "plain", "sight"]
    assert phrases.drop(["say", "it", "in", "plain", "english", "now"]) == ["say", "it", "now"]
    assert Phrases().drop(["a", "b"]) == ["a", "b"]


@pytest.mark.parametrize(("phrase", "problem"), [("simply", "two lower-case words"),
                                                 ("in Plain words", "two lower-case words"),
                                                 ("worn out", "also a lay phrase")])
def test_a_filler_phrase_must_be_a_phrase_of_its_own(phrase: str, problem: str) -> None:
    from chatbot.vocabulary import VocabularyFile

    lay = [lay for entry in _VOCAB.terms for lay in entry.lay]
    assert phrase != "worn out" or phrase in lay
    data = _VOCAB.model_dump() | {"filler_phrases": [phrase]}
    with pytest.raises(ValueError, match=problem):
        VocabularyFile.model_validate(data)
