"""One medicine list (`data/medicines.toml`): the red-flag check, the medicine notice
and retrieval all read it, so a medicine added there is known to all three."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot.data import read_data_file
from chatbot.medicines import MedicineList, Medicines, load_medicines
from chatbot.safety import SafetyCheck, load_safety
from chatbot.tokenizer import Analyzer


def with_extra(name: str) -> MedicineList:
    base = load_medicines()
    return base.model_copy(update={"named": [*base.named, name]})


def test_the_list_loads_and_is_clean() -> None:
    medicines = load_medicines()
    assert "baclofen" in medicines.named and "meds" in medicines.general
    assert "blister pack" in medicines.forms
    assert all(t == t.lower() and t == " ".join(t.split()) for t in medicines.terms)


@pytest.mark.parametrize("bad", [{"named": ["Baclofen"]}, {"named": ["meds"]},
                                 {"named": ["blood  thinners"]}, {"nicknames": ["x"]}])
def test_a_bad_list_is_refused(bad: dict) -> None:
    raw = {"general": "meds", "forms": "dose", "named": "baclofen", **bad}
    with pytest.raises(ValidationError):
        MedicineList.model_validate(raw)


def test_the_safety_file_lists_no_medicines_of_its_own() -> None:
    concepts = read_data_file("safety_lexicons.toml")["concepts"]
    medicine = [c for c in concepts.values() if c.get("role") == "medicine"]
    assert len(medicine) == 1 and "terms" not in medicine[0]
    loaded = load_safety().lexicons.concepts["medicine"]
    assert loaded.terms == load_medicines().terms


def test_a_medicine_added_to_the_list_reaches_every_reader() -> None:
    extra = with_extra("zorbitol")
    check = SafetyCheck(load_safety(extra))
    assert check.mentions_medicine("can I take zorbitol with acupuncture")
    assert check.check("I took the whole packet of zorbitol").tier == "urgent"
    assert not SafetyCheck().mentions_medicine("can I take zorbitol with acupuncture")
    medicines = Medicines(extra)
    assert medicines.names("zorbitol")
    concept = next(c for c in Analyzer(medicines=medicines).analyze(
        "is zorbitol ok", query=True).concepts if c.word == "zorbitol")
    assert concept.subject_like  # a named medicine is a subject the sources may lack


def test_a_name_of_several_words_is_one_term() -> None:
    analysis = Analyzer().analyze("can i have acupuncture if i take blood thinners", query=True)
    assert "blood thinners" in [c.word for c in analysis.concepts]
    assert Medicines().names("blood thinners") and not Medicines().names("blood")
