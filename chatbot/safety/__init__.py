"""Red flags, safety nets and the medicine notice, checked before any retrieval.

One job a module: `text` (sentences, clauses, words), `lexicon` (finding terms),
`spelling` (the corrected reading), `context` (calm rules, ConText-style), `flags`
(patterns and tiers), `speaker` (who it is about), `sos` (a bare call for help),
`models` (the data files' shapes and consistency), `features` and `backstop` (the
learned backstop: hashed n-grams, a logistic regression, for wording no lexicon
holds), `check` (`SafetyCheck`). The words, rules and texts are in
`chatbot/data/safety_*.toml`; the backstop's weights in `safety_backstop.toml`,
written by `benchmarks/fit_safety_backstop.py`.
"""

from chatbot.safety.check import SafetyCheck, Verdict, load_safety

__all__ = ["SafetyCheck", "Verdict", "load_safety"]
