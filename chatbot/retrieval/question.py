"""Reading the question: its concepts, the part that asks, and what "it" means.

A tired person often gives context first and asks last ("had optic neuritis in
2016... would acupuncture help with fatigue?"), so a message with several sentences
is also judged on its last question. A question naming acupuncture and a medicine
gets a concept for taking them together.
"""

import re

from chatbot.retrieval.coverage import WITH_A_MEDICINE, CoverageRule
from chatbot.retrieval.kinds import Kind, KindReader, counted_after
from chatbot.retrieval.question_types import Question, QuestionParts
from chatbot.retrieval.sources import ANY_SOURCE, Mention, SourceReader
from chatbot.sentences import typed_sentences
from chatbot.tokenizer import SYNONYM, Analysis, Analyzer, Concept, stem, words

IMPLIED_WORDS = frozenset({"it", "they", "them", "this"})
"""In a chat about a treatment, "can it slow progression?" asks about it (when the
corpus names one: in a corpus about no one treatment, "is it safe?" names nothing)."""
_PART_BREAK = re.compile(
    r"(?<=\.\.)\s+"
    r"|[,:;]\s+(?=(?:can|could|does|do|is|are|will|would|should|what|how|why|which|has|have)\b)",
    re.IGNORECASE,
)
"""Where a message's parts end, besides its sentences (`typed_sentences`): an
ellipsis ("in 2016... would it help?") and a comma, colon or semicolon before a
question ("I had optic neuritis years ago, can acupuncture help my fatigue?", "not
being rude: how does sticking needles in someone reduce pain?")."""
_CLAUSE = re.compile(r"[,;:()?!]+|\.(?=\s|$)|\s-+\s")
"""Where a clause ends, for reading what a cue asks about."""
CLAUSE_END = ","
"""Marks a clause's end among a text's words (no word is a comma)."""
IN_A_PHRASE = frozenset({"a", "an", "the", "this", "that", "these", "those", "my", "your",
                         "his", "her", "their", "our", "its", "s", "some", "any", "of"})
"""Stop words inside what a cue asks about ("what is the uk factsheet", "the role of
adenosine"); any other ends it ("what is ms in simple words": "ms")."""


