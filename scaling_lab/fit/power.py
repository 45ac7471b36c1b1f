"""Fitting a curve y = k x^n (+ offset) to measurements, with intervals.

Design choices:

* **Log space for the pure law.** For y = k x^n the least-squares line through
  (log x, log y) gives the exponent with a standard error straight from linear
  regression theory. Noise on a loss curve is roughly multiplicative, so residuals
  in log space are also the right ones to weigh equally.
* **Nonlinear least squares for the law with an offset.** y = c + k x^n is not a line on
  any axes; we fit it with :func:`scipy.optimize.least_squares` on log-residuals
  ``log y - log(c + k x^n)``, starting from the line fit, and report intervals from the
  Jacobian at the optimum.
* **Never change data silently.** Zeros, negatives and NaN have no logarithm: they raise
  an error that names the argument and the entry, rather than being dropped.
* **A fit is a frozen dataclass** with named fields, the parameters' covariance, and
  methods for what a fit is for: ``predict``, ``predict_interval`` (for a new
  measurement, the interval an extrapolation backtest scores), ``local_exponent`` and
  ``correlation``.

Examples
--------
>>> import numpy as np
>>> from scaling_lab.fit import fit_power_law
>>> x = np.logspace(6, 10, 9)
>>> fit = fit_power_law(x, 3.0 * x**-0.3)
>>> round(fit.n, 6), round(fit.k, 6)
(-0.3, 3.0)
>>> fit.predict([1e12]).round(5)
array([0.00075])
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .._validate import (
    ScalingLabError,
    ScalingLabWarning,
    as_array,
    check_choice,
    check_flag,
    check_number,
    check_same_length,
)

__all__ = ["PowerLawFit", "fit_power_law"]


@dataclass(frozen=True)
class PowerLawFit:
    """The result of :func:`fit_power_law`.

    Attributes
    ----------
    k : float
        Coefficient of ``k x^n``.
    n : float
        Exponent (the slope on log-log axes).
    n_stderr : float
        Standard error of ``n``.
    n_interval : tuple of float
        95% confidence interval for ``n``, (low, high).
    offset : float
        Fitted irreducible offset ``c`` of ``c + k x^n`` (0.0 when not fitted).
    offset_stderr : float
        Its standard error (0.0 when not fitted).
    n_points : int
        Number of points the fit used.
    method : str
        ``'loglog'`` (least squares on log-log axes) or ``'nls'`` (nonlinear least
        squares with an offset).
    rms_log_residual : float
        Root mean square of ``log y - log(prediction)``: 0.01 means about 1% scatter.
    covariance : tuple of tuple of float, optional
        Covariance of the fitted parameters, in the order of :attr:`param_names`
        (``log_k``, ``n`` and, with an offset, ``offset``); ``None`` when unknown.
    dof : int
        Residual degrees of freedom, points minus parameters.

    Examples
    --------
    >>> fit = fit_power_law([1, 10, 100, 1000], [2.0, 1.0, 0.5, 0.25])
    >>> round(fit.n, 4), fit.n_points, fit.method
    (-0.301, 4, 'loglog')
    """

    k: float
    n: float
    n_stderr: float
    n_interval: tuple[float, float]
    offset: float
    offset_stderr: float
    n_points: int
    method: str
    rms_log_residual: float
    covariance: tuple | None = None
    dof: int = 0

    def __repr__(self) -> str:
        """The fields a reader looks at, to four significant digits.

        >>> fit_power_law([1, 10, 100, 1000], [2.0, 1.1, 0.5, 0.26])  # doctest: +ELLIPSIS
        PowerLawFit(k=2.061, n=-0.3001 ± 0.0107, 95% interval (-0.3461, -0.254), 4 points, ...)
        """
        parts = [f"k={self.k:.4g}", f"n={self.n:.4g} ± {self.n_stderr:.4g}",
                 f"95% interval ({self.n_interval[0]:.4g}, {self.n_interval[1]:.4g})"]
        if self.method == "nls":
            parts.append(f"offset={self.offset:.4g} ± {self.offset_stderr:.4g}")
        parts += [f"{self.n_points} points", self.method,
                  f"rms log residual {self.rms_log_residual:.4g}"]
        return f"PowerLawFit({', '.join(parts)})"

    @property
    def n_interval_width(self) -> float:
        """Width of the 95% interval on the exponent, ``high - low``.

        >>> PowerLawFit(1.0, -0.5, 0.01, (-0.52, -0.48), 0.0, 0.0, 9, "loglog", 0.0
        ...             ).n_interval_width.__round__(4)
        0.04
        """
        return float(self.n_interval[1] - self.n_interval[0])

    @property
    def param_names(self) -> tuple[str, ...]:
        """Names of the parameters, in the order of :attr:`covariance`.

        >>> fit_power_law([1, 10, 100, 1000], [2.0, 1.0, 0.5, 0.26]).param_names
        ('log_k', 'n')
        """
        size = len(self.covariance) if self.covariance is not None else (
            3 if self.offset else 2)
        return ("log_k", "n", "offset")[:size]

    def _cov(self) -> np.ndarray:
        if self.covariance is None:
            raise ScalingLabError(
                "this fit carries no covariance (it was built by hand); refit it with "
                "fit_power_law to get intervals"
            )
        return np.asarray(self.covariance, dtype=float)

    def correlation(self, first: str, second: str) -> float:
        """Correlation of two fitted parameters, from the covariance at the optimum.

        A correlation near -1 or 1 means the data pin down a combination of the two,
        not each one: the reason an offset widens the interval on the exponent.

        >>> x = np.logspace(6, 11, 12)
        >>> y = (1.69 + 406.4 * x**-0.34) * np.exp(np.random.default_rng(0).normal(0, 0.02, 12))
        >>> round(fit_power_law(x, y, offset=True).correlation("offset", "n"), 2)
        -0.84
        """
        names = self.param_names
        for name in (first, second):
            check_choice("parameter", name, names)
        cov = self._cov()
        i, j = names.index(first), names.index(second)
        return float(cov[i, j] / np.sqrt(cov[i, i] * cov[j, j]))

    def _log_prediction_and_gradient(self, x):
        x = as_array("x", x, positive=True)
        power = self.k * x**self.n
        pred = self.offset + power
        grad = [power / pred, power * np.log(x) / pred]
        if len(self.param_names) == 3:
            grad.append(1.0 / pred)
        return np.log(pred), np.column_stack(grad), x

    def predict_interval(self, x, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        r"""Prediction interval for a new measurement at ``x``: (low, high).

        The fits treat the noise as multiplicative, so the interval is built in log
        space: :math:`\log\hat y \pm t\,\sqrt{s^2 + g^\top \Sigma g}`, with
        :math:`s^2` the residual variance, :math:`\Sigma` the parameters' covariance
        and :math:`g` the gradient of :math:`\log\hat y` (delta method), and Student's
        t with :attr:`dof` degrees of freedom. It covers the scatter of a new point
        and the uncertainty of the law, but not a change of regime beyond the data.

        >>> x = np.logspace(6, 9, 10)
        >>> y = 30 * x**-0.1 * np.exp(np.random.default_rng(1).normal(0, 0.01, 10))
        >>> low, high = fit_power_law(x, y).predict_interval([1e12])
        >>> bool(low[0] < 30 * 1e12**-0.1 < high[0])
        True
        """
        level = check_number("level", level, positive=True, high=1)
        log_pred, grad, _ = self._log_prediction_and_gradient(x)
        cov = self._cov()
        s2 = self.rms_log_residual**2 * self.n_points / max(self.dof, 1)
        spread = np.sqrt(s2 + np.einsum("ij,jk,ik->i", grad, cov, grad))
        half = _t_quantile(self.dof, level) * spread
        return np.exp(log_pred - half), np.exp(log_pred + half)

    def local_exponent(self, x, level: float = 0.95):
        r"""The fitted law's local slope :math:`d\log y/d\log x` at ``x``, with a band.

        For :math:`y = c + k x^n` the slope is :math:`n\,k x^n / (c + k x^n)`: equal to
        n for a pure law, drifting toward 0 where the offset dominates. The band is
        the delta method on the parameters' covariance.

        Returns
        -------
        (slope, low, high) : tuple of numpy.ndarray

        >>> x = np.logspace(6, 11, 12)
        >>> fit = fit_power_law(x, 1.69 + 406.4 * x**-0.34 * (1 + 0.01 * np.cos(x)),
        ...                     offset=True)
        >>> slope, low, high = fit.local_exponent([1e6, 1e12])
        >>> slope.round(2)
        array([-0.24, -0.01])
        """
        level = check_number("level", level, positive=True, high=1)
        x = as_array("x", x, positive=True)
        cov = self._cov()
        power = self.k * x**self.n
        pred = self.offset + power
        share = power / pred  # the power law's share of the prediction
        slope = self.n * share
        # d share / d(log k) = share (1 - share); d share / d n = share (1 - share) log x.
        ds = share * (1 - share)
        grad = [self.n * ds, share + self.n * ds * np.log(x)]
        if len(self.param_names) == 3:
            grad.append(-self.n * share / pred)
        grad = np.column_stack(grad)
        spread = np.sqrt(np.einsum("ij,jk,ik->i", grad, cov, grad))
        half = _t_quantile(self.dof, level) * spread
        return slope, slope - half, slope + half

    def predict(self, x) -> np.ndarray:
        """The fitted law at ``x``: ``offset + k * x**n``.

        >>> PowerLawFit(2.0, -1.0, 0.0, (-1.0, -1.0), 0.5, 0.0, 5, "nls", 0.0).predict(
        ...     [1.0, 4.0])
        array([2.5, 1. ])
        """
        x = as_array("x", x, positive=True)
        return self.offset + self.k * x**self.n

    def as_dict(self) -> dict:
        """The fields as plain Python values (for JSON).

        >>> sorted(fit_power_law([1, 10, 100], [1, 2, 4]).as_dict())[:3]
        ['k', 'method', 'n']
        """
        return {
            "k": self.k,
            "n": self.n,
            "n_stderr": self.n_stderr,
            "n_interval": list(self.n_interval),
            "offset": self.offset,
            "offset_stderr": self.offset_stderr,
            "n_points": self.n_points,
            "method": self.method,
            "rms_log_residual": self.rms_log_residual,
        }


def _t_quantile(dof: int, level: float = 0.95) -> float:
    """Two-sided ``level`` quantile of Student's t with ``dof`` degrees of freedom."""
    from scipy import special  # imported here: the command line starts faster

    return float(special.stdtrit(dof, 0.5 + level / 2)) if dof > 0 else float("inf")


