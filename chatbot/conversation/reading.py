"""Reading a message with the conversation: alone, or as a follow-up of an earlier turn.

Retrieval only, so a follow-up is never answered with new words: it becomes a
question the retriever can search, built from the asker's own words.

- "what about sleep?" after "can acupuncture help my tiredness?" carries the earlier
  question on to a new subject: "can acupuncture help my sleep".
- "how many people were in it?", "was that in rats?", "is that proven?" point back at
  what was last quoted: the earlier question and this one, searched together, first
  within the document last quoted.
- A message with a subject of its own and no word pointing back changes the topic,
  and is read alone.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from chatbot.conversation.referents import Says, named_kinds, pointed_at
from chatbot.conversation.texts import FollowUp, phrase_key
from chatbot.retrieval.question import QuestionParts
from chatbot.retrieval.studies import Span

if TYPE_CHECKING:
    from chatbot.models import Answer, Passage

OF_PASSAGE = ("passage", "detail", "pattern")
"""The kinds of search kept to the passages about the study last quoted."""

TOPIC_STATUSES = ("answered", "no_match")
"""Turns that asked about something; small talk, replies and urgent turns carry no topic."""


class Scope(NamedTuple):
    """One search: the text, where to look (chunk or document ids; None: everywhere),
    and the earlier question it is read with (None: read alone)."""

    text: str
    within: frozenset[str] | None = None
    follows: str | None = None
    context: str | None = None
    """The earlier question, as framing for `text` (None: `text` says it all)."""
    after: tuple[str, ...] = ()
    """The chunk last quoted, which a follow-up follows (empty: read alone)."""
    name: str = "alone"
    """Which kind of search it is (`bars.SCOPE_NAMES`; each has its own fitted bar to
    answer): alone, carried ("what about sleep?"), topic (asked of what was said, any
    source), passage, documents, anywhere (the earlier question's passage, its
    documents, every source), detail (a detail of the passage, searched there only:
    "did anyone drop out?"), pattern (such a detail whose answer has a pattern: "who
    ran it?", a citation; "how many were in it?", a number), fallback (a follow-up that
    failed, asked alone)."""
    quoted: tuple[Span, ...] | None = None
    """For the passage just read: every passage about the study its quote is about
    (`Studies.about`: chunk id, document offsets), the only quotes this search may
    show. "It", "that study" point at the study quoted, wherever it is told, and not
    at another one the same chunk sums up ("how many people were in it?" after the
    summary is answered by that study's note, not by the other study's number)."""


class Reading(NamedTuple):
    """How one message is read: the searches to try in order (the first that finds an
    answer is used), and the question that sets the topic for the turns after it."""

    topic: str
    scopes: tuple[Scope, ...]
    source: str | None = None
    """The message the topic comes from, as typed (None: this one): "what about
    sleep?" carries on the topic of "can acupuncture help my tiredness?", even two
    turns after it, and says so."""

    @classmethod
    def alone(cls, message: str) -> "Reading":
        return cls(message, (Scope(message),))

    def of_quote(self) -> "Reading":
        """Only the search of the passage just quoted: "who wrote it?" right after a
        study's note asks whose study it is, which the note may say ("(Donnellan
        2008)"); asked of nothing quoted, it asks about the sources."""
        return Reading(self.topic, tuple(s for s in self.scopes if s.name in OF_PASSAGE),
                       self.source)

    def offers_alone(self, used: Scope) -> bool:
        """Read with the conversation, though it could stand alone: offer that too."""
        alone = [s for s in self.scopes if s.follows is None]
        return used.follows is not None and bool(alone)


