"""The fitting arithmetic of benchmarks/fit_ranking.py: a listwise ranker and logistic
models, by plain gradient descent with an L2 penalty (numpy only, deterministic)."""

from __future__ import annotations

import numpy as np

L2 = 0.01
STEPS = 600


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Weights that put the probability mass (a softmax over each group's rows) on the
    rows labelled 1. `groups` are (features, labels) of questions with a right
    candidate and more than one candidate. All groups are scored at once: the rows
    stacked, each group's softmax taken over its own segment."""
    if not groups:
        raise ValueError("nothing to fit: no question has a right candidate among several")
    x = np.vstack([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups])
    sizes = np.array([len(g[1]) for g in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(groups)), sizes)
    w = np.zeros(x.shape[1])
    for step in range(STEPS):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
        p = e / np.add.reduceat(e, starts)[seg]
        ey = e * y
        q = ey / np.add.reduceat(ey, starts)[seg]
        grad = L2 * w - (q - p) @ x / len(groups)
        w -= (0.5 if step < STEPS // 2 else 0.2) * grad
    return w


def fit_logistic(z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic model of labels `t` (0/1) on features `z`."""
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(STEPS * 2):
        p = sigmoid(z @ w + b)
        w -= 0.5 * ((p - t) @ z / len(t) + L2 * w)
        b -= 0.5 * float((p - t).mean())
    return w, b


def sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))
