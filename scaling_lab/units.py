r"""Counting: training FLOPs, PF-days, and the parameters and FLOPs of a Transformer.

Design: the two papers of the course count differently, and most disagreements about
"how big" or "how much compute" are disagreements about what was counted. This module
keeps every count explicit and separate, so that a chapter can say which one a number
is:

* :func:`non_embedding_params` is Kaplan et al.'s :math:`N`, the weights of the
  attention and feed-forward layers, :math:`2 d_{model} n_{layer} (2 d_{attn} + d_{ff})
  = 12\, n_{layer} d_{model}^2` for the standard shape (Kaplan et al. 2020, Sec. 2.1 and
  Table 1); biases and layer norms are left out, as there.
* :func:`embedding_params` is the token and position embeddings,
  :math:`(n_{vocab} + n_{ctx})\, d_{model}` (Table 1), which Kaplan et al. leave out of
  :math:`N` and Hoffmann et al. count. :func:`count_parameters` returns both, their
  total and the embedding share.
* :func:`flops_per_token` is Table 1's forward-pass count, :math:`2N + 2 n_{layer}
  n_{ctx} d_{attn}`, with switches for the attention term and for the embedding and
  de-embedding terms that :math:`C \approx 6N` per training token drops; training costs
  three forward passes.
* :func:`training_flops` is the approximation :math:`C = 6ND` used by both papers, and
  :func:`flops_to_pf_days` / :func:`pf_days_to_flops` convert to Kaplan's unit
  (1 PF-day = :math:`10^{15}` FLOP/s for a day = :math:`8.64\times10^{19}` FLOPs).
* :func:`format_scientific` and :func:`format_count` write a number the way a person
  would in a sentence (``3,600``, ``1.1 × 10⁵``, ``60`` rather than ``60.0``); the
  chapters paste their strings into the prose.

Shapes are given by keyword, never as a positional vector, and every count is a float
(numbers of this size overflow nothing, and the chapters format them for prose).

References
----------
.. [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361
   (2020), Sec. 2.1 and Table 1.
.. [2] J. Hoffmann et al., "Training Compute-Optimal Large Language Models",
   arXiv:2203.15556 (2022).

Examples
--------
>>> from scaling_lab import units
>>> c = units.count_parameters(n_layer=12, d_model=768, n_vocab=50257, n_ctx=1024)
>>> round(c.non_embedding / 1e6, 1), round(c.embedding / 1e6, 1), round(c.share, 3)
(84.9, 39.4, 0.317)
>>> float(units.flops_to_pf_days(units.training_flops(175e9, 300e9))[0].round())
3646.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ._validate import ScalingLabError, as_array, check_number
from .published import FLOPS_PER_PARAM_PER_TOKEN, PF_DAY

__all__ = [
    "training_flops",
    "flops_to_pf_days",
    "pf_days_to_flops",
    "non_embedding_params",
    "embedding_params",
    "ParameterCount",
    "count_parameters",
    "flops_per_token",
    "format_scientific",
    "format_count",
    "plain_exponents",
    "readable_numbers",
]

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def training_flops(N, D) -> np.ndarray:
    """Training compute C = 6ND in FLOPs (Kaplan et al. 2020, Sec. 2.1: about 6N FLOPs
    per parameter and training token, forward and backward).

    Parameters
    ----------
    N : array_like
        Parameters, > 0 (whichever count the caller uses: say which).
    D : array_like
        Training tokens, > 0; broadcast against ``N``.

    Returns
    -------
    numpy.ndarray
        FLOPs.

    See Also
    --------
    flops_per_token : the count per token with the terms 6N leaves out.

    Examples
    --------
    >>> training_flops(175e9, 300e9)
    array([3.15e+23])
    """
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    return FLOPS_PER_PARAM_PER_TOKEN * N * D


def flops_to_pf_days(C) -> np.ndarray:
    """FLOPs to PF-days (1 PF-day = 1e15 FLOP/s for a day = 8.64e19 FLOPs).

    Examples
    --------
    >>> flops_to_pf_days(3.15e23).round(1)
    array([3645.8])
    """
    return as_array("C", C, positive=True) / PF_DAY


def pf_days_to_flops(C_pf_days) -> np.ndarray:
    """PF-days to FLOPs.

    Examples
    --------
    >>> pf_days_to_flops(1.0)
    array([8.64e+19])
    """
    return as_array("C_pf_days", C_pf_days, positive=True) * PF_DAY


def _shape(n_layer, d_model, d_attn, d_ff) -> tuple[float, float, float, float]:
    n_layer = check_number("n_layer", n_layer, integer=True, low=1)
    d_model = check_number("d_model", d_model, integer=True, low=1)
    d_attn = d_model if d_attn is None else check_number("d_attn", d_attn, integer=True,
                                                         low=1)
    d_ff = 4 * d_model if d_ff is None else check_number("d_ff", d_ff, integer=True, low=1)
    return float(n_layer), float(d_model), float(d_attn), float(d_ff)


def non_embedding_params(*, n_layer: int, d_model: int, d_attn: int | None = None,
                         d_ff: int | None = None) -> float:
    r"""Kaplan et al.'s N: :math:`2 d_{model} n_{layer} (2 d_{attn} + d_{ff})`
    (Sec. 2.1, Table 1).

    Attention contributes :math:`4 d_{model} d_{attn}` weights per layer (query, key,
    value and output projections) and the feed-forward block :math:`2 d_{model} d_{ff}`.
    With the standard :math:`d_{attn} = d_{ff}/4 = d_{model}` this is
    :math:`12\, n_{layer} d_{model}^2`. Biases and layer norms are left out, as in the
    paper (they add about 0.1% for GPT-2 small).

    Parameters
    ----------
    n_layer, d_model : int
        Layers and the width of the residual stream, >= 1.
    d_attn : int, optional
        Width of the attention output (heads times head size); default ``d_model``.
    d_ff : int, optional
        Width of the feed-forward layer; default ``4 * d_model``.

    Returns
    -------
    float

    Examples
    --------
    >>> non_embedding_params(n_layer=12, d_model=768) == 12 * 12 * 768**2
    True
    """
    n_layer, d_model, d_attn, d_ff = _shape(n_layer, d_model, d_attn, d_ff)
    return 2 * d_model * n_layer * (2 * d_attn + d_ff)


def embedding_params(*, d_model: int, n_vocab: int, n_ctx: int) -> float:
    r"""Token and position embeddings, :math:`(n_{vocab} + n_{ctx})\, d_{model}`
    (Kaplan et al. 2020, Table 1).

    Counts one token matrix shared by input and output, as in GPT-2 and in Kaplan et
    al.'s models; an untied output layer would add another :math:`n_{vocab} d_{model}`.

    Examples
    --------
    >>> embedding_params(d_model=768, n_vocab=50257, n_ctx=1024)
    39383808.0
    """
    d_model = check_number("d_model", d_model, integer=True, low=1)
    n_vocab = check_number("n_vocab", n_vocab, integer=True, low=1)
    n_ctx = check_number("n_ctx", n_ctx, integer=True, low=1)
    return float((n_vocab + n_ctx) * d_model)


@dataclass(frozen=True)
class ParameterCount:
    """Parameters of a Transformer, counted both ways.

    Attributes
    ----------
    non_embedding : float
        Kaplan et al.'s N (attention and feed-forward weights).
    embedding : float
        Token and position embeddings.

    Examples
    --------
    >>> c = ParameterCount(non_embedding=3.0, embedding=1.0)
    >>> c.total, c.share
    (4.0, 0.25)
    """

    non_embedding: float
    embedding: float

    @property
    def total(self) -> float:
        """All parameters, as Hoffmann et al. count them."""
        return self.non_embedding + self.embedding

    @property
    def share(self) -> float:
        """The embeddings' share of the total."""
        return self.embedding / self.total


