"""Evidence caveats: detected from the passage and from its document's own references."""

from __future__ import annotations

from chatbot import Chatbot
from chatbot.caveats import CaveatWriter, load_caveats
from chatbot.models import SourceKind


def _passage(bot: Chatbot, question: str, doc_id: str):
    """A passage from `doc_id`, as the word rules find it: these tests are about the
    caveats a passage carries, not about which source the memory puts first."""
    answer = bot.ask(question)
    return next(p for p in answer.passages if p.doc_id == doc_id)


def test_every_source_kind_has_a_caveat() -> None:
    assert set(load_caveats().source) == set(SourceKind)


def test_clinic_passages_say_the_clinic_sells_acupuncture(lexical_bot: Chatbot) -> None:
    p = _passage(lexical_bot, "acupuncture symptom relief pain fatigue depression", "clinic-blog")
    assert "sells acupuncture" in p.caveats[0]


def test_small_trial_says_how_many_took_part(lexical_bot: Chatbot) -> None:
    p = _passage(lexical_bot,
                 "randomised trial of two types of acupuncture in secondary progressive ms",
                 "factsheet")
    assert "small_randomised_trial" in p.evidence
    assert any("14 people took part" in c for c in p.caveats)


def test_uncontrolled_bladder_study_is_flagged(lexical_bot: Chatbot) -> None:
    p = _passage(lexical_bot,
                 "electroacupuncture bladder study overactive bladder urge incontinence",
                 "factsheet")
    assert "no_comparison_group" in p.evidence


def test_citations_carry_the_evidence_of_the_cited_study(lexical_bot: Chatbot) -> None:
    # The bullet cites (Komori 2009); the factsheet's note says that study was in rabbits.
    p = _passage(lexical_bot, "improving muscle stiffness joint mobility microcirculation",
                 "factsheet")
    assert "animal_study" in p.evidence


def test_no_firm_conclusion_never_reads_as_it_does_not_work(bot: Chatbot) -> None:
    rule = next(r for r in bot.caveats.texts.evidence if r.tag == "no_firm_conclusion")
    assert "does not mean acupuncture doesn't work" in rule.text
    neutral = next(r for r in CaveatWriter().texts.evidence if r.tag == "no_firm_conclusion")
    assert "does not mean the treatment doesn't work" in neutral.text


def test_the_caveat_texts_name_no_topic_of_their_own() -> None:
    """The file names the corpus's treatment through {treatment}: a corpus that names
    none reads "the treatment", never acupuncture."""
    texts = CaveatWriter().texts
    shown = [*texts.source.values(), *(r.text for r in texts.evidence),
             *(r.text_without_count or "" for r in texts.evidence), texts.unstated.text,
             *texts.answer.caveats, *texts.answer.questions_for_team]
    assert not [t for t in shown if "acupunct" in t.lower() or "{treatment}" in t]
    raw = load_caveats()
    assert any("{treatment}" in t for t in raw.source.values())


def test_a_small_trial_is_not_also_called_a_small_study() -> None:
    """"A very small trial: 14 people took part" and "the studies behind this were
    small" say the same thing twice to a tired reader."""
    writer = CaveatWriter()
    quote = ("A randomised controlled trial of 14 people with MS found no difference. "
             "This was a small sample.")
    tags, _ = writer.for_passage(quote, SourceKind.evidence_factsheet, {})
    assert "small_randomised_trial" in tags and "small_study" not in tags


def test_no_note_says_what_the_source_note_or_a_review_note_already_says() -> None:
    writer = CaveatWriter()
    overview_quote = "Research suggests acupuncture may influence the nervous system."
    tags, _ = writer.for_passage(overview_quote, SourceKind.overview, {})
    assert "no_study_named" not in tags  # "It does not say which studies it used."
    review_quote = "A 2022 review of 31 studies found that some studies showed less fatigue."
    tags, _ = writer.for_passage(review_quote, SourceKind.health_information_article, {})
    assert "review" in tags and "no_study_named" not in tags
