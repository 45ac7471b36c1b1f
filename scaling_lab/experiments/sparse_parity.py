r"""Multitask sparse parity (Michaud et al. 2023, Sec. 4), scaled down for a laptop.

Each of ``n_tasks`` subtasks is the parity of ``k`` fixed bits of an ``n_bits``-bit
string; a one-hot code of the subtask is prepended to the bits, and subtask i is drawn
with probability proportional to :math:`i^{-(\gamma+1)}` (the course writes
:math:`\gamma` for Michaud's :math:`\alpha`). Each subtask is one quantum: a network
either knows a parity or is at chance on it, so the mean test loss counts the frequency
mass of the subtasks not yet learned.

Design choices:

* **Training data is fresh every step** (the paper's online setting), so the only
  resources are parameters N and steps S.
* **The test loss is weighted exactly.** Each subtask has its own held-out set (seeded
  apart from training) and the mean loss is :math:`\sum_i p_i L_i`: no sampling noise
  from the task mixture.

Examples
--------
>>> from scaling_lab.experiments.sparse_parity import SparseParity
>>> task = SparseParity(n_tasks=4, n_bits=8, k=3, gamma=0.4, seed=0)
>>> x, y = task.sample(np.random.default_rng(0), 5)
>>> x.shape, y.shape, task.probabilities.round(3)
((5, 12), (5,), array([0.576, 0.218, 0.124, 0.083]))
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, check_number

__all__ = ["SparseParity"]


class SparseParity:
    """The multitask sparse-parity task.

    Parameters
    ----------
    n_tasks : int
        Number of subtasks (quanta).
    n_bits : int
        Length of the bit string.
    k : int
        Bits per parity.
    gamma : float
        Quanta exponent: subtask i has probability proportional to i^-(gamma+1).
    seed : int, default 0
        Seed of the choice of each subtask's bits.

    Attributes
    ----------
    subsets : numpy.ndarray of shape (n_tasks, k)
        The bits each subtask reads.
    probabilities : numpy.ndarray
        The subtask frequencies (they sum to 1).
    """

    def __init__(self, n_tasks: int, n_bits: int, k: int, gamma: float, *, seed: int = 0):
        self.n_tasks = check_number("n_tasks", n_tasks, integer=True, low=1)
        self.n_bits = check_number("n_bits", n_bits, integer=True, low=1)
        self.k = check_number("k", k, integer=True, low=1)
        if self.k > self.n_bits:
            raise ScalingLabError(f"'k' must be <= n_bits = {self.n_bits} (got {self.k})")
        self.gamma = check_number("gamma", gamma, positive=True)
        self.seed = check_number("seed", seed, integer=True, nonnegative=True)
        rng = np.random.default_rng([self.seed, 7])
        self.subsets = np.array([np.sort(rng.choice(self.n_bits, self.k, replace=False))
                                 for _ in range(self.n_tasks)])
        p = np.arange(1, self.n_tasks + 1, dtype=float) ** -(self.gamma + 1)
        self.probabilities = p / p.sum()

    @property
    def n_in(self) -> int:
        """Input width: the task code plus the bits."""
        return self.n_tasks + self.n_bits

    def _encode(self, tasks, bits):
        x = np.zeros((len(tasks), self.n_in), dtype=np.float32)
        x[np.arange(len(tasks)), tasks] = 1.0
        x[:, self.n_tasks:] = bits
        picked = bits[np.arange(len(tasks))[:, None], self.subsets[tasks]]
        return x, picked.sum(axis=1) % 2

    def sample(self, rng, batch: int):
        """A batch ``(x, y)``: subtasks drawn by frequency, uniform random bits."""
        tasks = rng.choice(self.n_tasks, size=batch, p=self.probabilities)
        bits = rng.integers(0, 2, size=(batch, self.n_bits), dtype=np.int8)
        return self._encode(tasks, bits)

    def test_set(self, per_task: int, *, seed: int = 12345):
        """``per_task`` held-out examples of every subtask: ``(x, y, task)``."""
        per_task = check_number("per_task", per_task, integer=True, low=1)
        rng = np.random.default_rng([self.seed, seed])
        tasks = np.repeat(np.arange(self.n_tasks), per_task)
        bits = rng.integers(0, 2, size=(tasks.size, self.n_bits), dtype=np.int8)
        x, y = self._encode(tasks, bits)
        return x, y, tasks

    def evaluator(self, per_task: int = 200):
        """A function ``net -> per-subtask mean test loss`` (nats), for :func:`train`."""
        x, y, tasks = self.test_set(per_task)
        counts = np.bincount(tasks, minlength=self.n_tasks)

        def evaluate(net):
            return np.bincount(tasks, weights=net.losses(x, y),
                               minlength=self.n_tasks) / counts

        return evaluate

    def unlearned_loss(self, n_learned) -> np.ndarray:
        """The quantization model's loss on this finite list of subtasks: ln 2 (chance)
        times the frequency mass of the subtasks past the ``n_learned`` most frequent,
        a learned subtask costing nothing.

        >>> SparseParity(3, 4, 2, 1.0).unlearned_loss([0, 3]).round(4)
        array([0.6931, 0.    ])
        """
        n = np.asarray(n_learned, dtype=int)
        if np.any((n < 0) | (n > self.n_tasks)):
            raise ScalingLabError(f"'n_learned' must lie in [0, {self.n_tasks}]")
        tail = np.concatenate([[1.0], 1.0 - np.cumsum(self.probabilities)])
        return np.log(2) * np.clip(tail[n], 0.0, None)

    def mean_loss(self, per_task_loss) -> float:
        """The test loss under the task mixture: sum_i p_i L_i."""
        return float(np.dot(self.probabilities, per_task_loss))
