r"""A small neural network in numpy: an MLP, its gradients by hand, Adam, a schedule.

Design choices:

* **Readable over general.** One class, :class:`MLP`: an optional embedding table
  (Bengio et al. 2003's shared character vectors), ReLU hidden layers, a linear output
  layer and the softmax cross-entropy loss. Its forward and backward passes fit on one
  screen, and each line of the backward pass is the chain rule for one line of the
  forward pass. The tests check every gradient against central finite differences.
* **Exact FLOP accounting.** :meth:`MLP.flops` counts the arithmetic the code performs,
  operation by operation, under one convention: a dot product of length n costs 2n
  (n multiplications, n additions), an elementwise operation costs 1 per element, a sum of
  n numbers costs n, and a division by the batch size is one multiplication per element
  by a precomputed 1/B. Gathering embedding rows costs nothing. The tests compare the
  count with a hand count of a tiny network. Training compute C is forward plus backward
  FLOPs summed over every step; the optimiser's FLOPs are counted apart
  (:meth:`Adam.flops`), as scaling-law papers do.
* **float32 for training, float64 for checking.** Gradients are checked in float64;
  training runs in float32, which is twice as fast in numpy's matrix multiply.
* **Seeded.** Every network is initialised from ``numpy.random.default_rng(seed)``; the
  same seed gives the same weights, bit for bit.

Examples
--------
>>> import numpy as np
>>> from scaling_lab.experiments.mlp import MLP
>>> net = MLP(n_in=4, hidden=(8,), n_out=2, seed=0)
>>> net.n_params
58
>>> x = np.ones((3, 4)); y = np.array([0, 1, 1])
>>> loss, grads = net.loss_and_grad(x, y)
>>> sorted(grads)
['W0', 'W1', 'b0', 'b1']
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import ScalingLabError, as_array, check_number

__all__ = ["MLP", "Adam", "lr_schedule"]


class MLP:
    """Multilayer perceptron with ReLU hidden layers and a softmax output.

    Parameters
    ----------
    n_in : int
        Input width. With an embedding, the number of input tokens (the context).
    hidden : tuple of int
        Widths of the hidden layers (at least one).
    n_out : int
        Number of classes.
    vocab, embed : int, optional
        With both: inputs are integer tokens in ``[0, vocab)``, shape ``(B, n_in)``; each
        becomes its ``embed``-dimensional row of the shared table ``E``, and the rows are
        concatenated (Bengio et al. 2003). Without: inputs are real, shape ``(B, n_in)``.
    seed : int, default 0
        Seed of the initialisation (He normal for ReLU layers, zero biases).
    dtype : numpy dtype, default float32

    Attributes
    ----------
    params : dict of str to numpy.ndarray
        ``E`` (with an embedding), ``W0, b0, ..., Wl, bl``.

    Examples
    --------
    >>> net = MLP(n_in=3, hidden=(16,), n_out=5, vocab=5, embed=2, seed=1)
    >>> net.n_params, net.params["E"].shape
    (207, (5, 2))
    """

    def __init__(self, n_in: int, hidden, n_out: int, *, vocab: int | None = None,
                 embed: int | None = None, seed: int = 0, dtype=np.float32):
        self.n_in = check_number("n_in", n_in, integer=True, low=1)
        self.n_out = check_number("n_out", n_out, integer=True, low=2)
        hidden = tuple(int(check_number("hidden", h, integer=True, low=1)) for h in hidden)
        if not hidden:
            raise ScalingLabError("'hidden' needs at least one layer width (got ())")
        self.hidden = hidden
        if (vocab is None) != (embed is None):
            raise ScalingLabError(
                f"'vocab' and 'embed' go together (got vocab={vocab!r}, embed={embed!r})")
        self.vocab = None if vocab is None else check_number("vocab", vocab, integer=True,
                                                             low=2)
        self.embed = None if embed is None else check_number("embed", embed, integer=True,
                                                             low=1)
        self.seed = check_number("seed", seed, integer=True, nonnegative=True)
        self.dtype = np.dtype(dtype)
        rng = np.random.default_rng(self.seed)
        self.params: dict[str, np.ndarray] = {}
        width = self.n_in
        if self.vocab is not None:
            self.params["E"] = rng.standard_normal((self.vocab, self.embed)).astype(dtype)
            width = self.n_in * self.embed
        self.widths = (width, *hidden, self.n_out)
        for i, (a, b) in enumerate(zip(self.widths[:-1], self.widths[1:], strict=True)):
            scale = math.sqrt((2.0 if i < len(hidden) else 1.0) / a)
            self.params[f"W{i}"] = (scale * rng.standard_normal((a, b))).astype(dtype)
            self.params[f"b{i}"] = np.zeros(b, dtype=dtype)

    @property
    def n_layers(self) -> int:
        """Number of weight matrices."""
        return len(self.widths) - 1

    @property
    def n_params(self) -> int:
        """Number of trained parameters, embedding included."""
        return int(sum(p.size for p in self.params.values()))

    def _inputs(self, x):
        if self.vocab is None:
            x = np.asarray(x, dtype=self.dtype)
            if x.ndim != 2 or x.shape[1] != self.n_in:
                raise ScalingLabError(
                    f"'x' must have shape (batch, {self.n_in}) (got {x.shape})")
            return x
        x = np.asarray(x)
        if x.ndim != 2 or x.shape[1] != self.n_in or not np.issubdtype(x.dtype, np.integer):
            raise ScalingLabError(f"'x' must be integer tokens of shape (batch, {self.n_in})"
                                  f" (got {x.dtype} {x.shape})")
        if x.size and (x.min() < 0 or x.max() >= self.vocab):
            raise ScalingLabError(f"tokens in 'x' must lie in [0, {self.vocab})")
        return x

    def forward(self, x):
        """Logits of shape (B, n_out) and the activations the backward pass needs."""
        x = self._inputs(x)
        p = self.params
        h = p["E"][x].reshape(len(x), -1) if self.vocab is not None else x
        acts = [h]
        for i in range(self.n_layers):
            z = h @ p[f"W{i}"] + p[f"b{i}"]
            h = np.maximum(z, 0) if i < self.n_layers - 1 else z
            acts.append(h)
        return h, (x, acts)

    def losses(self, x, y) -> np.ndarray:
        """Per-example cross-entropy in nats (no gradient)."""
        logits, _ = self.forward(x)
        y = np.asarray(y)
        s = logits - logits.max(axis=1, keepdims=True)
        lse = np.log(np.exp(s).sum(axis=1))
        return (lse - s[np.arange(len(y)), y]).astype(np.float64)

    def loss_and_grad(self, x, y):
        """Mean cross-entropy (nats) over the batch and its gradient for every parameter.

        The backward pass, line by line the chain rule of :meth:`forward`::

            dz_out = (softmax(z_out) - onehot(y)) / B
            dW_i = h_i^T dz_i;  db_i = sum_batch dz_i
            dh_i = dz_i W_i^T;  dz_{i-1} = dh_i * [z_{i-1} > 0]
            dE[token] += the slice of dh_0 for that token's position
        """
        logits, (x, acts) = self.forward(x)
        p = self.params
        y = np.asarray(y)
        B = len(y)
        rows = np.arange(B)
        s = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(s)
        total = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(total[:, 0]) - s[rows, y]))
        dz = e / total
        dz[rows, y] -= 1.0
        dz *= self.dtype.type(1.0 / B)
        grads = {}
        for i in range(self.n_layers - 1, -1, -1):
            grads[f"W{i}"] = acts[i].T @ dz
            grads[f"b{i}"] = dz.sum(axis=0)
            if i == 0 and self.vocab is None:
                break
            dh = dz @ p[f"W{i}"].T
            if i > 0:
                dz = dh * (acts[i] > 0)
        if self.vocab is not None:
            # scatter-add of each position's slice into its token's row (one bincount)
            rows = (x.reshape(-1, 1) * self.embed + np.arange(self.embed)).ravel()
            dE = np.bincount(rows, weights=dh.ravel(), minlength=p["E"].size)
            grads["E"] = dE.reshape(p["E"].shape).astype(self.dtype, copy=False)
        return loss, grads

    def flops(self, batch: int = 1) -> dict:
        """FLOPs of one training step on ``batch`` examples, counted as the code runs.

        Returns a dict with ``forward`` and ``backward`` (totals for the batch) and
        ``per_example`` (their sum divided by ``batch``). See the module docstring for
        the convention.

        Examples
        --------
        A 3-4-2 network: forward 2*3*4 + 4 (layer 0) + 4 (ReLU) + 2*4*2 + 2 (layer 1)
        + 4*2 + 2 (loss: max, subtract, exp, sum; log, pick) + 1 + 1 (batch mean: a sum
        and one division)

        >>> MLP(3, (4,), 2).flops(1)["forward"]
        62
        """
        B = check_number("batch", batch, integer=True, low=1)
        V = self.n_out
        fwd = bwd = 0
        for i, (a, b) in enumerate(zip(self.widths[:-1], self.widths[1:], strict=True)):
            fwd += B * (2 * a * b + b)  # matmul and bias
            bwd += B * (2 * a * b + b)  # weight gradient and bias gradient
            if i < self.n_layers - 1:
                fwd += B * b  # ReLU
                bwd += B * (2 * b * self.widths[i + 2] + 2 * b)  # dh_{i+1}; mask: >, *
        fwd += B * (4 * V + 2) + B + 1  # softmax cross-entropy, then the batch mean
        bwd += B * (2 * V + 1) + 1  # e / total, minus one-hot, times 1/B (one division)
        if self.vocab is not None:
            # dh_0 = dz_0 W_0^T, then the scatter-add into the table
            bwd += B * (2 * self.widths[0] * self.widths[1]) + B * self.widths[0]
        return {"forward": fwd, "backward": bwd, "per_example": (fwd + bwd) / B}


class Adam:
    """Adam (Kingma & Ba 2015, Algorithm 1) with the bias corrections in the step size.

    ``m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g g;  p -= lr_t m / (sqrt(v) + eps)`` with
    ``lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)`` (Kingma & Ba, Sec. 2, the efficient form).

    Examples
    --------
    >>> net = MLP(2, (3,), 2)
    >>> opt = Adam(net.params)
    >>> opt.flops()          # 12 per parameter
    204
    """

    def __init__(self, params: dict, *, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8):
        self.params = params
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict, lr: float) -> None:
        """One update of every parameter, in place."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        lr_t = lr * math.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        for k, g in grads.items():
            m, v = self.m[k], self.v[k]
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            self.params[k] -= lr_t * m / (np.sqrt(v) + self.eps)

    def flops(self) -> int:
        """FLOPs of one step: 3 for m, 4 for v, 5 for the update, per parameter."""
        return 12 * int(sum(p.size for p in self.params.values()))


