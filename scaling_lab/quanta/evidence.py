r"""The quantization model's ordering of exponents against the measurements, with intervals.

Design choices:

* **No conclusion from point estimates.** The model predicts a parameter exponent
  :math:`\gamma` larger than the data exponent :math:`\gamma/(\gamma+1)`. Whether a fit
  agrees is a question about the *difference* of two estimates, so every row says what
  interval the source publishes, and the verdict is "unresolved" unless an interval
  excludes equality. A source with no published interval gets no verdict.
* **Three kinds of evidence, each used as printed.** Besiroglu et al. print standard
  errors for both exponents, but not their correlation; the difference's standard error
  is then known only between :math:`|s_1 - s_2|` and :math:`s_1 + s_2`, so we report it
  for independent errors and the correlation it would take to make the difference
  significant. Hoffmann et al.'s Table 2 gives 10th-90th percentile intervals on the
  allocation exponent :math:`a = \beta/(\alpha+\beta)` (under the parametric law), and
  :math:`a = 1/2` exactly when :math:`\alpha = \beta`; an interval containing 1/2 leaves
  the ordering open. Kaplan et al. and Hoffmann et al.'s Eq. 10 print no intervals on the
  exponents.

Examples
--------
>>> rows = exponent_ordering()
>>> [r["verdict"] for r in rows][:2]
['no interval published', 'no interval published']
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..units import readable_numbers
from .theory import predicted_exponents

__all__ = ["exponent_ordering", "exponent_ordering_markdown", "epoch_data_exponent_test"]

_Z95 = 1.959963984540054


def _difference(x1: float, s1: float, x2: float, s2: float) -> dict:
    """The difference x2 - x1 with its 95% interval for independent errors, and the
    correlation above which the difference would exclude 0."""
    diff = x2 - x1
    se = float(np.hypot(s1, s2))
    # Var(x2 - x1) = s1^2 + s2^2 - 2 rho s1 s2; significant when |diff| > z * sd.
    needed = (s1**2 + s2**2 - (diff / _Z95) ** 2) / (2 * s1 * s2)
    return {"difference": diff, "se_independent": se,
            "interval_independent": (diff - _Z95 * se, diff + _Z95 * se),
            "correlation_needed": float(needed)}


def exponent_ordering() -> list[dict]:
    r"""Is the parameter exponent larger than the data exponent? What each source shows.

    One row per source: the two exponents as published, the interval that bears on their
    ordering, and a verdict: ``'parameter exponent larger'``, ``'data exponent larger'``,
    ``'unresolved'`` (an interval contains equality), or ``'no interval published'``.

    Returns
    -------
    list of dict
        Keys ``source``, ``parameter``, ``data`` (the exponents, or None where the source
        gives only the allocation exponent), ``evidence`` (what the interval is, in
        words), ``interval`` (the interval, or None), ``verdict``, and, for Besiroglu et
        al., the fields of the difference: ``difference``, ``se_independent``,
        ``interval_independent``, ``correlation_needed``. The ``evidence`` text writes
        its symbols as MyST math (``$\alpha$``), as the book prints it.

    Examples
    --------
    >>> rows = {r["source"]: r for r in exponent_ordering()}
    >>> epoch = rows["Besiroglu et al. 2024 (refit)"]
    >>> round(epoch["difference"], 4), epoch["verdict"]
    (0.018, 'unresolved')
    >>> round(epoch["correlation_needed"], 2)
    0.9
    >>> rows["Hoffmann et al. 2022, Approach 1"]["verdict"]
    'unresolved'
    """
    k, h, e = published.KAPLAN, published.HOFFMANN, published.EPOCH
    rows = [
        {"source": "Kaplan et al. 2020", "parameter": k.alpha_N, "data": k.alpha_D,
         "evidence": (f"none published; two fits of the data exponent give {k.alpha_D} "
                      f"(Eq. 1.2) and {k.table2_alpha_D} (Eq. 1.5, Table 2)"),
         "interval": None, "verdict": "no interval published"},
        {"source": "Hoffmann et al. 2022, Eq. 10", "parameter": h.alpha, "data": h.beta,
         "evidence": r"none published on $\alpha$ and $\beta$", "interval": None,
         "verdict": "no interval published"},
    ]
    for row in published.HOFFMANN_TABLE_2:
        if row.a_interval is None:
            continue
        low, high = row.a_interval
        if low <= 0.5 <= high:
            verdict = "unresolved"
        else:
            verdict = "parameter exponent larger" if high < 0.5 else "data exponent larger"
        evidence = r"10th–90th percentile of $a = \beta/(\alpha + \beta)$, Table 2"
        if row.approach == "Approach 3":
            n_runs = published.EPOCH_REPLICATION["experiments_for_reported_intervals"]
            evidence += (f"; an interval this narrow would need over {n_runs:,} "
                         "experiments (Besiroglu et al. 2024)")
            verdict += " (interval implausibly narrow)"
        rows.append({
            "source": f"Hoffmann et al. 2022, {row.approach}", "parameter": None,
            "data": None, "a": row.a, "evidence": evidence,
            "interval": (low, high), "verdict": verdict})
    s = published.EPOCH_STDERR
    diff = _difference(e.alpha, s["alpha"], e.beta, s["beta"])
    low, high = diff["interval_independent"]
    verdict = "unresolved" if low <= 0 <= high else (
        "data exponent larger" if low > 0 else "parameter exponent larger")
    rows.append({"source": "Besiroglu et al. 2024 (refit)", "parameter": e.alpha,
                 "data": e.beta,
                 "evidence": (r"95% interval of $\beta - \alpha$ from the printed "
                              "standard errors, errors taken as independent"),
                 "interval": (low, high), "verdict": verdict, **diff})
    return rows


def exponent_ordering_markdown() -> str:
    r"""The rows of :func:`exponent_ordering` as a Markdown table, symbols in MyST math
    and numbers as a page prints them (:func:`scaling_lab.units.readable_numbers`: a
    negative bound of an interval gets a real minus sign). A value the source does not
    give is a dash.

    >>> table = exponent_ordering_markdown().splitlines()
    >>> print(table[0])
    | source | parameter exponent | data exponent | interval bearing on the ordering | verdict |
    >>> print(table[-1].split(" | ")[3])
    $\beta - \alpha$ = 0.018, [−0.037, 0.073]
    """
    lines = ["| source | parameter exponent | data exponent | interval bearing on the "
             "ordering | verdict |", "|---|---|---|---|---|"]
    for r in exponent_ordering():
        par = "–" if r["parameter"] is None else f"{r['parameter']:.4g}"
        dat = "–" if r["data"] is None else f"{r['data']:.4g}"
        if r["interval"] is None:
            interval = r["evidence"]
        elif "a" in r:
            interval = (f"$a$ = {r['a']:.2f}, [{r['interval'][0]:.3f}, "
                        f"{r['interval'][1]:.3f}] (10–90%); equal exponents at $a$ = 0.5")
        else:
            interval = (rf"$\beta - \alpha$ = {r['difference']:.3f}, "
                        f"[{r['interval'][0]:.3f}, {r['interval'][1]:.3f}]")
        lines.append(f"| {r['source']} | {par} | {dat} | {interval} | {r['verdict']} |")
    return readable_numbers("\n".join(lines))


def epoch_data_exponent_test() -> dict:
    r"""Besiroglu et al.'s data exponent against the model's prediction from their alpha.

    The model predicts a data exponent :math:`\gamma/(\gamma+1)` with
    :math:`\gamma = \alpha`; its standard error follows by the delta method,
    :math:`s_\alpha/(\alpha+1)^2`. The correlation of the two estimates is not
    published, so the test uses the largest standard error any correlation allows,
    :math:`s_1 + s_2`: if the difference is significant with it, it is significant
    whatever the correlation.

    Returns
    -------
    dict
        ``predicted``, ``predicted_se``, ``measured``, ``measured_se``, ``difference``,
        ``se_worst`` (the bound), ``interval_worst`` (95%), ``significant``.

    Examples
    --------
    >>> t = epoch_data_exponent_test()
    >>> round(t["predicted"], 4), round(t["difference"], 3), t["significant"]
    (0.2581, 0.108, True)
    """
    e, s = published.EPOCH, published.EPOCH_STDERR
    predicted = predicted_exponents(e.alpha).data
    predicted_se = s["alpha"] / (e.alpha + 1) ** 2
    diff = e.beta - predicted
    worst = predicted_se + s["beta"]
    interval = (diff - _Z95 * worst, diff + _Z95 * worst)
    return {"predicted": predicted, "predicted_se": predicted_se, "measured": e.beta,
            "measured_se": s["beta"], "difference": diff, "se_worst": worst,
            "interval_worst": interval, "significant": bool(interval[0] > 0)}