def fit_power_law(x, y, *, offset: bool = False, method: str | None = None) -> PowerLawFit:
    r"""Fit y = k x^n, or y = c + k x^n with ``offset=True``.

    Parameters
    ----------
    x, y : array_like
        Positive, finite measurements of equal length: at least 3 points for the pure
        law, at least 4 with an offset (one more than the parameters).
    offset : bool, default False
        Also fit an irreducible offset ``c`` (the loss a model never goes below).
    method : {'loglog', 'nls'}, optional
        ``'loglog'``: least squares on (log x, log y), the pure law only. ``'nls'``:
        nonlinear least squares on log-residuals, needed for an offset. Default:
        ``'nls'`` with an offset, ``'loglog'`` without.

    Returns
    -------
    PowerLawFit

    Raises
    ------
    ScalingLabError
        On non-positive, non-finite or non-numeric values (naming the argument and
        the entry), mismatched lengths, too few points, fewer than two distinct x, or
        ``method='loglog'`` with ``offset=True``.

    Warns
    -----
    ScalingLabWarning
        When x spans less than one decade: an exponent read off so narrow a range is
        poorly determined (and often wrong when an offset is at work).

    See Also
    --------
    scaling_lab.laws.power_law : the law itself.
    scipy.optimize.least_squares : the optimiser behind ``method='nls'``.

    Notes
    -----
    With ``method='loglog'`` the slope and its standard error are those of ordinary
    least squares, :math:`\hat n = S_{xy}/S_{xx}` on logarithms, and the 95% interval
    uses Student's t with :math:`m-2` degrees of freedom. With ``'nls'`` the covariance
    is :math:`s^2 (J^\top J)^{-1}` at the optimum, :math:`s^2` the residual variance.

    Examples
    --------
    Recover a law with an irreducible offset, Chinchilla style:

    >>> x = np.logspace(7, 11, 12)
    >>> y = 1.69 + 406.4 * x**-0.34
    >>> fit = fit_power_law(x, y, offset=True)
    >>> round(fit.offset, 4), round(fit.n, 4)
    (1.69, -0.34)

    A zero has no logarithm, so it is an error, not a silently dropped point:

    >>> fit_power_law([1, 10, 100], [1.0, 0.0, 0.5])
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'y' must be > 0 for a power law on log axes: entry 1 is 0. Remove or explain the non-positive values before fitting; they have no logarithm.
    """
    offset = check_flag("offset", offset)
    if method is None:
        method = "nls" if offset else "loglog"
    check_choice("method", method, ("loglog", "nls"))
    if method == "loglog" and offset:
        raise ScalingLabError(
            "method='loglog' cannot fit an offset: y = c + k x^n is not a line on "
            "log-log axes. Use method='nls' (the default with offset=True)."
        )
    min_points = 4 if offset else 3
    x = as_array("x", x, positive=True, min_size=min_points)
    y = as_array("y", y, positive=True, min_size=min_points)
    check_same_length(x=x, y=y)
    if np.unique(x).size < 2:
        raise ScalingLabError(
            f"'x' needs at least two distinct values to define a slope (got {x[0]:g} "
            f"{x.size} times)"
        )
    log_x, log_y = np.log(x), np.log(y)
    if log_x.max() - log_x.min() < np.log(10):
        warnings.warn(
            f"x spans only a factor {x.max() / x.min():.3g} (less than one decade); "
            "an exponent read off so narrow a range is poorly determined",
            ScalingLabWarning,
            stacklevel=2,
        )
    if method == "loglog":
        return _fit_loglog(log_x, log_y)
    return _fit_nls(x, y, log_x, log_y, offset)


