r"""Learning-rate schedules: cosine to a fixed horizon, and warmup-stable-decay.

Design: a schedule is a pure function of the step, returning the learning rate as a
fraction of its peak, so the same function draws a figure, drives a training loop and
is tested against its definition. Both schedules warm up linearly over ``warmup`` steps.

* :func:`cosine_schedule` then decays along half a cosine to ``final`` times the peak at
  step ``total``. Its shape depends on ``total``: stopping a run early leaves it at a
  high learning rate, which is why Hoffmann et al. (2022) match the cosine cycle to each
  run's length, one run per horizon.
* :func:`wsd_schedule` (warmup, stable, decay; "constant learning rate with cooldown" in
  Hägele et al. 2024) holds the peak and decays only over the last ``decay_fraction`` of
  the run, linearly or with Hägele et al.'s ``1 - sqrt`` shape. The stable phase does not
  depend on the horizon, so one long run can be branched into cooldowns at several
  horizons: one run serves many budgets.

References
----------
.. [Hagele2024] A. Hägele et al., "Scaling Laws and Compute-Optimal Training Beyond Fixed
   Training Durations", arXiv:2405.18392 (2024).

Examples
--------
>>> steps = np.array([0, 50, 100, 500, 900, 1000])
>>> wsd_schedule(steps, total=1000, warmup=100, decay_fraction=0.2).round(3)
array([0. , 0.5, 1. , 1. , 0.5, 0. ])
>>> cosine_schedule(steps, total=1000, warmup=100, final=0.1).round(3)
array([0.   , 0.5  , 1.   , 0.628, 0.127, 0.1  ])
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, as_array, check_choice, check_number

__all__ = ["cosine_schedule", "wsd_schedule"]


def _common(steps, total, warmup):
    steps = as_array("steps", steps, nonnegative=True)
    total = check_number("total", total, positive=True)
    warmup = check_number("warmup", warmup, nonnegative=True)
    if warmup >= total:
        raise ScalingLabError(
            f"'warmup' must be shorter than 'total' (got warmup = {warmup:g}, total = "
            f"{total:g})"
        )
    if (steps > total).any():
        raise ScalingLabError(
            f"'steps' must not exceed 'total' = {total:g} (got {steps.max():g}); a "
            "schedule ends at its horizon"
        )
    ramp = np.minimum(1.0, steps / warmup) if warmup > 0 else np.ones_like(steps)
    return steps, total, warmup, ramp


def cosine_schedule(steps, *, total: float, warmup: float = 0.0,
                    final: float = 0.1) -> np.ndarray:
    r"""Linear warmup, then half a cosine from 1 to ``final`` at step ``total``.

    After warmup, :math:`f + (1 - f)\,\tfrac12\,(1 + \cos \pi\,\tfrac{t - t_w}{T - t_w})`.

    Parameters
    ----------
    steps : array_like
        Steps, 0 <= step <= total.
    total : float
        The horizon the cosine is set to.
    warmup : float, default 0
    final : float, default 0.1
        The last learning rate as a fraction of the peak, in [0, 1) (Hägele et al.'s
        Fig. 2 describes cosine "typically to 10% of the maximum").
    """
    steps, total, warmup, ramp = _common(steps, total, warmup)
    final = check_number("final", final, nonnegative=True)
    if final >= 1:
        raise ScalingLabError(f"'final' must be < 1 (got {final:g})")
    progress = np.clip((steps - warmup) / (total - warmup), 0.0, 1.0)
    decay = final + (1 - final) * 0.5 * (1 + np.cos(np.pi * progress))
    return np.where(steps < warmup, ramp, decay)


def wsd_schedule(steps, *, total: float, warmup: float = 0.0,
                 decay_fraction: float = 0.2, shape: str = "linear",
                 final: float = 0.0) -> np.ndarray:
    r"""Warmup, a stable peak, then a cooldown over the last ``decay_fraction`` of steps.

    In the cooldown, with :math:`u` running from 0 to 1, the rate is
    :math:`f + (1 - f)(1 - u)` (``'linear'``) or :math:`f + (1 - f)(1 - \sqrt u)`
    (``'1-sqrt'``, Hägele et al. 2024).

    Parameters
    ----------
    steps : array_like
        Steps, 0 <= step <= total.
    total : float
        The horizon at which the cooldown ends.
    warmup : float, default 0
    decay_fraction : float, default 0.2
        The share of the run spent cooling down, in (0, 1]; 0.2 is an illustrative
        choice, not a constant of the paper.
    shape : {'linear', '1-sqrt'}, default 'linear'
    final : float, default 0
        The last learning rate as a fraction of the peak.

    Examples
    --------
    The stable phase is the same whatever the horizon:

    >>> s = np.arange(0, 700, 100)
    >>> bool(np.array_equal(wsd_schedule(s, total=1000, warmup=100),
    ...                     wsd_schedule(s, total=4000, warmup=100)))
    True
    """
    steps, total, warmup, ramp = _common(steps, total, warmup)
    fraction = check_number("decay_fraction", decay_fraction, positive=True)
    if fraction > 1:
        raise ScalingLabError(f"'decay_fraction' must be <= 1 (got {fraction:g})")
    check_choice("shape", shape, ("linear", "1-sqrt"))
    final = check_number("final", final, nonnegative=True)
    start = total * (1 - fraction)
    u = np.clip((steps - start) / (total - start), 0.0, 1.0)
    cool = 1 - u if shape == "linear" else 1 - np.sqrt(u)
    rate = final + (1 - final) * cool
    return np.where(steps < warmup, np.minimum(ramp, rate), rate)
