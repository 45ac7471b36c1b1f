"""Approaches 1 and 2 of Hoffmann et al. 2022: the compute-optimal size read off runs.

Three modules, one idea each:

* :mod:`~scaling_lab.isoflop.synthetic`: the teaching versions on synthetic runs from a
  known law (:func:`synthetic_runs`, Hoffmann's parabola :func:`isoflop_fit`, the
  envelope of Approach 1 :func:`envelope_optimum`), where a known truth is the point;
* :mod:`~scaling_lab.isoflop.interpolate`: the minimum of an iso-FLOP curve, by Akima's
  interpolant or a parabola in log N, for a batch of bootstrap resamples at once;
* :mod:`~scaling_lab.isoflop.approach2`: Approach 2 as practitioners run it on measured
  runs (:func:`fit_isoflop`): bracketing, warnings naming each budget left out, and a
  bootstrap that resamples runs within each budget.

Examples
--------
>>> from scaling_lab.isoflop import fit_isoflop, isoflop_fit, synthetic_runs
>>> N, D, L = synthetic_runs("hoffmann", noise=0.0)
>>> round(isoflop_fit(N, D, L).a, 2), round(fit_isoflop(N, 6 * N * D, L).a, 2)
(0.45, 0.45)
"""

from __future__ import annotations

from .approach2 import IsoFLOPApproach2, fit_isoflop
from .interpolate import METHODS, isoflop_curve
from .synthetic import IsoFLOPFit, envelope_optimum, isoflop_fit, synthetic_runs

__all__ = ["synthetic_runs", "IsoFLOPFit", "isoflop_fit", "envelope_optimum",
           "IsoFLOPApproach2", "fit_isoflop", "isoflop_curve", "METHODS"]