def _fit_loglog(log_x: np.ndarray, log_y: np.ndarray) -> PowerLawFit:
    m = log_x.size
    mean_x, mean_y = log_x.mean(), log_y.mean()
    sxx = np.sum((log_x - mean_x) ** 2)
    n = float(np.sum((log_x - mean_x) * (log_y - mean_y)) / sxx)
    intercept = float(mean_y - n * mean_x)
    residuals = log_y - (intercept + n * log_x)
    dof = m - 2
    s2 = float(np.sum(residuals**2) / dof)
    n_stderr = float(np.sqrt(s2 / sxx))
    half = _t_quantile(dof) * n_stderr
    # Covariance of (intercept = log k, slope n) of ordinary least squares.
    cov_kn = -mean_x * s2 / sxx
    covariance = ((s2 * (1 / m + mean_x**2 / sxx), cov_kn), (cov_kn, s2 / sxx))
    return PowerLawFit(
        k=float(np.exp(intercept)),
        n=n,
        n_stderr=n_stderr,
        n_interval=(n - half, n + half),
        offset=0.0,
        offset_stderr=0.0,
        n_points=m,
        method="loglog",
        rms_log_residual=float(np.sqrt(np.mean(residuals**2))),
        covariance=covariance,
        dof=dof,
    )


