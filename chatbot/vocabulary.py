"""The lay vocabulary: the general file, plus what a corpus adds of its own.

`data/vocabulary.toml` holds the words of MS, health and evidence that any corpus
for people with MS meets (tiredness is fatigue, peeing is the bladder), stop words
and framing words. A corpus brings its own topic's words in its manifest: what "it"
means (the treatment), and lay vocabulary for its documents' own terms. The analyser
reads the two joined (`for_corpus`); nothing here is acupuncture unless a corpus
says so.
"""

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chatbot.data import load_data_file


class VocabularyEntry(BaseModel):
    """When any `lay` phrase appears in a text, the words of `means` are added to its
    terms. Review rule: `means` uses words the corpus's documents themselves use."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    means: str = Field(min_length=1)
    lay: list[str] = Field(min_length=1)
    frame: bool = False
    sets_treatment_aside: bool = False
    required: bool = False
    """A passage must name it to answer: a different treatment (bee venom) is not
    answered by what is said of the corpus's treatment in general."""


class Treatment(BaseModel):
    """What "it" means in a question, when a corpus is about one treatment: "can it
    slow progression?" asks about it, and the answer must name it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    """How the bot's own texts name it ("a clinic that sells acupuncture")."""
    words: list[str] = Field(min_length=1)
    """The words that name it; a question or passage with one of them names it."""
    with_a_medicine: str = ""
    """Words of the documents that say how it goes with medicines (working with the
    healthcare team): a question naming the treatment and a medicine is about that."""

    @field_validator("words")
    @classmethod
    def _single_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w.isalpha() or w != w.lower()]
        if bad:
            raise ValueError(f"one lower-case word each (a phrase is a vocabulary entry): {bad}")
        return words


class VocabularyFile(BaseModel):
    """The reviewed data file `chatbot/data/vocabulary.toml`, or it joined with a
    corpus's own words (`for_corpus`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    terms: list[VocabularyEntry]
    anchor_words: list[str] = []
    """The treatment's words (from the corpus; none in the general file)."""
    filler_words: list[str]
    filler_phrases: list[str] = []
    """Phrases that ask how to answer ("in plain words"), dropped like filler words."""
    out_of_scope: list[str]
    subject_suffixes: list[str]
    medicine_question_means: str = ""
    """The treatment's `with_a_medicine` words (from the corpus)."""
    frame_words: list[str]
    stop_words: list[str]
    texting: dict[str, str] = {}
    """Texting spellings of a message and the words they stand for ("ppl": "people")."""

    @field_validator("texting")
    @classmethod
    def _texting_is_one_word_for_one_word(cls, value: dict[str, str]) -> dict[str, str]:
        for short, full in value.items():
            if not (short.isalnum() and full.isalpha() and short.islower() and full.islower()):
                raise ValueError(f"texting {short!r} = {full!r}: one lowercase word each")
            if full in value:
                raise ValueError(f"texting {full!r} is both a spelling and what one means")
        return value


    @model_validator(mode="after")
    def _filler_phrases_are_phrases_of_their_own(self) -> "VocabularyFile":
        """A filler phrase has two words or more (one word is a filler word), and is
        never a lay phrase too: dropped first, the entry would never be read."""
        lay = {" ".join(phrase.lower().split()) for entry in self.terms for phrase in entry.lay}
        for phrase in self.filler_phrases:
            if len(phrase.split()) < 2 or phrase != phrase.lower():
                raise ValueError(f"filler phrase {phrase!r}: two lower-case words or more")
            if phrase in lay:
                raise ValueError(f"filler phrase {phrase!r} is also a lay phrase")
        return self


def load_vocabulary() -> VocabularyFile:
    return load_data_file("vocabulary.toml", VocabularyFile)


def for_corpus(
    general: VocabularyFile, treatment: Treatment | None, additions: list[VocabularyEntry]
) -> VocabularyFile:
    """The general vocabulary with a corpus's treatment and lay words: the corpus's
    entries after the general ones; the treatment's words frame a question about it
    ("does acupuncture help fatigue?" asks about fatigue)."""
    if treatment is None and not additions:
        return general
    update: dict[str, object] = {"terms": [*general.terms, *additions]}
    if treatment is not None:
        update |= {
            "anchor_words": list(treatment.words),
            "medicine_question_means": treatment.with_a_medicine,
            "frame_words": [*general.frame_words,
                            *(w for w in treatment.words if w not in general.frame_words)],
        }
    return general.model_copy(update=update)
