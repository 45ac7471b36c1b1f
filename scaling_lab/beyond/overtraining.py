r"""Over-training and inference: Gadre et al. 2024's law, Sardana et al. 2024's optimum.

Design choices:

* **One law, three spellings.** Gadre et al. (2024) write the loss of a model trained at
  a fixed token multiplier :math:`M = D/N` as a power law in compute,
  :math:`L(C, M) = E + (a M^{\eta} + b M^{-\eta})\, C^{-\eta}`. It is Hoffmann et al.'s
  :math:`E + A/N^{\alpha} + B/D^{\beta}` with :math:`\alpha = \beta = 2\eta`, rewritten
  with :math:`C = 6ND = 6MN^2`; their code (``mlfoundations/scaling``,
  ``scaling/laws.py``, ``powlaw_ours``) fits it in N and M. :class:`OvertrainingLaw`
  holds the (E, a, b, eta) form and converts to and from the other two, so the
  package's Chinchilla functions apply to it unchanged.
* **The inference-aware optimum as a root, not a search.** Sardana et al. (2024) choose
  N and the training tokens D to reach a target loss with the fewest lifetime FLOPs,
  6ND for training plus 2N per inference token. On the curve L(N, D) = target the
  first-order condition is :math:`\alpha A N^{-\alpha} = \beta B D^{-\beta}
  (1 + D_\mathrm{inf}/(3D))` (derived in the beyond chapter), which has exactly one
  root in the model term :math:`x = A N^{-\alpha}` on :math:`(0, L - E)`:
  :func:`inference_optimal` brackets it and calls Brent's method. With no inference it
  is Hoffmann et al.'s compute-optimal condition, and the tests check that.

References
----------
.. [Gadre2024] S. Y. Gadre et al., "Language models scale reliably with over-training and
   on downstream tasks", arXiv:2403.08540 (2024).
.. [Sardana2024] N. Sardana, J. Portes, S. Doubov, J. Frankle, "Beyond Chinchilla-Optimal:
   Accounting for Inference in Language Model Scaling Laws", arXiv:2401.00448 (2024).

Examples
--------
>>> law = OvertrainingLaw(E=1.8, a=100.0, b=300.0, eta=0.14)
>>> round(law.optimal_multiplier(), 3)
50.583
>>> p = law.as_chinchilla()
>>> p.alpha == p.beta == 0.28
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from .. import published
from .._validate import ScalingLabError, as_array, check_number
from ..chinchilla import law_params

__all__ = ["OvertrainingLaw", "InferenceAllocation", "inference_optimal",
           "FLOPS_PER_INFERENCE_TOKEN"]

#: Forward-pass FLOPs per parameter per generated token (Kaplan et al. 2020, Sec. 2.1:
#: C_forward ≈ 2N), the inference cost Sardana et al. 2024 count.
FLOPS_PER_INFERENCE_TOKEN = 2


@dataclass(frozen=True)
class OvertrainingLaw:
    r"""Gadre et al. 2024: :math:`L(C, M) = E + (a M^{\eta} + b M^{-\eta}) C^{-\eta}`.

    Parameters
    ----------
    E : float
        Irreducible loss (nats), >= 0.
    a, b : float
        Coefficients of the parameter and the data term, > 0.
    eta : float
        Exponent of compute at a fixed multiplier, > 0 (half Hoffmann's common
        exponent).
    name : str, default 'gadre'

    Examples
    --------
    At a fixed multiplier the reducible loss is a pure power law in compute:

    >>> law = OvertrainingLaw(E=1.8, a=100.0, b=300.0, eta=0.14)
    >>> C = np.array([1e20, 1e21])
    >>> r = law.loss(C, 20) - law.E
    >>> round(float(np.log(r[1] / r[0]) / np.log(10)), 6)
    -0.14
    """

    E: float
    a: float
    b: float
    eta: float
    name: str = "gadre"

    def __post_init__(self):
        check_number("E", self.E, nonnegative=True)
        for key in ("a", "b", "eta"):
            check_number(key, getattr(self, key), positive=True)

    def loss(self, C, M) -> np.ndarray:
        """The loss (nats) at C training FLOPs and M tokens per parameter."""
        C = as_array("C", C, positive=True)
        M = as_array("M", M, positive=True)
        return self.E + (self.a * M**self.eta + self.b * M**-self.eta) * C**-self.eta

    def loss_ND(self, N, D) -> np.ndarray:
        """The same loss at N parameters and D tokens (C = 6ND, M = D/N).

        >>> law = OvertrainingLaw(E=1.8, a=100.0, b=300.0, eta=0.14)
        >>> p = law.as_chinchilla()
        >>> N, D = 1e9, 2e10
        >>> bool(np.isclose(law.loss_ND(N, D)[0], p.E + p.A / N**p.alpha + p.B / D**p.beta))
        True
        """
        N = as_array("N", N, positive=True)
        D = as_array("D", D, positive=True)
        return self.loss(published.FLOPS_PER_PARAM_PER_TOKEN * N * D, D / N)

    def optimal_multiplier(self) -> float:
        r"""The tokens per parameter of least loss at any fixed compute: :math:`(b/a)^{1/(2\eta)}`.

        Setting the derivative of :math:`a M^{\eta} + b M^{-\eta}` to zero; it does not
        depend on C because the law's two exponents are equal.
        """
        return float((self.b / self.a) ** (1 / (2 * self.eta)))

    def as_chinchilla(self) -> published.ChinchillaParams:
        r"""The same law as E + A/N^alpha + B/D^beta: alpha = beta = 2 eta, A = a 6^-eta, B = b 6^-eta."""
        six = published.FLOPS_PER_PARAM_PER_TOKEN ** -self.eta
        return published.ChinchillaParams(
            E=self.E, A=self.a * six, B=self.b * six, alpha=2 * self.eta,
            beta=2 * self.eta, name=self.name,
            source="Gadre et al. 2024's form, rewritten with C = 6ND")

    @classmethod
    def from_chinchilla(cls, law, *, name: str = "from-chinchilla") -> OvertrainingLaw:
        """The (E, a, b, eta) form of a Chinchilla law whose two exponents are equal.

        Muennighoff et al.'s single-epoch C4 fit has alpha = beta:

        >>> f = published.MUENNIGHOFF_FIT
        >>> c4 = published.ChinchillaParams(E=f["E"], A=f["A"], B=f["B"],
        ...                                 alpha=f["alpha"], beta=f["beta"],
        ...                                 name="c4", source="datablations")
        >>> round(OvertrainingLaw.from_chinchilla(c4).eta, 4)
        0.1763
        """
        p = law_params(law)
        if not np.isclose(p.alpha, p.beta, rtol=1e-9):
            raise ScalingLabError(
                f"the law's exponents differ (alpha = {p.alpha:g}, beta = {p.beta:g}); "
                "Gadre et al.'s form needs alpha = beta: fit it with "
                "scaling_lab.beyond_fit.fit_overtraining_law instead"
            )
        eta = p.alpha / 2
        six = published.FLOPS_PER_PARAM_PER_TOKEN ** eta
        return cls(E=p.E, a=p.A * six, b=p.B * six, eta=eta, name=name)

    @classmethod
    def from_code(cls, a, b, alpha_c, E, *, name: str = "gadre-code") -> OvertrainingLaw:
        r"""The law from the parameters of the authors' code (``powlaw_ours``).

        There :math:`L = a N^{\alpha_c} + b\, 6^{\alpha_c/2} (MN)^{\alpha_c} + E` with
        :math:`\alpha_c < 0`; so :math:`\eta = -\alpha_c/2`, the parameter coefficient
        is :math:`a\,6^{\eta}` and the data coefficient is :math:`b`.

        >>> law = OvertrainingLaw.from_code(166.211, 366.687, -0.272851, 1.83665)
        >>> round(law.eta, 6), round(law.b, 3)
        (0.136426, 366.687)
        """
        alpha_c = check_number("alpha_c", alpha_c)
        if alpha_c >= 0:
            raise ScalingLabError(f"'alpha_c' must be < 0 (got {alpha_c!r}); the loss "
                                  "falls with N")
        eta = -alpha_c / 2
        return cls(E=float(E), a=float(a) * published.FLOPS_PER_PARAM_PER_TOKEN**eta,
                   b=float(b), eta=eta, name=name)


@dataclass(frozen=True)
class InferenceAllocation:
    """The model that reaches a loss with the fewest training plus inference FLOPs.

    Attributes (floats for a scalar demand, arrays otherwise)
    ----------
    target_loss : float
        The loss the model must reach (nats).
    inference_tokens : float or numpy.ndarray
        Tokens generated over the model's lifetime.
    N, D, tokens_per_param : float or numpy.ndarray
        The optimal parameters, training tokens and their ratio.
    training_flops, inference_flops, total_flops : float or numpy.ndarray
        6ND, 2N x inference tokens, and their sum.
    chinchilla_N, chinchilla_D, chinchilla_tokens_per_param : float
        The compute-optimal model of the same loss (no inference counted).
    chinchilla_total_flops : float or numpy.ndarray
        What that model would cost over the same lifetime.
    law : str
    """

    target_loss: float
    inference_tokens: float | np.ndarray
    N: float | np.ndarray
    D: float | np.ndarray
    tokens_per_param: float | np.ndarray
    training_flops: float | np.ndarray
    inference_flops: float | np.ndarray
    total_flops: float | np.ndarray
    chinchilla_N: float
    chinchilla_D: float
    chinchilla_tokens_per_param: float
    chinchilla_total_flops: float | np.ndarray
    law: str

    @property
    def saving(self):
        """The fraction of lifetime FLOPs saved against the compute-optimal model."""
        return 1 - self.total_flops / self.chinchilla_total_flops


def _root(law, reducible: float, d_inf: float) -> float:
    """The model term x = A N^-alpha at the optimum (see the module's notes)."""
    def gap(x):
        y = reducible - x
        D = (law.B / y) ** (1 / law.beta)
        return law.alpha * x - law.beta * y * (1 + d_inf / (3 * D))

    return brentq(gap, reducible * 1e-12, reducible * (1 - 1e-12), xtol=1e-300,
                  rtol=1e-14, maxiter=500)


def inference_optimal(target_loss: float, inference_tokens, law="hoffmann"
                      ) -> InferenceAllocation:
    r"""Sardana et al. 2024: the N and D of least training-plus-inference FLOPs.

    Minimises :math:`6 N D + 2 N D_\mathrm{inf}` over the models with
    :math:`L(N, D) = \ell` under a Chinchilla law. The optimum solves
    :math:`\alpha A N^{-\alpha} = \beta B D^{-\beta}\,(1 + D_\mathrm{inf} / 3D)`.

    Parameters
    ----------
    target_loss : float
        The loss ℓ to reach (nats); must exceed the law's E.
    inference_tokens : float or array_like
        Lifetime inference tokens D_inf, >= 0.
    law : str or parameter set, default 'hoffmann'
        See :func:`scaling_lab.chinchilla.law_params` (an :class:`OvertrainingLaw`'s
        :meth:`~OvertrainingLaw.as_chinchilla` works too).

    Returns
    -------
    InferenceAllocation

    Raises
    ------
    ScalingLabError
        If the target is not above E (no finite model reaches it).

    Examples
    --------
    A model as good as Chinchilla-optimal at 1e23 FLOPs, then served 1e13 tokens:

    >>> from scaling_lab.chinchilla import compute_optimal
    >>> ell = compute_optimal(1e23).loss
    >>> opt = inference_optimal(ell, 1e13)
    >>> opt.N < opt.chinchilla_N, opt.tokens_per_param > opt.chinchilla_tokens_per_param
    (True, True)
    >>> round(float(opt.saving), 3)
    0.336
    """
    p = law_params(law.as_chinchilla() if isinstance(law, OvertrainingLaw) else law)
    ell = check_number("target_loss", target_loss, positive=True)
    if ell <= p.E:
        raise ScalingLabError(
            f"'target_loss' must exceed the law's irreducible loss E = {p.E:g} (got "
            f"{ell:g}); no finite model reaches it: choose a loss above E"
        )
    scalar = np.ndim(inference_tokens) == 0
    d_inf = as_array("inference_tokens", inference_tokens, nonnegative=True)
    reducible = ell - p.E

    def size(d):
        x = _root(p, reducible, float(d))
        N = (p.A / x) ** (1 / p.alpha)
        D = (p.B / (reducible - x)) ** (1 / p.beta)
        return N, D

    N, D = (np.array(v) for v in zip(*(size(d) for d in d_inf), strict=True))
    N0, D0 = size(0.0)
    six, two = published.FLOPS_PER_PARAM_PER_TOKEN, FLOPS_PER_INFERENCE_TOKEN
    train, serve = six * N * D, two * N * d_inf
    values = [N, D, D / N, train, serve, train + serve, six * N0 * D0 + two * N0 * d_inf]
    if scalar:
        values = [float(v[0]) for v in values]
    return InferenceAllocation(
        target_loss=ell, inference_tokens=float(d_inf[0]) if scalar else d_inf,
        N=values[0], D=values[1], tokens_per_param=values[2], training_flops=values[3],
        inference_flops=values[4], total_flops=values[5], chinchilla_N=float(N0),
        chinchilla_D=float(D0), chinchilla_tokens_per_param=float(D0 / N0),
        chinchilla_total_flops=values[6], law=p.name)
