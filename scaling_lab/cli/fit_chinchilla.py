"""``scaling-lab fit chinchilla``: Hoffmann et al.'s Approach 3 on a CSV of runs.

Fits L(N, D) = E + A/N^alpha + B/D^beta with :func:`scaling_lab.fit_chinchilla` (Huber
loss on log L from a grid of L-BFGS starts), optionally with bootstrap intervals and a
figure of the data against the fit.
"""

from __future__ import annotations

import sys

import numpy as np

from .._validate import ScalingLabError
from ..io import read_columns
from ._contract import add_json, positive_float

__all__ = ["add_commands"]


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``fit chinchilla`` (see :mod:`scaling_lab.cli`)."""

    fit = fit_commands.add_parser(
        "chinchilla", help="fit L = E + A/N^alpha + B/D^beta (Hoffmann's Approach 3)",
        description="Fit L(N, D) = E + A/N^alpha + B/D^beta by Hoffmann et al.'s "
                    "Approach 3: Huber loss on log L from a grid of L-BFGS starts. "
                    "Columns are matched case-insensitively.")
    fit.add_argument("csv", metavar="CSV", help="a CSV with a header row")
    fit.add_argument("--n-col", default="N", metavar="COL", help="parameters (default N)")
    tokens = fit.add_mutually_exclusive_group()
    tokens.add_argument("--d-col", default=None, metavar="COL",
                        help="tokens (default D)")
    tokens.add_argument("--c-col", default=None, metavar="COL",
                        help="training FLOPs instead of tokens; D = C / (6N)")
    fit.add_argument("--loss-col", default="loss", metavar="COL",
                     help="final loss in nats (default loss)")
    fit.add_argument("--drop-highest-loss", type=int, default=0, metavar="K",
                     help="drop the K runs of highest loss before fitting")
    fit.add_argument("--huber-delta", type=positive_float, default=1e-3, metavar="X",
                     help="Huber threshold (default 1e-3)")
    fit.add_argument("--bootstrap", type=int, default=0, metavar="B",
                     help="bootstrap replicates for 95%% intervals (default 0)")
    fit.add_argument("--seed", type=int, default=0, metavar="S",
                     help="bootstrap seed (default 0)")
    fit.add_argument("--starts", choices=("full", "small"), default="full",
                     help="start grid: Hoffmann's 4500 (full) or 243 (small)")
    fit.add_argument("--plot", default=None, metavar="FILE",
                     help="write a figure of the data against the fitted law (checked "
                          "before the fit; no extension means .png)")
    add_json(fit)
    fit.set_defaults(handler=_fit_handler)


def _fit_handler(args):
    for name in ("drop_highest_loss", "bootstrap", "seed"):
        if getattr(args, name) < 0:
            raise ScalingLabError(f"--{name.replace('_', '-')} must be >= 0 "
                                  f"(got {getattr(args, name)})")
    # The fitter checks these too; here they are named as options, before any work.
    if not 1e-6 <= args.huber_delta <= 100:
        raise ScalingLabError(
            f"--huber-delta must be from 1e-6 to 100 (got {args.huber_delta:g}): below, "
            "the fit cannot converge; above, every residual of log L is already in the "
            "quadratic part. Hoffmann et al. use 1e-3 (the default)")
    if 0 < args.bootstrap < 40 or args.bootstrap > 100_000:
        raise ScalingLabError(
            f"--bootstrap must be 0 (no intervals) or from 40 to 100000 (got "
            f"{args.bootstrap}): fewer than 40 replicates leave less than one in each "
            "2.5% tail of a 95% interval (1000 or more are usual)")
    second = args.c_col if args.c_col else (args.d_col or "D")
    names = [args.n_col, second, args.loss_col]
    columns = read_columns(args.csv, names, min_rows=1, positive=names)
    N, X, L = (columns[name] for name in names)
    D = X / (6 * N) if args.c_col else X
    if args.drop_highest_loss:
        if args.drop_highest_loss >= L.size:
            raise ScalingLabError(f"--drop-highest-loss {args.drop_highest_loss} would "
                                  f"drop every one of the {L.size} runs")
        keep = np.sort(np.argsort(L, kind="stable")[:L.size - args.drop_highest_loss])
        N, D, L = N[keep], D[keep], L[keep]
    if L.size < 6:
        raise ScalingLabError(
            f"{args.csv!r} gives {L.size} runs to fit; the law has 5 parameters, so at "
            "least 6 runs are needed"
        )
    from ..chinchilla_fit import fit_chinchilla, start_grid  # scipy: on use only

    starts = start_grid(args.starts)
    print(f"fitting {L.size} runs from {len(starts)} starts...", file=sys.stderr)
    if args.bootstrap:
        print(f"then {args.bootstrap} bootstrap refits...", file=sys.stderr)
    fit = fit_chinchilla(N, D, L, starts=starts, huber_delta=args.huber_delta,
                         bootstrap=args.bootstrap, seed=args.seed)
    lines = [f"L(N, D) = {fit.E:.4g} + {fit.A:.4g} / N^{fit.alpha:.4f} + "
             f"{fit.B:.4g} / D^{fit.beta:.4f}",
             f"{fit.n_points} runs, objective {fit.objective:.6g} (sum of Huber losses, "
             f"delta {fit.huber_delta:g}), allocation exponent a = {fit.a:.4f}"]
    if fit.intervals:
        lines.append(f"95% bootstrap intervals ({fit.n_bootstrap} replicates):")
        for key in ("E", "A", "B", "alpha", "beta"):
            lo, hi = fit.intervals[key]
            lines.append(f"  {key:5s} {lo:.4g} to {hi:.4g}")
    result = fit.as_dict()
    if args.plot:  # the contract has checked it and made it the real path
        _plot_fit(fit, N, D, L, args.plot)
        lines.append(f"figure written to {args.plot}")
        result["figure"] = args.plot
    return "\n".join(lines), result


def _plot_fit(fit, N, D, L, path) -> None:
    """Left: the runs (circles, coloured by their tokens D) and the fitted law at a few
    D (lines in the same colours). Right: measured against predicted loss."""
    import matplotlib as mpl
    import numpy as np

    from ..plotting import PALETTE, figure, legend_below, loglog, signed

    fig, (left, right) = figure(2, width=10.5, height=4.6)
    norm = mpl.colors.LogNorm(vmin=D.min(), vmax=D.max() if D.max() > D.min() else D.min() * 10)
    cmap = mpl.colormaps["viridis"]
    grid = np.geomspace(N.min() / 1.5, N.max() * 1.5, 200)
    for q in np.quantile(D, [0.05, 0.5, 0.95]):
        left.plot(grid, fit.predict(grid, np.full_like(grid, q)), color=cmap(norm(q)), lw=1.8,
                  label=f"fitted law at D = {q:.2g} tokens")
    points = left.scatter(N, L, c=D, cmap=cmap, norm=norm, s=26, edgecolors="black",
                          linewidths=0.4, label="runs (colour: tokens D)", zorder=3)
    loglog(left, xlabel="parameters N", ylabel="loss L (nats per token)")
    fig.colorbar(points, ax=left, label="training tokens D")
    legend_below(left)
    predicted = fit.predict(N, D)
    low, high = min(L.min(), predicted.min()) * 0.97, max(L.max(), predicted.max()) * 1.03
    right.plot([low, high], [low, high], color=PALETTE["grey"], ls="--", lw=1,
               label="measured = predicted")
    right.scatter(L, predicted, c=D, cmap=cmap, norm=norm, s=22, edgecolors="black",
                  linewidths=0.4, label="runs", zorder=3)
    loglog(right, xlabel="measured loss (nats per token)",
           ylabel="predicted loss (nats per token)")
    legend_below(right)
    fig.suptitle(rf"$L(N, D) = E + A/N^{{\alpha}} + B/D^{{\beta}}$ (loss in nats per "
                 rf"token): E = {fit.E:.3g}, A = {fit.A:.4g}, B = {fit.B:.4g}, "
                 rf"$\alpha$ = {signed(fit.alpha, '.3f')}, $\beta$ = {signed(fit.beta, '.3f')}",
                 fontsize=11)
    try:
        fig.savefig(path, dpi=200, bbox_inches="tight")
    except (OSError, ValueError) as error:
        raise ScalingLabError(f"cannot write the figure to {path!r}: {error}") from None
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
