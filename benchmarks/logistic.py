"""Weighted L2 logistic regression on sparse rows, numpy only, for the safety backstop.

A message uses a few hundred of 2**bits hash slots, so the design matrix is kept as
(row, column, value) triples and multiplied with `np.bincount`; the fit is L-BFGS with
a backtracking line search, started from zero, so the same data give the same weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Sparse:
    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    n_rows: int
    n_cols: int

    @classmethod
    def from_slots(cls, slots: list[list[int]], n_cols: int) -> Sparse:
        """Each row's slots, each worth 1, the row scaled to unit length."""
        rows = np.repeat(np.arange(len(slots)), [len(s) for s in slots])
        cols = np.fromiter((c for s in slots for c in s), dtype=np.int64, count=len(rows))
        vals = np.repeat([1 / np.sqrt(max(len(s), 1)) for s in slots], [len(s) for s in slots])
        return cls(rows, cols, vals, len(slots), n_cols)

    def take(self, index: np.ndarray) -> Sparse:
        """The given rows, renumbered from 0 in that order."""
        new = np.full(self.n_rows, -1)
        new[index] = np.arange(len(index))
        keep = new[self.rows] >= 0
        return Sparse(new[self.rows[keep]], self.cols[keep], self.vals[keep], len(index),
                      self.n_cols)

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, self.vals * w[self.cols], minlength=self.n_rows)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, self.vals * g[self.rows], minlength=self.n_cols)


def _loss(theta: np.ndarray, x: Sparse, y: np.ndarray, s: np.ndarray,
          l2: float) -> tuple[float, np.ndarray]:
    w, b = theta[:-1], theta[-1]
    z = x.dot(w) + b
    loss = float(np.sum(s * (np.logaddexp(0.0, z) - y * z)) + 0.5 * l2 * w @ w)
    g = s * (1.0 / (1.0 + np.exp(-z)) - y)
    return loss, np.append(x.tdot(g) + l2 * w, g.sum())


def fit(x: Sparse, y: np.ndarray, weight: np.ndarray, l2: float,
        iterations: int = 200, memory: int = 10) -> np.ndarray:
    """Weights then bias (length n_cols + 1). `weight` is normalised to sum 1, so
    `l2` does not depend on how many messages there are."""
    s = weight / weight.sum()
    theta = np.zeros(x.n_cols + 1)
    loss, grad = _loss(theta, x, y, s, l2)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(iterations):
        q = grad.copy()
        alphas = []
        for ds, dg, rho in reversed(steps):
            a = rho * (ds @ q)
            alphas.append(a)
            q -= a * dg
        if steps:
            ds, dg, _ = steps[-1]
            q *= (ds @ dg) / (dg @ dg)
        for (ds, dg, rho), a in zip(steps, reversed(alphas), strict=True):
            q += ds * (a - rho * (dg @ q))
        direction = -q
        slope = grad @ direction
        if slope >= 0:
            direction, slope, steps = -grad, -(grad @ grad), []
        step = 1.0
        while True:
            new = theta + step * direction
            new_loss, new_grad = _loss(new, x, y, s, l2)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step /= 2
        ds, dg = new - theta, new_grad - grad
        if ds @ dg > 1e-12:
            steps = [*steps[-(memory - 1):], (ds, dg, 1.0 / (ds @ dg))]
        done = loss - new_loss < 1e-8 * max(1.0, abs(loss))
        theta, loss, grad = new, new_loss, new_grad
        if done or np.abs(grad).max() < 1e-7:
            break
    return theta


def probability(x: Sparse, theta: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x.dot(theta[:-1]) + theta[-1])))


def quantise(theta: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Int8 weights, their scale and the bias: what the data file stores."""
    w = theta[:-1]
    scale = float(np.abs(w).max() / 127) or 1.0
    return np.round(w / scale).astype(np.int8), scale, float(theta[-1])
