"""What grows with what: the exponents of cost and return in the chapter's last table.

Design choices:

* **One law, one set of exponents.** The loss exponent along the compute-optimal
  frontier is derived from the same parametric law as the allocation, never assembled
  from exponents of different fits (Approach 1's allocation with Eq. 10's alpha, say).
  For :math:`L = E + A N^{-\alpha} + B D^{-\beta}` at :math:`C = 6ND`, both reducible
  terms at the optimum scale as :math:`C^{-\alpha\beta/(\alpha+\beta)}`.
* **Say which loss.** The functions here speak of the *reducible* loss, L - E; a pure
  power law (Kaplan's L(N)) has no E, so there the total loss and the reducible loss are
  the same thing, and only there.

Examples
--------
>>> round(frontier_loss_exponent("hoffmann"), 3), round(frontier_loss_exponent("epoch"), 3)
(-0.154, -0.178)
"""

from __future__ import annotations

from .._validate import ScalingLabError, check_number
from ..chinchilla import law_params

__all__ = ["frontier_loss_exponent", "halving_factor"]


def frontier_loss_exponent(law="hoffmann") -> float:
    r"""Exponent of the reducible loss along the compute-optimal frontier.

    For the parametric law :math:`L = E + A/N^\alpha + B/D^\beta` with :math:`C = 6ND`,
    the compute-optimal :math:`N \propto C^{\beta/(\alpha+\beta)}` makes
    :math:`A/N^\alpha \propto C^{-\alpha\beta/(\alpha+\beta)}`, and the data term scales
    the same way, so :math:`L_{opt}(C) - E \propto C^{-\alpha\beta/(\alpha+\beta)}`.

    Parameters
    ----------
    law : str or parameters, default "hoffmann"
        A law name of :mod:`scaling_lab.chinchilla` ("hoffmann", "hoffmann-unrounded",
        "epoch") or an object with E, A, B, alpha and beta.

    Returns
    -------
    float
        The (negative) exponent.

    Examples
    --------
    >>> round(frontier_loss_exponent("hoffmann-unrounded"), 4)
    -0.1548
    """
    p = law_params(law)
    return -p.alpha * p.beta / (p.alpha + p.beta)


def halving_factor(exponent: float) -> float:
    r"""How many times more of x halve a quantity that scales as :math:`x^{n}` (n < 0).

    :math:`2^{-1/n}`. Applied to a reducible loss, it is the price of halving that
    reducible loss; applied to a pure power law without an offset, of halving the loss
    itself.

    Examples
    --------
    >>> round(halving_factor(-0.34), 2)
    7.68
    >>> round(halving_factor(-0.076))
    9139
    """
    n = check_number("exponent", exponent)
    if n >= 0:
        raise ScalingLabError(
            f"'exponent' must be < 0 for a quantity that falls (got {exponent!r})"
        )
    return float(2 ** (-1 / n))