class FollowUpReader:
    """Decides how to read each message of a conversation, from the earlier answers."""

    def __init__(
        self, cues: FollowUp, parts: Callable[[str], QuestionParts],
        stop_words: frozenset[str] = frozenset(),
        closest: Callable[[str, tuple[str, ...]], tuple[float, float]] | None = None,
        study: Callable[[str, int, int], tuple[Span, ...]] | None = None,
        says: Says | None = None,
    ) -> None:
        self.cues = cues
        self.parts = parts
        self.study = study or (lambda chunk_id, start, end: ((chunk_id, start, end),))
        """The passages about the study a quote is about (default: the quote alone)."""
        self.says = says or (lambda spans, words: True)
        """Whether a study's passages use a word ("review"); default: always."""
        self.closest = closest
        """The memory's closeness of a message to questions that stand alone and to
        follow-ups typed after the chunk given (None: a corpus without a memory)."""
        self.stop_words = stop_words
        """A pointer right after a word that is not one of these joins a clause to it
        ("a study that counted leaks"): it points at nothing said before."""
        self._refers = cues.cue("refers_back")
        self._refers_weak = cues.cue("refers_back_weak")
        self._not_pointing = cues.cue("points_at_nothing")
        self._carries = cues.cue("carries_on")
        self._referents = frozenset(
            k[1:] for k in self._refers.keys if len(k) == 2 and k[0] == "the")
        """What a pointer may name: "the study", "the trial"... give study, trial. "That
        study" points back whatever comes before it ("who wrote that study?")."""

    def read(self, message: str, history: Sequence["Answer"]) -> Reading:
        """The reading of `message` after `history` (earlier answers, oldest first)."""
        # Each earlier turn's topic is worked out as it was read then (its `follows`
        # says whether it was a follow-up), so a chain of follow-ups keeps the topic
        # that started it. Only the last few turns matter, which bounds the work.
        window = list(history[-2 * self.cues.turns_back :])
        topics: list[tuple[str, str]] = []  # each turn's topic, and the message it is from
        for i, answer in enumerate(window):
            if answer.follows is None:
                topics.append((answer.question, answer.question))
            else:
                read = self._read_after(answer.question, window[:i], topics)
                topics.append((read.topic, read.source or answer.question))
        return self._read_after(message, window, topics)

    def _read_after(
        self, message: str, history: Sequence["Answer"], topics: Sequence[tuple[str, str]]
    ) -> Reading:
        # The latest turn that asked about something; when it quoted nothing, "it",
        # "that study" point at what was last quoted ("whats tolterodine?" found
        # nothing, so "were there side effects in that study?" asks of the bladder
        # study quoted before it).
        earlier = self._latest(history, lambda a: a.status in TOPIC_STATUSES)
        if earlier is None:
            return Reading.alone(message)
        if not history[earlier].passages:
            quoted = self._latest(history, lambda a: bool(a.passages))
            earlier = earlier if quoted is None else quoted
        return self.follow_up(message, history[earlier], *topics[earlier])

    def _latest(self, history: Sequence["Answer"], keep: Callable[["Answer"], bool]
                ) -> int | None:
        """The latest earlier turn that `keep` keeps, within `turns_back`."""
        for back, i in enumerate(range(len(history) - 1, -1, -1)):
            if back >= self.cues.turns_back:
                return None
            if keep(history[i]):
                return i
        return None

    def follow_up(self, message: str, earlier: "Answer", topic: str,
                  source: str | None = None) -> Reading:
        """`message` read after the `earlier` answer, whose topic was `topic` (from
        the message `source`, by default the earlier question)."""
        key = phrase_key(message)
        parts = self.parts(message)
        strong = bool(self._pointing(key))
        weak = bool(self._weak(key))
        lead = self.cues.lead(key)  # "ok what about pain?": "ok" leads in
        openers = [e for _, e in self._carries.spans(key, lead)
                   if e >= len(key) or key[e] not in self.cues.question_openers]
        cue_words = {key[i] for s, e in self._spans(key, lead) for i in range(s, e)}
        own = [w for w in (*parts.subject, *parts.unknown) if w not in cue_words]
        asked = earlier.question
        after = (earlier.passages[0].chunk_id,) if earlier.passages else ()
        if openers and (own or parts.treatment) and parts.kind is None:
            # Read with the question whose topic it carries on, which it names.
            text = self._carried_on(topic, key[openers[0]:], bool(own))
            carried = Scope(text, follows=source or asked, after=after, name="carried")
            return Reading(text, (carried,), message)
        if not (strong or weak or openers) and (
                own or parts.treatment or self._stands_alone(message, after)):
            # A new topic, read alone: a subject of its own, or, like "is there a cure
            # for ms?", asked alone by people more like it than as a follow-up. The
            # memory still compares it with the follow-ups people typed after the
            # passage just read ("what did the scans show?" after the brain-scan study).
            return Reading(message, (Scope(message, after=after),))
        if parts.kind in self.cues.topic_kinds or not earlier.passages:
            # "Is there good research on that?" asks about what was said: any source.
            # With a claim of its own ("... by improving microcirculation. is there
            # evidence for that?") the claim is the topic the next turns are read with.
            return Reading(message if own else topic,
                           (Scope(message, None, asked, topic, after, "topic"),),
                           None if own else source)
        named = named_kinds(key, self._pointing(key), self.cues.study_kinds)
        first = pointed_at(earlier.passages, named, self.study, self.says)
        if first is None:
            # "That review" after a trial's note points at none of the passages just
            # quoted: searched everywhere, with the earlier question, else alone.
            return Reading(topic, (Scope(message, None, asked, topic, after, "anywhere"),
                                   Scope(message, name="fallback")), source)
        return self._of_passage(message, earlier, first, topic, source, parts, bool(own))

    def _of_passage(self, message: str, earlier: "Answer", first: "Passage", topic: str,
                    source: str | None, parts: QuestionParts, own: bool) -> Reading:
        """A message pointing at the passage `first` of the `earlier` answer: searched
        there first."""
        # "How many people were in it?" asks about what was just read: the passage
        # first (a chunk is one study's note), then the documents just quoted. A number
        # asked of it ("how many mice?") comes from that passage or not at all: another
        # study's number is a wrong answer. (Measured on the tuning conversations:
        # never the same quote twice, or the earlier question kept out of the choice of
        # quote, lost more right answers than they saved.)
        asked = earlier.question
        after = (first.chunk_id,)
        study = self.study(first.chunk_id, first.quote_start, first.quote_end)
        here = Scope(message, frozenset(c for c, _, _ in study), asked, topic, after,
                     "passage", study)
        if parts.kind in self.cues.passage_kinds and not own:
            # Not "how many of those meridian things?". The passage is the only search,
            # so its bar (`detail`) weighs answering against no_match alone, not against
            # looking further as the passage's first search does.
            # A detail whose answer has a pattern ("who ran it?": a citation; "how many
            # were in it?": a number) has its own bar: within that study's passages, a
            # quote with the pattern is likely the answer though it covers few words.
            name = "pattern" if parts.checked else "detail"
            return Reading(topic, (here._replace(name=name),), source)
        docs = Scope(message, frozenset(p.doc_id for p in earlier.passages), asked, topic,
                     after, "documents")
        # Then every source, still read with the earlier question ("any side effects?"
        # after a study note may be answered by the factsheet's note on safety):
        # follow-up hit@1 0.666 -> 0.675 in benchmarks/dialogue_cv.py, no_match unchanged.
        anywhere = Scope(message, None, asked, topic, after, "anywhere")
        if own or parts.treatment:
            # "Does it help pain?" may mean the treatment, not the study: what was just
            # read if it answers, then anywhere, else the message alone.
            return Reading(topic, (here, docs, anywhere, Scope(message, name="fallback")),
                           source)
        return Reading(topic, (here, docs, anywhere), source)

    def _stands_alone(self, message: str, after: tuple[str, ...]) -> bool:
        if self.closest is None:
            return False
        alone, follow = self.closest(message, after)
        return alone > follow

    def _pointing(self, key: tuple[str, ...]) -> list[tuple[int, int]]:
        """The words pointing back, but not "that" joining a clause to the word before
        it ("is there a study that counted leaks?", "anything that shows it works"),
        unless it names a referent ("who wrote that study?"), nor "the same" comparing
        ("is electroacupuncture the same thing as...")."""
        spans = [self._with_referent(key, s, e) for s, e in self._refers.spans(key)]
        return [(s, e) for s, e in spans
                if not (key[s:e] == ("that",) and s > 0 and e < len(key)
                        and key[s - 1] not in self.stop_words)
                and not (key[s:e] == ("the", "same") and "as" in key[e : e + 3])]

    def _with_referent(self, key: tuple[str, ...], s: int, e: int) -> tuple[int, int]:
        """A one-word pointer and the referent after it are one pointer: "that study",
        like "the study"."""
        if e - s == 1 and key[e : e + 1] in self._referents:
            return s, e + 1
        return s, e

    def _weak(self, key: tuple[str, ...]) -> list[tuple[int, int]]:
        """"It", "they"..., but not an "it" standing for the clause after it ("is it
        safe to have acupuncture?")."""
        nothing = self._not_pointing.spans(key)
        return [(s, e) for s, e in self._refers_weak.spans(key)
                if not any(a <= s and e <= b for a, b in nothing)]

    def _spans(self, key: tuple[str, ...], lead: int = 0) -> list[tuple[int, int]]:
        return [*self._pointing(key), *self._weak(key),
                *self._carries.spans(key, lead)]

    def _carried_on(self, topic: str, rest: tuple[str, ...], new_subject: bool) -> str:
        """The earlier question with the part this message replaces put in its place:
        its subject ("what about sleep?"), or, when the message names a treatment
        only, its treatment ("and electroacupuncture?")."""
        old = self.parts(topic)
        replaced = set(old.subject + old.unknown if new_subject else old.treatment)
        # What the asker said around the question goes too: "my son keeps sending me
        # stuff saying acupuncture boosts the immune system" + "what about inflammation?"
        # asks whether acupuncture helps inflammation, not about sending stuff.
        replaced.update(old.aside)
        frame = [w for w in old.said if w not in replaced]
        return " ".join([*frame, *rest])

