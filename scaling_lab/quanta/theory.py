r"""The quantization model of neural scaling (Michaud et al. 2023): its exact sums and laws.

Design choices:

* **One exponent, named once.** Quanta are used with Zipfian frequencies
  :math:`p_k = k^{-(\gamma+1)} / \zeta(\gamma+1)`. Michaud et al. write :math:`\alpha` for
  :math:`\gamma`; the course keeps :math:`\alpha` for Hoffmann's parameter exponent (see
  :mod:`scaling_lab.symbols`). The per-sample losses are ``L_learned`` (:math:`\ell_1`,
  the paper's *a*) and ``L_unlearned`` (:math:`\ell_0`, the paper's *b*).
* **Exact sums, not truncated ones.** The mass of the quanta past rank n is the Hurwitz
  zeta function, :math:`\sum_{k>n} k^{-s} = \zeta(s, n+1)`, which
  :func:`scipy.special.zeta` evaluates to machine precision for any n; nothing is cut
  off at an arbitrary rank.
* The seeded simulation of the model is :mod:`scaling_lab.quanta.simulation`.

Examples
--------
>>> from scaling_lab.quanta import unlearned_mass, quanta_loss_asymptotic
>>> unlearned_mass(1000, gamma=0.5).round(4)          # samples past the 1000th quantum
array([0.0242])
>>> (quanta_loss_asymptotic(1000, gamma=0.5) / unlearned_mass(1000, gamma=0.5)).round(5)
array([1.00025])

References
----------
.. [Michaud2023] E. J. Michaud, Z. Liu, U. Girit and M. Tegmark, "The Quantization
   Model of Neural Scaling", NeurIPS 2023, arXiv:2303.13506, Sec. 2.
"""


from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import zeta

from .. import published
from .._validate import ScalingLabError, as_array, check_number

__all__ = [
    "quanta_probabilities",
    "unlearned_mass",
    "quanta_loss",
    "quanta_loss_asymptotic",
    "geometric_unlearned_mass",
    "quantum_loss",
    "learned_from_data",
    "learned_from_steps",
    "QuantaExponents",
    "predicted_exponents",
    "gamma_from_data_exponent",
    "prediction_table",
    "prediction_table_markdown",
]

_RESOURCES = ("parameters", "data", "steps")


def _gamma(gamma) -> float:
    return check_number("gamma", gamma, positive=True, high=50.0)


def _losses(L_learned, L_unlearned) -> tuple[float, float]:
    low = check_number("L_learned", L_learned, nonnegative=True)
    high = check_number("L_unlearned", L_unlearned, nonnegative=True)
    if high <= low:
        raise ScalingLabError(
            f"'L_unlearned' must be > 'L_learned' (got {high:g} <= {low:g}): a sample "
            "whose quantum is not learned has the higher loss"
        )
    return low, high


def quanta_probabilities(k, gamma: float) -> np.ndarray:
    r"""Use frequencies of the quanta at ranks k, :math:`k^{-(\gamma+1)}/\zeta(\gamma+1)`.

    Parameters
    ----------
    k : array_like
        Ranks, whole numbers >= 1 (rank 1 is the most frequently used quantum).
    gamma : float
        The quanta exponent, > 0 (Michaud et al. write alpha).

    Returns
    -------
    numpy.ndarray
        One probability per rank; over all ranks k = 1, 2, ... they sum to 1.

    Raises
    ------
    ScalingLabError
        If a rank is not a whole number >= 1, or ``gamma`` is not > 0.

    Examples
    --------
    >>> quanta_probabilities([1, 2, 4], gamma=1.0).round(4)
    array([0.6079, 0.152 , 0.038 ])
    """
    gamma = _gamma(gamma)
    k = as_array("k", k)
    if (k < 1).any() or (k != np.floor(k)).any():
        index = int(np.flatnonzero((k < 1) | (k != np.floor(k)))[0])
        raise ScalingLabError(
            f"'k' must hold whole-number ranks >= 1: entry {index} is {k[index]:g}"
        )
    s = gamma + 1.0
    return k**-s / zeta(s)


