"""The memory of labelled questions: how it compares, votes and refuses a stale file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.bot import Chatbot
from chatbot.corpus import CorpusError
from chatbot.retrieval.memory import MEMORY_FILE, Labelled, QuestionMemory, question_stems
from chatbot.words import Ignored

ROOT = Path(__file__).resolve().parents[2]
STOP = Ignored(frozenset({"the", "a", "is", "it", "in", "for", "does", "do", "of", "with", "did"}))


def labelled(qid: str, text: str, units: list[tuple[str, int]], group: str = "g",
             after: list[str] | None = None) -> Labelled:
    return Labelled(qid, group, " ".join(sorted(question_stems(text, STOP))), bool(units), units,
                    after or [])


MEMORY = QuestionMemory([
    labelled("a", "does acupuncture help fatigue", [("doc#1", 10)]),
    labelled("b", "does acupuncture help tiredness and fatigue", [("doc#1", 10), ("doc#1", 50)]),
    labelled("c", "who funded the bladder trial", [], group="h"),
    labelled("d", "how many people were in the bladder trial", [("doc#2", 0)], group="h"),
], STOP, neighbours=10, power=4.0)


def test_a_question_asked_before_and_not_answered_warns() -> None:
    recall = MEMORY.recall("who funded the bladder trial?")
    assert recall.against == pytest.approx(1.0)
    assert recall.no_share > 0.5
    assert MEMORY.recall("does acupuncture help fatigue").against == 0.0


def test_the_sentence_most_close_questions_were_answered_by_gets_most_votes() -> None:
    recall = MEMORY.recall("can acupuncture help my fatigue")
    assert recall.top[0] == ("doc#1", 10)
    assert recall.votes[("doc#1", 10)] > recall.votes[("doc#1", 50)]
    assert recall.no_share == 0.0


def test_a_question_sharing_no_word_recalls_nothing() -> None:
    recall = MEMORY.recall("what is the weather like")
    assert recall.familiar == 0.0 and not recall.votes and not recall.top


def test_a_follow_up_is_compared_with_its_earlier_question() -> None:
    alone = MEMORY.recall("how many people were in it")
    read = MEMORY.recall("how many people were in it", "tell me about the bladder trial")
    assert read.votes.get(("doc#2", 0), 0.0) >= alone.votes.get(("doc#2", 0), 0.0)
    assert read.familiar > 0


def test_a_word_no_labelled_question_has_weighs_as_much_as_unseen_says() -> None:
    # "newbie" says nothing of which labelled question this one is like: at 0 it
    # costs no closeness; at 1 it weighs like the rarest word.
    text = "newbie question, does acupuncture help fatigue"
    zero = MEMORY.without("none", unseen=0.0).recall(text)
    full = MEMORY.without("none", unseen=1.0).recall(text)
    assert zero.familiar == pytest.approx(1.0)
    assert full.familiar < 0.8
    assert MEMORY.without("none", unseen=0.5).recall(text).familiar > full.familiar


FOLLOW_UPS = QuestionMemory([
    labelled("s", "how many people were in the balance study", [("doc#3", 0)]),
    labelled("f1", "how many people were in it", [("doc#2", 0)], after=["doc#2"]),
    labelled("f2", "how many people were in it", [("doc#3", 0)], after=["doc#3"]),
    labelled("f3", "who ran it", [], after=["doc#3"]),
    labelled("f4", "how many people were in it", [("other#1", 0)], after=["other#1"]),
], STOP, neighbours=10, power=4.0, after_weights=(0.5, 0.1))


def test_a_follow_up_counts_other_follow_ups_by_what_they_followed() -> None:
    near = dict((q.id, sim) for sim, q in FOLLOW_UPS.nearest("how many people were in it",
                                                             ("doc#2",)))
    assert near["f1"] == pytest.approx(1.0)
    assert near["f2"] == pytest.approx(0.5 * near["f1"])  # another chunk of the document
    assert near["f4"] == pytest.approx(0.1 * near["f1"])  # another document
    recall = FOLLOW_UPS.recall("how many people were in it", after=("doc#2",))
    assert recall.top[0] == ("doc#2", 0)
    assert FOLLOW_UPS.recall("how many people were in it", after=("doc#3",)).top[0] == ("doc#3", 0)


def test_a_question_that_stands_alone_never_meets_typed_follow_ups() -> None:
    near = FOLLOW_UPS.nearest("how many people were in it")
    assert [q.id for _, q in near] == ["s"]
    assert FOLLOW_UPS.recall("who ran it").familiar == 0.0
    assert FOLLOW_UPS.recall("who ran it", after=("doc#3",)).against == pytest.approx(1.0)


def test_the_bundled_memory_holds_follow_ups_with_what_they_followed(bot: Chatbot) -> None:
    assert bot.memory is not None
    chunks = {c.chunk_id for c in bot.chunks}
    follow = [q for q in bot.memory.questions if q.after]
    assert len(follow) > 500
    assert all(set(q.after) <= chunks for q in follow)


def test_without_a_group_leaves_its_questions_out() -> None:
    rest = MEMORY.without("h")
    assert {q.id for q in rest.questions} == {"a", "b"}
    assert rest.recall("who funded the bladder trial?").against == 0.0


def test_the_bundled_corpus_brings_a_memory_and_its_own_model(bot: Chatbot) -> None:
    assert bot.memory is not None and len(bot.memory.questions) > 1000
    assert bot.retriever.model is not Chatbot(memory=False).retriever.model


def test_memory_features_are_zero_without_a_memory(lexical_bot: Chatbot) -> None:
    question, pool = lexical_bot.retriever.pool("does acupuncture help fatigue")
    assert question.recall.familiar == 0.0
    assert all(c.memory_quote == 0.0 and c.memory_vote == 0.0 for c in pool)


@pytest.mark.parametrize(("field", "stale"), [
    (slice(3, 5), [True, [["factsheet#99", 1]]]),  # a sentence the corpus lacks
    (slice(5, 6), [["factsheet#99"]]),  # a follow-up after a chunk the corpus lacks
])
def test_a_memory_naming_what_the_corpus_lacks_is_refused(
    tmp_path: Path, field: slice, stale: list
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    data = json.loads((root / MEMORY_FILE).read_text(encoding="utf-8"))
    data["questions"][0][field] = stale
    (root / MEMORY_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorpusError, match="rebuild"):
        Chatbot(root)


def test_a_corpus_without_a_memory_uses_the_model_fitted_without(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    (root / MEMORY_FILE).unlink()
    bot = Chatbot(root)
    assert bot.memory is None
    assert bot.retriever.model is Chatbot(memory=False).retriever.model


def test_the_bundled_memory_is_built_from_todays_question_sets_and_chunks() -> None:
    """A changed chunking or question set must come with a rebuilt memory."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_memory.py"),
                           "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_memory_answer_is_still_a_verbatim_caveated_quote(bot: Chatbot) -> None:
    from chatbot.evaluation import invariant_problems

    answer = bot.ask("did anyone get a uti or a relapse in the bladder electro study")
    assert answer.status == "answered"
    assert invariant_problems(bot, answer) == []



def test_how_it_works_and_whether_it_works_are_not_the_same_question() -> None:
    """"how" is a stop word, but it says what is asked: the memory keeps it."""
    memory = QuestionMemory([
        labelled("how", "how does acupuncture work", [("doc#5", 0)]),
        labelled("whether", "does acupuncture work", [("doc#6", 0)]),
    ], Ignored(STOP.words | {"how"}), neighbours=1, power=4.0)
    assert memory.recall("how does acupuncture actually work").top == (("doc#5", 0),)
    assert memory.recall("does acupuncture actually work").top == (("doc#6", 0),)
