"""The learned backstop: a logistic regression over hashed n-grams that gives the
safety net to a possible emergency told in words no lexicon holds.

The concept check reads signs it has words for; after many passes each new blind
batch still held emergencies in wording none of its lexicons knew. The backstop reads
only when the concept check gives no tier: if the chance it gives is at or above its
`safety_net` threshold, the message gets a generic safety net that names the
emergency number and the crisis line. The weights, the feature definition and the
thresholds are fitted by `benchmarks/fit_safety_backstop.py` (thresholds by
cross-validation grouped by batch, so each held-out batch is unseen wording) and
written to `chatbot/data/safety_backstop.toml`, checked here. `urgent`, if set, is
a stricter threshold that promotes to urgent a message the concept check could not
read (`promotable`).
"""

import base64
import hashlib
import math
from array import array

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.safety.features import FeatureSpec, Featurizer, words_read


class BackstopFile(BaseModel):
    """`safety_backstop.toml`: weights as base64 of int8 values times `scale`, one per
    hash slot, with their SHA-256, so a damaged or hand-edited file fails to load."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    features: FeatureSpec
    safety_net: float = Field(gt=0, lt=1)
    urgent: float | None = Field(default=None, gt=0, lt=1)
    min_words: int = Field(default=1, ge=1)
    """The fewest words of any emergency it was fitted on: a shorter message ("tonight",
    "please") is not read, since one word's weight alone would decide its chance."""
    bias: float
    scale: float = Field(gt=0)
    weights: str = Field(repr=False)
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    strongest: list[str] = []
    """For a reviewer: the n-grams that weigh most each way (not read by the code)."""

    @model_validator(mode="after")
    def _consistent(self) -> "BackstopFile":
        raw = base64.b64decode(self.weights, validate=True)
        if len(raw) != 1 << self.features.bits:
            raise ValueError(f"{len(raw)} weights for {1 << self.features.bits} slots")
        if hashlib.sha256(raw).hexdigest() != self.sha256:
            raise ValueError("weights do not match their sha256")
        if self.urgent is not None and self.urgent <= self.safety_net:
            raise ValueError("the urgent threshold must be stricter than the safety net's")
        return self

    def vector(self) -> array:
        """The weights as stored: int8, to be multiplied by `scale`."""
        return array("b", base64.b64decode(self.weights))


def promotable(tier: str | None, decided_by: str | None, calmed: bool,
               unsure: frozenset[str]) -> bool:
    """Whether the urgent threshold may promote the concept check's verdict: where it
    found no sign at all, or only a guess at one (a near miss, a spelling guess, a plea:
    `unsure`). Never over a calm rule's reading ("tight when I'm stressed", a past
    mention: `calmed`), nor over a net a flag gave on reading the whole sign (hives
    alone, a stroke sign with no onset): the backstop reads words, not context."""
    if tier == "urgent" or calmed:
        return False
    return tier is None or decided_by in unsure


class Backstop:
    def __init__(self, data: BackstopFile) -> None:
        self.data = data
        self.featurizer = Featurizer(data.features)
        self._weights = data.vector()

    def reads(self, message: str) -> bool:
        return words_read(message) >= self.data.min_words

    def probability(self, message: str) -> float:
        """The chance that the message tells of an emergency. The int8 weights are
        summed as integers, so the same message gets the same chance everywhere."""
        slots = self.featurizer.slots(message)
        total = sum(map(self._weights.__getitem__, slots))
        score = self.data.bias + self.data.scale * total / math.sqrt(max(len(slots), 1))
        return 1.0 / (1.0 + math.exp(-score))