def unlearned_mass(n, gamma: float) -> np.ndarray:
    r"""Fraction of samples whose quantum lies past rank n: :math:`\sum_{k>n} p_k`.

    Computed exactly as :math:`\zeta(\gamma+1, n+1) / \zeta(\gamma+1)` (Hurwitz zeta).

    Parameters
    ----------
    n : array_like
        Numbers of quanta learned, >= 0 (fractional values are floored: a model holds a
        whole number of quanta).
    gamma : float
        The quanta exponent, > 0.

    Returns
    -------
    numpy.ndarray
        Values in (0, 1]; 1 at n = 0.

    Examples
    --------
    >>> unlearned_mass([0, 1, 10], gamma=1.0).round(4)
    array([1.    , 0.3921, 0.0579])
    """
    gamma = _gamma(gamma)
    n = np.floor(as_array("n", n, nonnegative=True))
    s = gamma + 1.0
    return zeta(s, n + 1.0) / zeta(s)


def quanta_loss(n, gamma: float, *, L_learned: float = 0.0,
                L_unlearned: float = 1.0) -> np.ndarray:
    r"""Mean loss of a model that has learned the n most frequent quanta (exact sum).

    :math:`L(n) = \ell_1 + (\ell_0 - \ell_1) \sum_{k>n} p_k` (Michaud et al. 2023, Sec. 2).

    Parameters
    ----------
    n : array_like
        Numbers of quanta learned, >= 0.
    gamma : float
        The quanta exponent, > 0.
    L_learned, L_unlearned : float
        Per-sample loss when the sample's quantum is learned (:math:`\ell_1`, the paper's
        a) and when it is not (:math:`\ell_0`, the paper's b), in nats;
        ``L_unlearned > L_learned >= 0``.

    Returns
    -------
    numpy.ndarray

    See Also
    --------
    quanta_loss_asymptotic : the power law this sum tends to.

    Examples
    --------
    >>> quanta_loss([0, 10, 100], gamma=0.5, L_learned=1.0, L_unlearned=3.0).round(4)
    array([3.    , 1.4724, 1.1527])
    """
    low, high = _losses(L_learned, L_unlearned)
    return low + (high - low) * unlearned_mass(n, gamma)


def quanta_loss_asymptotic(n, gamma: float, *, L_learned: float = 0.0,
                           L_unlearned: float = 1.0) -> np.ndarray:
    r"""The power law the loss tends to for large n (the theorem's asymptotic form).

    :math:`L_\infty(n) = \ell_1 + (\ell_0-\ell_1) n^{-\gamma} / (\gamma \zeta(\gamma+1))`.

    Parameters
    ----------
    n : array_like
        Numbers of quanta learned, > 0.
    gamma, L_learned, L_unlearned : float
        As in :func:`quanta_loss`.

    Returns
    -------
    numpy.ndarray

    Notes
    -----
    The reducible part exceeds the exact sum's by a factor between 1 and
    :math:`(1 + 1/n)^{\gamma}`, that is by at most :math:`\gamma/n`; to leading order
    the relative error is :math:`\gamma / (2n)` (Euler-Maclaurin).

    Examples
    --------
    >>> quanta_loss_asymptotic([10, 100], 0.5, L_learned=1.0, L_unlearned=3.0).round(4)
    array([1.4842, 1.1531])
    """
    gamma = _gamma(gamma)
    low, high = _losses(L_learned, L_unlearned)
    n = as_array("n", n, positive=True)
    return low + (high - low) * n**-gamma / (gamma * zeta(gamma + 1.0))


def geometric_unlearned_mass(n, ratio: float) -> np.ndarray:
    r"""The tail mass if frequencies fell geometrically: :math:`p_k = (1-r) r^{k-1}`.

    Then :math:`\sum_{k>n} p_k = r^n`: an exponential in n, so a model that learns
    quanta in order would see its loss fall exponentially in N, a curve that bends down
    on log-log axes instead of a straight line. The foil to :func:`unlearned_mass`.

    Parameters
    ----------
    n : array_like
        Numbers of quanta learned, >= 0 (floored).
    ratio : float
        The ratio r of successive frequencies, 0 < r < 1.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> geometric_unlearned_mass([0, 10, 50], ratio=0.9).round(4)
    array([1.    , 0.3487, 0.0052])
    """
    ratio = check_number("ratio", ratio, positive=True)
    if ratio >= 1:
        raise ScalingLabError(f"'ratio' must be < 1 for the frequencies to sum to 1 "
                              f"(got {ratio:g})")
    n = np.floor(as_array("n", n, nonnegative=True))
    return ratio**n