def count_parameters(*, n_layer: int, d_model: int, n_vocab: int, n_ctx: int,
                     d_attn: int | None = None, d_ff: int | None = None
                     ) -> ParameterCount:
    """Non-embedding and embedding parameters of one shape (Kaplan et al. 2020, Table 1).

    Parameters
    ----------
    n_layer, d_model, n_vocab, n_ctx : int
        Layers, width, vocabulary size and context length.
    d_attn, d_ff : int, optional
        As in :func:`non_embedding_params`.

    Returns
    -------
    ParameterCount

    Examples
    --------
    >>> tiny = count_parameters(n_layer=2, d_model=64, n_vocab=50257, n_ctx=1024)
    >>> round(tiny.share, 3)  # a small model is mostly embeddings
    0.971
    """
    return ParameterCount(
        non_embedding=non_embedding_params(n_layer=n_layer, d_model=d_model,
                                           d_attn=d_attn, d_ff=d_ff),
        embedding=embedding_params(d_model=d_model, n_vocab=n_vocab, n_ctx=n_ctx),
    )


def flops_per_token(*, n_layer: int, d_model: int, n_ctx: int,
                    n_vocab: int | None = None, d_attn: int | None = None,
                    d_ff: int | None = None, attention: bool = True,
                    embedding: bool = False, training: bool = False) -> float:
    r"""FLOPs per token of a Transformer, term by term (Kaplan et al. 2020, Table 1).

    The forward pass costs :math:`2N` for the weight multiplications (one multiply and
    one add per weight), plus :math:`2 n_{layer} n_{ctx} d_{attn}` for the attention
    scores over the context (Table 1's :math:`C_{forward}`), plus, if asked,
    :math:`4 d_{model}` for the embeddings and :math:`2 d_{model} n_{vocab}` for the
    de-embedding (the output logits), which :math:`C_{forward}` leaves out. The
    backward pass costs about twice the forward pass, so training costs three times it:
    with neither attention nor embeddings this is the :math:`6N` of :math:`C = 6ND`.

    Parameters
    ----------
    n_layer, d_model, n_ctx : int
        Layers, width and context length.
    n_vocab : int, optional
        Vocabulary size; needed when ``embedding`` is true.
    d_attn, d_ff : int, optional
        As in :func:`non_embedding_params`.
    attention : bool, default True
        Include the attention-score term.
    embedding : bool, default False
        Include the embedding and de-embedding terms.
    training : bool, default False
        Forward and backward (three times the forward count) instead of forward only.

    Returns
    -------
    float
        FLOPs per token.

    Raises
    ------
    ScalingLabError
        If ``embedding`` is true and ``n_vocab`` is missing.

    Examples
    --------
    >>> shape = dict(n_layer=12, d_model=768, n_ctx=1024, n_vocab=50257)
    >>> N = non_embedding_params(n_layer=12, d_model=768)
    >>> flops_per_token(**shape, attention=False, training=True) == 6 * N
    True
    >>> round(flops_per_token(**shape, embedding=True, training=True) / (6 * N), 3)
    1.566
    """
    n_layer_f, d_model_f, d_attn_f, _ = _shape(n_layer, d_model, d_attn, d_ff)
    n_ctx = check_number("n_ctx", n_ctx, integer=True, low=1)
    for name, flag in (("attention", attention), ("embedding", embedding),
                       ("training", training)):
        if not isinstance(flag, bool):
            raise ScalingLabError(f"{name!r} must be True or False (got {flag!r})")
    forward = 2 * non_embedding_params(n_layer=n_layer, d_model=d_model, d_attn=d_attn,
                                       d_ff=d_ff)
    if attention:
        forward += 2 * n_layer_f * n_ctx * d_attn_f
    if embedding:
        if n_vocab is None:
            raise ScalingLabError(
                "'n_vocab' is needed when embedding=True (the de-embedding costs "
                "2 d_model n_vocab FLOPs per token); pass the vocabulary size"
            )
        n_vocab = check_number("n_vocab", n_vocab, integer=True, low=1)
        forward += 4 * d_model_f + 2 * d_model_f * n_vocab
    return 3 * forward if training else forward