class QuestionReader:
    def __init__(
        self, analyzer: Analyzer, rule: CoverageRule, kinds: KindReader,
        sources: SourceReader | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.rule = rule
        self.kinds = kinds
        self.sources = sources or SourceReader(analyzer.stop_words)

    def read(self, text: str, context: str | None = None) -> Question:
        """The question as read; `context` (the earlier question a follow-up is read
        with) adds its concepts as framing: they rank passages a little and anchor
        "it", but the follow-up's own words decide what must be covered and quoted."""
        analysis = self.analyzer.analyze(text, query=True)
        earlier_names_it = True  # alone, "it" in a chat about the treatment is it
        if context:
            earlier_names_it = self._add_context(analysis, context)
        self._add_medicine_concept(analysis)
        named = self.rule.anchored(analysis.concepts)
        asked, last, source_text = self._last_part(text)
        asking = source_text
        kind = subject = None
        counted: frozenset[str] = frozenset()
        read_words = (asked or analysis).words
        mentions = self.sources.read(analysis.words)
        phrases = _phrases(analysis)
        found = self.kinds.read(read_words, bool(mentions), phrases)
        last_kind = found is not None and last is not None  # the asking part's own kind
        if found is None and last is not None:
            source_text, read_words = text, analysis.words
            found = self.kinds.read(read_words, bool(mentions), phrases)
        if found is not None:
            kind, cue = found
            if kind.rule.counts_what_follows:
                counted = counted_after(read_words[cue.spans[-1][1]:],
                                        self.analyzer.stop_words, IN_A_PHRASE)
            analysis.concepts[:] = _frame_cue(analysis.concepts, cue.words)
            if last is not None:
                last = _frame_cue(last, cue.words)
            if kind.rule.names_subject:
                subject = self._subject(kind, source_text)
        whole = last_kind and kind is not None and kind.rule.whole_alone
        if last is None or not (self._names_more(last) or whole):
            # A part that names nothing but the treatment ("..., can acupuncture
            # help?") asks about the rest of the message: the whole is what it asks;
            # unless its kind asks something whole of the treatment ("i have hives,
            # is acupuncture safe?").
            asking = text
        if mentions:
            analysis.concepts[:] = self._frame_names(analysis.concepts, mentions)
            if last is not None:
                last = self._frame_names(last, mentions)
        # "Can it slow progression?": "it" names the treatment, and an answer must too
        # (not a passage that only describes MS); but in "what is secondary progressive
        # ms? ... she has moved into it", "it" is what was asked about; and so it is
        # after an earlier question about something else ("what is ms?" ... "how many
        # people have it?").
        implied = (bool(self.analyzer.anchor_stems) and earlier_names_it
                   and not IMPLIED_WORDS.isdisjoint(analysis.words)
                   and not (subject is not None and not self.rule.anchored(subject)))
        anchored = named or implied
        aside = any(self._sets_aside(c) for c in analysis.concepts)
        # "the wellington clinic's acupuncture for ms post": a name of no kind ("post")
        # beside one of a kind is that one, not any source.
        specific = [m.kinds for m in mentions if m.kinds != ANY_SOURCE]
        sources = frozenset().union(*(specific or [m.kinds for m in mentions]))
        return Question(text, analysis, last, anchored, kind, aside, subject, sources,
                        asking=asking, counted=counted)

    def _names_more(self, concepts: list[Concept]) -> bool:
        """Does a part name a subject besides the treatment?"""
        return any(not c.frame and not c.terms & self.analyzer.anchor_stems for c in concepts)

    def parts(self, text: str) -> QuestionParts:
        """What `text` asks about, in its own words, for reading it in a conversation:
        "what about sleep?" -> subject ["sleep"]; "how many people were in it?" -> no
        subject, kind "people_count"; "is electroacupuncture safe?" -> treatment."""
        question = self.read(text)
        subject: list[str] = []
        unknown: list[str] = []
        treatment: list[str] = []
        aside: list[str] = []
        needs = question.kind.needs if question.kind is not None else frozenset()
        for c in question.concepts:
            if c.terms & self.analyzer.anchor_stems:
                treatment.extend(words(c.word))
            elif self.rule.names_medicine(c):
                subject.extend(words(c.word))  # "does cannabis help?" asks about it
            elif c.frame or _asks_the_kind(c, needs) or c.own & question.counted:
                continue  # "took part" in "how many people took part?" is the question
            elif self.rule.known(c):
                subject.extend(words(c.word))
            elif c.subject_like:  # not "tho", "fake": they describe the asking
                unknown.extend(words(c.word))
            else:
                aside.extend(words(c.word))
        kind = question.kind.id if question.kind is not None else None
        said = tuple(question.analysis.words)  # as read: fillers out, spelling corrected
        checked = question.kind is not None and question.kind.checked
        return QuestionParts(tuple(subject), tuple(unknown), tuple(treatment), kind, said,
                             checked, tuple(aside))

    def _add_context(self, analysis: Analysis, context: str) -> bool:
        """Adds the earlier question's concepts as framing; does it name the treatment?"""
        have = {c.word for c in analysis.concepts}
        earlier = self.analyzer.analyze(context, query=True).concepts
        for concept in earlier:
            if concept.word not in have:
                analysis.concepts.append(concept._replace(frame=True, required=False))
        return self.rule.anchored(earlier)

    def _frame_names(self, concepts: list[Concept], named: list[Mention]) -> list[Concept]:
        """A source's name frames the question: "the wellington clinic's post" selects
        a document, and the passage need not say "clinic", "post" or "wellington" (a
        word of the name the corpus never contains, or one it describes the document
        with: "uk" in "the uk factsheet")."""
        names = frozenset().union(*(m.name for m in named))
        phrases = frozenset().union(*(m.phrase for m in named))

        described = frozenset().union(*(m.described for m in named))

        def frames(c: Concept) -> bool:
            said = set(words(c.word))
            return bool(said) and (said <= names or (said <= phrases and (
                said <= described or not self.rule.known(c))))

        return [c._replace(frame=True) if not c.frame and frames(c) else c for c in concepts]

    def _subject(self, kind: Kind, text: str) -> list[Concept] | None:
        """The concepts of what a cue asks about: the words between its parts ("what
        does EDSS mean"), or those after it up to a function word or the end of the
        clause ("what is ms, in simple words": "ms"), or, when those name nothing,
        those just before it ("scalp acupuncture what is it")."""
        seq = self._clause_words(text)
        cue = kind.match(seq, frozenset(seq))
        if cue is None:
            return None
        (start, end), last_start = cue.spans[0], cue.spans[-1][0]
        if len(cue.spans) > 1:
            tries = [[w for w in seq[end:last_start] if w != CLAUSE_END]]
        else:
            tries = [self._phrase(seq[end:]), self._phrase(seq[:start][::-1])[::-1]]
        for named in tries:
            concepts = self.analyzer.analyze(" ".join(named), query=True).concepts if named else []
            if concepts:  # "what is ms": MS, though it frames most questions
                return concepts
        return None

    def _clause_words(self, text: str) -> list[str]:
        """The words of a text, fillers left out, with CLAUSE_END after each clause."""
        out: list[str] = []
        for clause in _CLAUSE.split(text):
            out.extend(self.analyzer.without_fillers(words(clause)))
            out.append(CLAUSE_END)
        return out

    def _phrase(self, words: list[str]) -> list[str]:
        """The words of a phrase, from its first: the clause's end or a stop word
        (determiners aside) ends it, and so does a framing word after its first named
        word ("what is acupuncture like": acupuncture; "the normal treatments":
        normal), the treatment's name aside ("electro acupuncture")."""
        a = self.analyzer
        out: list[str] = []
        for w in words:
            named = any(x not in a.stop_words for x in out)
            root = stem(w)
            if w == CLAUSE_END or (w in a.stop_words and w not in IN_A_PHRASE) or (
                    named and root in a.frame_stems and root not in a.anchor_stems):
                break
            out.append(w)
        return out

    def _sets_aside(self, concept: Concept) -> bool:
        key = tuple(stem(w) for w in words(concept.word))
        return key in self.analyzer.aside_phrases

    def _add_medicine_concept(self, analysis: Analysis) -> None:
        """A medicine the sources never name ("warfarin") keeps it framing: the sources
        say nothing about it. Medicines in general, or one they name, make taking the
        two together the subject."""
        rule = self.rule
        if not self.analyzer.medicine_question_terms:
            return  # the corpus says nothing of its treatment with medicines
        medicines = [c for c in analysis.concepts if rule.names_medicine(c)]
        if not (medicines and rule.anchored(analysis.concepts)):
            return
        unknown = any(
            not rule.known(c) and c.word not in self.analyzer.generic_medicine_words
            for c in medicines
        )
        analysis.concepts.append(
            Concept(word=WITH_A_MEDICINE, terms=self.analyzer.medicine_question_terms,
                    frame=unknown)
        )

    def _last_part(
        self, text: str
    ) -> tuple[Analysis | None, list[Concept] | None, str]:
        """When the message has several parts: the analysis of the part that asks (the
        last question, or last sentence), its concepts if it asks about something, and
        its text. A message of one part is its own asking part (None, None, text): read
        once."""
        sentences = typed_sentences(text.strip(), any_dash=False)
        parts = [p for s in sentences for p in _PART_BREAK.split(s) if p.strip()]
        if len(parts) <= 1:
            return None, None, text
        asked = [p for p in parts if p.rstrip().endswith("?")] or parts
        tail = self.analyzer.analyze(asked[-1], query=True)
        last = tail.concepts if any(not c.frame for c in tail.concepts) else None
        return tail, last, asked[-1]


def _asks_the_kind(concept: Concept, needs: frozenset[str]) -> bool:
    """Is this word what the question's kind asks for ("took part" in a people count)?"""
    return any(t.removeprefix(SYNONYM) in needs for t in concept.terms)


def _frame_cue(concepts: list[Concept], cue: frozenset[str]) -> list[Concept]:
    """The words of a kind's cue frame the question ("how many", "is it safe"): they
    rank passages a little but need no covering; the kind says what must be there."""
    return [
        c._replace(frame=True) if c.own and all(w in cue for w in c.word.split()) else c
        for c in concepts
    ]


def _phrases(analysis: Analysis) -> dict[tuple[str, ...], frozenset[str]]:
    """The vocabulary phrases of two words or more the analyser read (as words), and
    the stems each means (its own and its vocabulary's)."""
    return {key: frozenset(t.removeprefix(SYNONYM) for t in c.terms)
            for c in analysis.concepts if len(key := tuple(c.word.split())) > 1}
