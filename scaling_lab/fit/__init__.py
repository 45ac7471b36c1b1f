"""Fitting power laws: curves (with an offset), local slopes, and populations.

Three modules, one idea each: :mod:`~scaling_lab.fit.power` (least squares for
y = k x^n and y = c + k x^n, with covariance, prediction intervals and the local
exponent of the fit), :mod:`~scaling_lab.fit.local` (local slopes of measured points,
and the lever arm of an exponent) and :mod:`~scaling_lab.fit.distributions` (the
exponent of a heavy-tailed population, by maximum likelihood and by the biased
histogram line).

Examples
--------
>>> import numpy as np
>>> from scaling_lab.fit import fit_power_law
>>> x = np.logspace(6, 10, 9)
>>> fit = fit_power_law(x, 3.0 * x**-0.3)
>>> round(fit.n, 6), round(fit.k, 6)
(-0.3, 3.0)
"""

from .distributions import histogram_exponent, pareto_mle
from .local import LocalSlope, local_slope, slope_interval_width
from .power import PowerLawFit, fit_power_law

__all__ = [
    "PowerLawFit",
    "fit_power_law",
    "LocalSlope",
    "local_slope",
    "slope_interval_width",
    "pareto_mle",
    "histogram_exponent",
]