def quantum_loss(k: int, n, *, L_learned: float = 0.0,
                 L_unlearned: float = 1.0) -> np.ndarray:
    r"""Loss on the samples of quantum k for models holding n quanta: a step.

    The loss is :math:`\ell_0` while :math:`n < k` and drops to :math:`\ell_1` at
    :math:`n = k`: one quantum's loss changes abruptly, while the mean,
    :func:`quanta_loss`, falls smoothly.

    Parameters
    ----------
    k : int
        The quantum's rank, >= 1.
    n : array_like
        Numbers of quanta the models hold, >= 0.
    L_learned, L_unlearned : float
        As in :func:`quanta_loss`.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> quantum_loss(10, [5, 9.5, 10, 50], L_learned=0.5, L_unlearned=2.0)
    array([2. , 2. , 0.5, 0.5])
    """
    k = check_number("k", k, integer=True, low=1)
    low, high = _losses(L_learned, L_unlearned)
    n = np.floor(as_array("n", n, nonnegative=True))
    return np.where(n >= k, low, high)


def learned_from_data(D, gamma: float, *, tau: float = 10.0) -> np.ndarray:
    r"""Quanta learned from D samples when a quantum needs ``tau`` expected samples.

    Quantum k is learned once :math:`D p_k \ge \tau`, so
    :math:`n(D) = \lfloor (D / (\tau\,\zeta(\gamma+1)))^{1/(\gamma+1)} \rfloor`.

    Parameters
    ----------
    D : array_like
        Numbers of training samples, >= 0.
    gamma : float
        The quanta exponent, > 0.
    tau : float, default 10
        Samples a quantum needs, > 0.

    Returns
    -------
    numpy.ndarray
        Whole numbers of quanta (as floats).

    Examples
    --------
    >>> learned_from_data([1e3, 1e6], gamma=1.0, tau=10.0)
    array([  7., 246.])
    """
    gamma = _gamma(gamma)
    tau = check_number("tau", tau, positive=True)
    D = as_array("D", D, nonnegative=True)
    s = gamma + 1.0
    reach = (D / (tau * zeta(s))) ** (1.0 / s)
    return np.floor(reach * (1 + 1e-12))


def learned_from_steps(S, gamma: float, *, tau: float = 10.0,
                       batch: int = 64) -> np.ndarray:
    r"""Quanta learned after S steps when a quantum needs ``tau`` steps that contain it.

    A batch of B samples contains quantum k with probability
    :math:`q_k = 1 - (1 - p_k)^B`; quantum k is learned once :math:`S q_k \ge \tau`.
    For :math:`p_k B \ll 1` this is :math:`S B p_k \ge \tau`: the data law with D = BS.

    Parameters
    ----------
    S : array_like
        Numbers of optimiser steps, >= 0.
    gamma : float
        The quanta exponent, > 0.
    tau : float, default 10
        Steps containing the quantum that it needs, > 0.
    batch : int, default 64
        Samples per step, >= 1.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> learned_from_steps([5, 100, 1e5], gamma=1.0, tau=10.0, batch=64)
    array([  0.,  19., 623.])
    """
    gamma = _gamma(gamma)
    tau = check_number("tau", tau, positive=True)
    batch = check_number("batch", batch, integer=True, low=1)
    S = as_array("S", S, nonnegative=True)
    s = gamma + 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.where(S >= tau, tau / np.maximum(S, tau), 1.0)
        p_star = -np.expm1(np.log1p(-need) / batch)  # smallest p_k that is learned
        reach = np.where(S >= tau, (1.0 / (zeta(s) * p_star)) ** (1.0 / s), 0.0)
    return np.floor(reach * (1 + 1e-12))