def _fit_nls(x, y, log_x, log_y, with_offset: bool) -> PowerLawFit:
    from scipy import optimize

    start = _fit_loglog(log_x, log_y)
    # Parameters: log k, n, and (with an offset) c. Log-residuals keep each point's
    # weight independent of its magnitude.
    if with_offset:
        # Profile the offset: for each candidate floor c, the rest is a line in log
        # space. Start from the candidate whose law fits best; the floor may sit
        # anywhere from 0 to just under the smallest y.
        y_min = float(y.min())
        best = None
        for c0 in y_min * np.concatenate([[0.0, 0.5], 1 - np.logspace(-1, -6, 11)]):
            line = _fit_loglog(log_x, np.log(y - c0))
            pred = c0 + line.k * x**line.n
            score = float(np.sum((log_y - np.log(pred)) ** 2))
            if best is None or score < best[0]:
                best = (score, np.array([np.log(line.k), line.n, c0]))
        p0 = best[1]
    else:
        p0 = np.array([np.log(start.k), start.n])

    def model(p):
        value = np.exp(p[0] + p[1] * log_x)
        return value + p[2] if with_offset else value

    def residuals(p):
        pred = model(p)
        return log_y - np.log(np.maximum(pred, 1e-300))

    bounds = (
        ([-np.inf, -np.inf, 0.0], [np.inf, np.inf, float(y.min())])
        if with_offset
        else (-np.inf, np.inf)
    )
    result = optimize.least_squares(residuals, p0, bounds=bounds, method="trf",
                                    x_scale="jac", xtol=1e-15, ftol=1e-15, gtol=1e-15)
    p = result.x
    m, n_params = x.size, p.size
    dof = m - n_params
    res = result.fun
    s2 = float(np.sum(res**2) / dof) if dof > 0 else 0.0
    try:
        cov = np.linalg.inv(result.jac.T @ result.jac) * s2
        errors = np.sqrt(np.clip(np.diag(cov), 0, None))
        covariance = tuple(tuple(float(v) for v in row) for row in cov)
    except np.linalg.LinAlgError:
        errors = np.full(n_params, np.inf)
        covariance = None
    n, n_stderr = float(p[1]), float(errors[1])
    half = _t_quantile(dof) * n_stderr
    return PowerLawFit(
        k=float(np.exp(p[0])),
        n=n,
        n_stderr=n_stderr,
        n_interval=(n - half, n + half),
        offset=float(p[2]) if with_offset else 0.0,
        offset_stderr=float(errors[2]) if with_offset else 0.0,
        n_points=m,
        method="nls",
        rms_log_residual=float(np.sqrt(np.mean(res**2))),
        covariance=covariance,
        dof=dof,
    )