def lr_schedule(step, total: int, peak: float, *, warmup: int = 0,
                final: float = 0.1) -> np.ndarray:
    """Linear warmup to ``peak`` over ``warmup`` steps, then cosine decay to
    ``final * peak`` at the last step (Hoffmann et al. 2022 decay tenfold, over a cosine
    cycle as long as the run).

    Parameters
    ----------
    step : int or array_like
        Steps counted from 0 to ``total - 1``.
    total : int
        Number of steps of the run.
    peak : float
        The largest learning rate.
    warmup : int, default 0
        Warmup steps.
    final : float, default 0.1
        The last learning rate as a fraction of ``peak``.

    Examples
    --------
    >>> lr_schedule([0, 1, 2, 6, 10], total=11, peak=1.0, warmup=2).round(3)
    array([0.5 , 1.  , 1.  , 0.55, 0.1 ])
    """
    total = check_number("total", total, integer=True, low=1)
    peak = check_number("peak", peak, positive=True)
    warmup = check_number("warmup", warmup, integer=True, nonnegative=True)
    final = check_number("final", final, low=0.0, high=1.0)
    step = as_array("step", step, nonnegative=True)
    if np.any(step >= total):
        raise ScalingLabError(f"'step' must be < total = {total} (got {step.max():g})")
    warm = (step + 1) / max(warmup, 1)
    span = max(total - 1 - warmup, 1)
    progress = np.clip((step - warmup) / span, 0.0, 1.0)
    cosine = final + (1 - final) * 0.5 * (1 + np.cos(np.pi * progress))
    return peak * np.where(step < warmup, warm, cosine)