@dataclass(frozen=True)
class QuantaExponents:
    """The exponents the quantization model predicts for a quanta exponent ``gamma``.

    Attributes
    ----------
    gamma : float
        The quanta exponent.
    parameters : float
        Exponent of L - l1 in N: gamma.
    data : float
        Exponent of L - l1 in D: gamma / (gamma + 1).
    steps : float
        Exponent of L - l1 in S: gamma / (gamma + 1).
    zipf : float
        Exponent of the frequencies, p_k ∝ k^-zipf: gamma + 1.

    Examples
    --------
    >>> QuantaExponents(1.0, 1.0, 0.5, 0.5, 2.0).data
    0.5
    """

    gamma: float
    parameters: float
    data: float
    steps: float
    zipf: float


def predicted_exponents(gamma: float) -> QuantaExponents:
    """The three scaling exponents for quanta exponent ``gamma`` (Michaud et al. Sec. 2).

    Examples
    --------
    >>> e = predicted_exponents(0.5)
    >>> e.parameters, round(e.data, 4), e.zipf
    (0.5, 0.3333, 1.5)
    """
    gamma = _gamma(gamma)
    return QuantaExponents(gamma, gamma, gamma / (gamma + 1), gamma / (gamma + 1),
                           gamma + 1)


def gamma_from_data_exponent(data_exponent: float) -> float:
    """The quanta exponent a measured data exponent implies: gamma = x / (1 - x).

    Examples
    --------
    >>> round(gamma_from_data_exponent(0.25), 4)
    0.3333
    """
    x = check_number("data_exponent", data_exponent, positive=True)
    if x >= 1:
        raise ScalingLabError(
            f"'data_exponent' must be < 1 under the quantization model, which predicts "
            f"gamma / (gamma + 1) < 1 (got {x:g})"
        )
    return x / (1 - x)


def prediction_table() -> list[dict]:
    """The model's data exponent beside measured ones (Kaplan, Hoffmann, Epoch).

    For each source: the measured parameter exponent (taken as gamma), the measured data
    exponent, the data exponent the model predicts from gamma, gamma / (gamma + 1), and
    the gamma the measured data exponent would imply on its own.

    Examples
    --------
    >>> rows = prediction_table()
    >>> [r["source"] for r in rows]
    ['Kaplan et al. 2020', 'Hoffmann et al. 2022', 'Besiroglu et al. 2024 (Epoch)']
    >>> round(rows[0]["predicted_data"], 4)
    0.0706
    """
    sources = (
        ("Kaplan et al. 2020", published.KAPLAN.alpha_N, published.KAPLAN.alpha_D,
         "Eq. 1.1-1.2, Table 5; L, no irreducible term"),
        ("Hoffmann et al. 2022", published.HOFFMANN.alpha, published.HOFFMANN.beta,
         "Eq. 10; L - E"),
        ("Besiroglu et al. 2024 (Epoch)", published.EPOCH.alpha, published.EPOCH.beta,
         "refit of Hoffmann's Approach 3; L - E"),
    )
    rows = []
    for source, alpha_n, alpha_d, note in sources:
        predicted = predicted_exponents(alpha_n).data
        rows.append({
            "source": source,
            "parameters": alpha_n,
            "data": alpha_d,
            "predicted_data": predicted,
            "ratio": alpha_d / predicted,
            "gamma_from_data": gamma_from_data_exponent(alpha_d),
            "note": note,
        })
    return rows


def prediction_table_markdown() -> str:
    r"""The rows of :func:`prediction_table` as a Markdown table with math headers.

    The table is narrow enough for a book page; the ``note`` of each row (what the
    exponents were fitted to) is left to the prose.

    >>> print(prediction_table_markdown().splitlines()[2])
    | Kaplan et al. 2020 | 0.076 | 0.095 | 0.0706 | 1.35 | 0.105 |
    """
    lines = [
        r"| source | $\gamma$ = parameter exponent | data exponent, measured "
        r"| $\gamma/(\gamma+1)$, predicted | measured / predicted "
        r"| $\gamma$ from the data exponent |",
        "|---|---|---|---|---|---|",
    ]
    for r in prediction_table():
        lines.append(
            f"| {r['source']} | {r['parameters']:.4g} | {r['data']:.4g} | "
            f"{r['predicted_data']:.3g} | {r['ratio']:.2f} | {r['gamma_from_data']:.3g} |"
        )
    return "\n".join(lines)
