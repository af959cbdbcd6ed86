"""Writing what `fit_ranking.py` fitted: the model file and the grid's values.

Kept apart from the fit itself, which is long enough: the reviewed files are
`chatbot/data/ranking_model*.toml` (weights, thresholds, the cross-validated figures)
and the fitted settings in `chatbot/data/ranking.toml`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from chatbot.retrieval.features import ANSWERABLE_FEATURES, LATER_FEATURES, RANKING_FEATURES
from chatbot.retrieval.model import MODEL_FILES

ROOT = Path(__file__).resolve().parents[1]


def toml_table(names: tuple[str, ...], weights: np.ndarray) -> str:
    return "\n".join(f"{n} = {round(float(v), 4)}" for n, v in zip(names, weights, strict=True))


def write(files: list[str], values: dict, cv: dict, f: Any, with_memory: bool) -> None:
    text = (
        "# Written by benchmarks/fit_ranking.py; do not edit by hand, refit.\n"
        "# ranking: weights of each candidate quote's features (chatbot/retrieval/features.py)\n"
        "# answerable: logistic model of whether the best candidate answers at all;\n"
        "# below `threshold` the answer is no_match.\n"
        "# later: logistic model of whether a later candidate answers too; below\n"
        "# `later_threshold` it is not shown.\n"
        f"fitted_on = {files!r}\nthreshold = {round(f.t, 4)}\n"
        f"later_threshold = {round(f.lt, 4)}\n\n[cross_validated]\n"
        + "".join(f"{k} = {round(v, 4)}\n" for k, v in cv.items())
        + f"\n[ranking]\nbias = 0.0\n\n[ranking.weights]\n{toml_table(RANKING_FEATURES, f.w)}\n\n"
        f"[answerable]\nbias = {round(f.ab, 4)}\n\n"
        f"[answerable.weights]\n{toml_table(ANSWERABLE_FEATURES, f.aw)}\n\n"
        f"[later]\nbias = {round(f.lb, 4)}\n\n"
        f"[later.weights]\n{toml_table(LATER_FEATURES, f.lw)}\n"
    )
    (ROOT / "chatbot" / "data" / MODEL_FILES[with_memory]).write_text(text, encoding="utf-8")
    if with_memory:  # the other settings are the memory-less fit's, shared by both
        values = {k: v for k, v in values.items() if k.startswith("memory_")}
    else:
        values = {k: v for k, v in values.items() if not k.startswith("memory_")}
    path = ROOT / "chatbot" / "data" / "ranking.toml"
    settings = path.read_text(encoding="utf-8")
    for key, value in values.items():
        settings = re.sub(rf"(?m)^{key} = [0-9.]+", f"{key} = {value}", settings)
    path.write_text(settings, encoding="utf-8")
