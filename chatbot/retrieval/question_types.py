"""What a question is, once read: the types the question reader returns."""

from typing import NamedTuple

from chatbot.models import SourceKind
from chatbot.retrieval.kinds import Kind
from chatbot.retrieval.memory import NO_RECALL, Recall
from chatbot.tokenizer import Analysis, Concept


class Question(NamedTuple):
    text: str
    analysis: Analysis
    last: list[Concept] | None
    """The concepts of the last question (or sentence), when there are several."""
    anchored: bool
    """It names the treatment (acupuncture, needles...), or says "it" for it: "can it
    slow progression?" in a chat about the treatment asks about the treatment."""
    kind: Kind | None = None
    """What kind of question it is, which decides what the answer must contain."""
    sets_aside: bool = False
    """It names the treatment only to set it aside ("what else besides acupuncture")."""
    subject: list[Concept] | None = None
    """For a kind whose answer must name its subject ("what is X?"), the concepts of
    X: the words the cue asks about, not the heaviest word of the message ("what is
    electroacupuncture, is it like being electrocuted?" asks what electroacupuncture
    is). None when the cue's words name nothing ("what does that mean")."""
    sources: frozenset[SourceKind] = frozenset()
    """The kinds of source it names ("what does the factsheet say": the factsheet)."""
    asking: str = ""
    """The text of the part that asks: the last question of a long message ("I had
    optic neuritis years ago, can acupuncture help my fatigue?": the question)."""
    recall: Recall = NO_RECALL
    """What the corpus's labelled questions say of it (none without a memory)."""
    counted: frozenset[str] = frozenset()
    """For "how many X?", the stem of X: an answer gives a number of it."""
    quoted: tuple[tuple[str, int, int], ...] | None = None
    """For a follow-up of a study quoted ("who ran it?"): the passages about that study
    (chunk id, start, end); a chunk named there may be quoted only within them."""

    def may_quote(self, chunk_id: str, start: int, end: int) -> bool:
        """May a quote of this chunk, from `start` to `end`, answer it (`quoted`)?"""
        spans = [(a, b) for c, a, b in self.quoted or () if c == chunk_id]
        return not spans or any(a <= start and end <= b for a, b in spans)

    @property
    def concepts(self) -> list[Concept]:
        return self.analysis.concepts

    @property
    def asked(self) -> list[Concept]:
        """The concepts of the part that asks: the last question, or the whole."""
        return self.last if self.last is not None else self.concepts


class QuestionParts(NamedTuple):
    """A question's own words by role, for reading it with a conversation."""

    subject: tuple[str, ...]
    """Words of what it asks about that the corpus knows (framing left out)."""
    unknown: tuple[str, ...]
    """Words the corpus never uses, shaped like a subject ("cannabis"); not "tho"."""
    treatment: tuple[str, ...]
    """Words naming the treatment ("acupuncture", "electroacupuncture")."""
    kind: str | None
    """The question's kind ("people_count", "evidence"...), if it has one."""
    said: tuple[str, ...]
    """Its words as read (`Analysis.words`: fillers left out, spelling corrected,
    "fatige" is "fatigue"): the roles above are in these words."""
    checked: bool = False
    """Its kind needs a pattern of the quote (a number, a citation, a year:
    `Kind.checked`): "who ran it?" is answered by the sentence citing the study."""
    aside: tuple[str, ...] = ()
    """Words of what the asker says around the question that are no subject: the
    corpus never uses them and they do not look like one ("sending", "stuff" in "my
    son keeps sending me stuff saying acupuncture boosts the immune system")."""

    @property
    def has_subject(self) -> bool:
        return bool(self.subject or self.unknown or self.treatment)
