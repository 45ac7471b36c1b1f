r"""A character-level neural language model on Jane Austen (Bengio et al. 2003, scaled down).

The model reads a window of ``context`` preceding characters, looks each up in a shared
table of ``embed``-dimensional vectors, and passes their concatenation through one ReLU
hidden layer of width ``width`` to a softmax over the next character: the neural
probabilistic language model of Bengio et al. 2003 (JMLR 3, Sec. 2), on characters.

Design choices:

* **The text** is the six novels shipped with the package
  (:func:`scaling_lab.datasets.load_text`), lower-cased with every run of white space
  made one space: 54 distinct characters.
* **Held-out text is interleaved.** The text is cut into blocks of 10,000 characters and
  every 20th block is held out, so training and test text come from every novel. The
  held-out loss is the mean cross-entropy, in nats per character, over a fixed seeded
  sample of held-out positions.
* **Parameters N count everything trained**, the embedding table included (the models
  are too small for the embedding to be negligible, unlike Kaplan et al.'s).

Examples
--------
>>> from scaling_lab.experiments.charlm import CharCorpus
>>> corpus = CharCorpus.austen()
>>> corpus.vocab_size, corpus.train.size > 3_000_000
(54, True)
>>> corpus.decode(corpus.train[:21])
'sense and sensibility'
"""

from __future__ import annotations

import functools
import re

import numpy as np

from .._validate import check_number
from ..datasets import load_text
from .mlp import MLP

__all__ = ["CharCorpus", "char_model", "flops_per_token"]


class CharCorpus:
    """A text as integer character codes, split into training and held-out parts.

    Parameters
    ----------
    text : str
        The text, already normalised.
    block : int, default 10000
        Length of the blocks the split works on.
    every : int, default 20
        Every ``every``-th block is held out.
    """

    def __init__(self, text: str, *, block: int = 10_000, every: int = 20):
        self.alphabet = sorted(set(text))
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        lookup = {c: i for i, c in enumerate(self.alphabet)}
        table = np.zeros(max(ord(c) for c in self.alphabet) + 1, dtype=np.int64)
        for c, i in lookup.items():
            table[ord(c)] = i
        ids = table[codes]
        blocks = np.arange(ids.size) // block
        held = blocks % every == every - 1
        self.train = ids[~held]
        self.test = ids[held]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def austen(cls) -> CharCorpus:
        """The shipped Austen novels, lower-cased, white space collapsed (cached)."""
        return cls(re.sub(r"\s+", " ", load_text("austen").lower()))

    @property
    def vocab_size(self) -> int:
        """Number of distinct characters."""
        return len(self.alphabet)

    def decode(self, ids) -> str:
        """Characters from integer codes."""
        return "".join(self.alphabet[i] for i in ids)

    def sampler(self, context: int):
        """``sample(rng, batch) -> (x, y)``: random training windows and next characters."""
        text = self.train
        offsets = np.arange(context)

        def sample(rng, batch):
            start = rng.integers(0, text.size - context, size=batch)
            return text[start[:, None] + offsets], text[start + context]

        return sample

    def evaluator(self, context: int, positions: int = 20_000, *, seed: int = 0):
        """A function ``net -> held-out loss`` (nats per character) on fixed positions."""
        positions = check_number("positions", positions, integer=True, low=1)
        rng = np.random.default_rng([seed, 3])
        start = rng.integers(0, self.test.size - context, size=positions)
        x = self.test[start[:, None] + np.arange(context)]
        y = self.test[start + context]

        def evaluate(net):
            return float(np.mean(np.concatenate(
                [net.losses(x[i:i + 5000], y[i:i + 5000]) for i in range(0, len(y), 5000)])))

        return evaluate


def char_model(width: int, *, vocab: int = 54, context: int = 10, embed: int = 16,
               seed: int = 0) -> MLP:
    """The character model of a given hidden width.

    >>> char_model(64).n_params
    14678
    """
    return MLP(context, (width,), vocab, vocab=vocab, embed=embed, seed=seed)


def flops_per_token(N, *, vocab: int = 54, context: int = 10, embed: int = 16,
                    batch: int = 256) -> np.ndarray:
    """Training FLOPs per character of the character model with ``N`` parameters, as
    :meth:`MLP.flops` counts them. Exact at every width: with one hidden layer, both
    N and the FLOPs are linear in the width, so the FLOPs are linear in N.

    It replaces 6N in D = C / (FLOPs per token) for these models.

    >>> N = char_model(64).n_params
    >>> float(flops_per_token(N)[0]) == char_model(64).flops(256)["per_example"]
    True
    """
    N = np.atleast_1d(np.asarray(N, dtype=float))
    (n1, f1), (n2, f2) = (
        (net.n_params, net.flops(batch)["per_example"])
        for net in (MLP(context, (w,), vocab, vocab=vocab, embed=embed) for w in (1, 2)))
    return f1 + (N - n1) * (f2 - f1) / (n2 - n1)