def format_scientific(value: float, digits: int = 2) -> str:
    """A number for prose: ``3,600`` below 10^4, else ``1.1 × 10⁵``.

    The book pastes these strings into its text, so that large counts read as a
    person would write them.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int, default 2
        Significant digits.

    Examples
    --------
    >>> format_scientific(106446.04), format_scientific(3645.8), format_scientific(0.0123)
    ('1.1 × 10⁵', '3,600', '0.012')
    >>> format_scientific(8.8e13, 3)
    '8.80 × 10¹³'
    """
    value = check_number("value", value)
    digits = check_number("digits", digits, integer=True, low=1)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent)
    if -3 <= exponent < 4:
        rounded = float(f"{value:.{digits}g}")
        decimals = max(0, digits - 1 - exponent)
        return f"{rounded:,.{decimals}f}"
    return f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPTS)}"


def format_count(value) -> str:
    """A count for prose: the nearest whole number with thousands separators.

    Counts (runs, tokens per parameter, PF-days) read as ``60`` and ``5,833``, never as
    ``60.0``; the chapters glue these strings, not the floats.

    Parameters
    ----------
    value : float
        A finite number.

    Examples
    --------
    >>> format_count(60.0), format_count(5833.33), format_count(9119.6)
    ('60', '5,833', '9,120')
    """
    value = check_number("value", value)
    return f"{round(value):,d}"


_E_NOTATION = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([+-]?)(\d+)(?![\w.])")


def plain_exponents(text: str) -> str:
    """Every number in ``text`` written in e-notation, rewritten as a person would:
    ``1e+22`` as ``10²²``, ``3.2e+10`` as ``3.2 × 10¹⁰``.

    Explorers pass their slider values and notes through it, so that a reader (or a
    screen reader) never meets ``1e+11``.

    >>> plain_exponents("C = 1e+22 FLOPs, N = 3.2e+10, lr 1e-05, 0.5 nats")
    'C = 10²² FLOPs, N = 3.2 × 10¹⁰, lr 10⁻⁵, 0.5 nats'
    >>> plain_exponents("step 1e3x or name2e5")  # not numbers on their own: untouched
    'step 1e3x or name2e5'
    """

    def rewrite(match: re.Match) -> str:
        mantissa, sign, digits = match.groups()
        power = "10" + f"{'-' if sign == '-' else ''}{int(digits)}".translate(_SUPERSCRIPTS)
        if float(mantissa) == 1.0:
            return power
        return f"{mantissa} × {power}"

    return _E_NOTATION.sub(rewrite, text)


_HYPHEN_MINUS = re.compile(r"(?<![\w.])-(?=\.?\d)")


def readable_numbers(text: str) -> str:
    """Numbers in ``text`` as a page prints them: a real minus sign (U+2212) for a
    hyphen before a number, and e-notation written out (:func:`plain_exponents`).

    The book passes every glued number through it, and explorers every note and slider
    value. A hyphen between two numbers (a range) or inside a word is left alone.

    >>> readable_numbers("slope -0.5 (-0.52 to -0.48), 10th-90th, 0.48-0.52, 2.0e-05")
    'slope −0.5 (−0.52 to −0.48), 10th-90th, 0.48-0.52, 2.0 × 10⁻⁵'
    """
    return plain_exponents(_HYPHEN_MINUS.sub("\u2212", text))
