r"""Local slopes and lever arms: how well measured points determine an exponent.

Design: :func:`local_slope` fits a straight line on log-log axes to each run of a few
consecutive points, so it shows where a curve stops being a power law without assuming
a model; :meth:`PowerLawFit.local_exponent <scaling_lab.fit.PowerLawFit.local_exponent>`
gives the same slope for a fitted law. :func:`slope_interval_width` is the design
formula behind "an exponent needs a lever arm".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, as_array, check_number, check_same_length
from .power import _t_quantile

__all__ = ["LocalSlope", "local_slope", "slope_interval_width"]


def slope_interval_width(x, noise: float, *, level: float = 0.95) -> float:
    r"""Width of the exponent's interval that a design ``x`` buys, for known noise.

    For least squares on log-log axes with noise of standard deviation ``noise`` in
    :math:`\log y`, the slope's standard error is :math:`\sigma/\sqrt{S_{xx}}`, with
    :math:`S_{xx} = \sum_i (\log x_i - \overline{\log x})^2`; the interval is
    :math:`2 t\,\sigma/\sqrt{S_{xx}}`. :math:`S_{xx}` grows with the square of the range
    in decades, so the width falls as 1 / decades: the lever arm of an exponent. (A fit
    estimates :math:`\sigma` from its residuals, so its own width scatters around
    this value.)

    Parameters
    ----------
    x : array_like
        The design: positive x values, at least 3, not all equal.
    noise : float
        Standard deviation of the noise in natural-log units (0.02 is 2%), >= 0.
    level : float, default 0.95

    Returns
    -------
    float

    Examples
    --------
    >>> w1 = slope_interval_width(np.logspace(6, 7, 12), 0.02)
    >>> w4 = slope_interval_width(np.logspace(6, 10, 12), 0.02)
    >>> round(w1, 4), round(w1 / w4, 6)
    (0.0356, 4.0)
    """
    x = as_array("x", x, positive=True, min_size=3)
    noise = check_number("noise", noise, nonnegative=True)
    level = check_number("level", level, positive=True, high=1)
    log_x = np.log(x)
    sxx = float(np.sum((log_x - log_x.mean()) ** 2))
    if sxx == 0:
        raise ScalingLabError(f"'x' must hold at least two distinct values (got {x[0]:g} "
                              f"{x.size} times)")
    return float(2 * _t_quantile(x.size - 2, level) * noise / np.sqrt(sxx))


@dataclass(frozen=True)
class LocalSlope:
    """The result of :func:`local_slope`: one window of consecutive points per entry.

    Attributes
    ----------
    x : numpy.ndarray
        Geometric centre of each window.
    slope, low, high : numpy.ndarray
        Least-squares slope of log y on log x in each window and its interval.
    window : int
        Points per window.
    level : float
        Confidence level of the intervals.
    """

    x: np.ndarray
    slope: np.ndarray
    low: np.ndarray
    high: np.ndarray
    window: int
    level: float


def local_slope(x, y, *, window: int = 5, level: float = 0.95) -> LocalSlope:
    r"""The local slope :math:`d\log y / d\log x` of measured points, with a band.

    A straight line is fitted on log-log axes to every run of ``window`` consecutive
    points (sorted by x); its slope and Student-t interval estimate the local exponent
    at the window's geometric centre. A pure power law gives the same slope in every
    window; a law that bends (an offset, a change of regime) gives a drifting one. Unlike
    :func:`scaling_lab.laws.local_exponent` (central differences, no band), this
    assumes no model but a straight line over each window, and says how well the data
    determine it. Neighbouring windows share points, so their intervals are not
    independent.

    Parameters
    ----------
    x, y : array_like
        Positive, finite measurements of equal length, at least ``window`` points.
    window : int, default 5
        Points per window, >= 3 (a slope with an interval needs one spare point).
    level : float, default 0.95
        Confidence level of each window's interval.

    Returns
    -------
    LocalSlope

    See Also
    --------
    PowerLawFit.local_exponent : the same slope from a fitted law, with its band.

    Examples
    --------
    >>> x = np.logspace(0, 4, 9)
    >>> s = local_slope(x, 3 * x**-0.5 * (1 + 0.01 * np.cos(np.arange(9))), window=3)
    >>> s.slope.round(2)
    array([-0.51, -0.51, -0.5 , -0.49, -0.49, -0.5 , -0.5 ])
    >>> bool(np.all(s.low < s.high))
    True
    """
    window = int(check_number("window", window, integer=True, low=3))
    level = check_number("level", level, positive=True, high=1)
    x = as_array("x", x, positive=True, min_size=window)
    y = as_array("y", y, positive=True, min_size=window)
    check_same_length(x=x, y=y)
    order = np.argsort(x, kind="stable")
    log_x, log_y = np.log(x[order]), np.log(y[order])
    centres, slopes, halves = [], [], []
    t = _t_quantile(window - 2, level)
    for start in range(x.size - window + 1):
        lx, ly = log_x[start:start + window], log_y[start:start + window]
        sxx = np.sum((lx - lx.mean()) ** 2)
        if sxx == 0:
            raise ScalingLabError(
                f"'x' repeats one value over a whole window of {window} points (at "
                f"{np.exp(lx[0]):g}); use a larger 'window' or distinct x"
            )
        slope = np.sum((lx - lx.mean()) * (ly - ly.mean())) / sxx
        resid = ly - ly.mean() - slope * (lx - lx.mean())
        stderr = np.sqrt(np.sum(resid**2) / (window - 2) / sxx)
        centres.append(np.exp(lx.mean()))
        slopes.append(slope)
        halves.append(t * stderr)
    slopes, halves = np.array(slopes), np.array(halves)
    return LocalSlope(np.array(centres), slopes, slopes - halves, slopes + halves,
                      window, level)
