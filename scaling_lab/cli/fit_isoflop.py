"""``scaling-lab fit isoflop``: Approach 2 on a CSV of iso-FLOP runs.

Each run is one row: its parameters N, its budget C in FLOPs and its loss. Runs of one
budget form an iso-FLOP curve; the command interpolates each curve in log N, takes its
minimum, and fits N_opt = G C^a and D_opt = H C^b through the minima
(:func:`scaling_lab.isoflop.fit_isoflop`). The fitting module is imported when the
command runs, so that ``scaling-lab --help`` and the other commands stay quick.

Examples
--------
>>> import contextlib, io, json, pathlib, tempfile
>>> from scaling_lab.cli import main
>>> from scaling_lab.isoflop import synthetic_runs
>>> N, D, L = synthetic_runs("epoch", noise=0.0, span=0.8)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
>>> rows = [f"{n:.17g},{6 * n * d:.17g},{loss:.17g}" for n, d, loss in zip(N, D, L)]
>>> _ = path.write_text("N,flops,loss\\n" + "\\n".join(rows) + "\\n")
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["fit", "isoflop", str(path), "--n-col", "N", "--flops-col",
...                    "flops", "--loss-col", "loss", "--at", "1e22", "--json"])
>>> result = json.loads(out.getvalue())
>>> status, result["n_budgets"], round(result["a"], 3), len(result["optima"])
(0, 6, 0.513, 6)
"""

from __future__ import annotations

from ._contract import CommandError, add_json, positive_float

__all__ = ["add_commands"]


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``fit isoflop`` (see :mod:`scaling_lab.cli`)."""
    iso = fit_commands.add_parser(
        "isoflop", help="Approach 2: per-budget minima, then N_opt = G C^a",
        description="Hoffmann et al.'s Approach 2 as practitioners run it: for each "
                    "FLOP budget, interpolate the loss against log N (Akima, as Porian "
                    "et al. 2024, or a parabola), take the minimum, and fit "
                    "N_opt = G C^a and D_opt = H C^b (D = C / 6N) by least squares in "
                    "log space. A budget whose minimum sits at the edge of the sizes "
                    "tried, or that has fewer than 3 sizes, is left out with a warning "
                    "naming it. Columns are matched case-insensitively.")
    iso.add_argument("csv", metavar="CSV", help="a CSV with a header row, one run a row")
    iso.add_argument("--n-col", required=True, metavar="COL",
                     help="parameters N of each run")
    iso.add_argument("--flops-col", required=True, metavar="COL",
                     help="the run's budget C in FLOPs (runs within 1%% form one budget)")
    iso.add_argument("--loss-col", required=True, metavar="COL", help="loss in nats")
    iso.add_argument("--method", choices=("akima", "parabola"), default="akima",
                     help="interpolant in log N (default akima)")
    iso.add_argument("--bootstrap", type=int, default=0, metavar="B",
                     help="bootstrap replicates for 95%% intervals, resampling runs "
                          "within each budget (default 0)")
    iso.add_argument("--seed", type=int, default=0, metavar="S",
                     help="bootstrap seed (default 0)")
    iso.add_argument("--at", type=positive_float, default=None, metavar="FLOPS",
                     help="also print N_opt and D_opt at this budget")
    iso.add_argument("--plot", default=None, metavar="FILE",
                     help="write a figure of the iso-FLOP curves and the N_opt line")
    add_json(iso)
    iso.set_defaults(handler=_fit_isoflop)


def _fit_isoflop(args) -> tuple[str, dict]:
    from ..io import read_columns
    from ..isoflop import fit_isoflop

    for name in ("bootstrap", "seed"):
        if getattr(args, name) < 0:
            raise CommandError(f"--{name} must be >= 0 (got {getattr(args, name)})")
    names = [args.n_col, args.flops_col, args.loss_col]
    if len({n.lower() for n in names}) < 3:
        raise CommandError(f"--n-col, --flops-col and --loss-col must name three "
                           f"different columns (got {', '.join(map(repr, names))})")
    columns = read_columns(args.csv, names, min_rows=3, positive=names)
    N, C, L = (columns[name] for name in names)
    fit = fit_isoflop(N, C, L, method=args.method, bootstrap=args.bootstrap,
                      seed=args.seed)
    result = fit.as_dict(at=args.at)
    lines = [f"Approach 2 ({fit.method} in log N): {N.size} runs in "
             f"{fit.budgets.size} budgets, {fit.n_budgets} with a bracketed minimum"]
    for symbol, value, coef, interval, what in (
            ("a", fit.a, fit.G, fit.a_interval, "N_opt = G C^a"),
            ("b", fit.b, fit.H, fit.b_interval, "D_opt = H C^b")):
        text = f"{what}: {symbol} = {value:.4f}"
        if interval is not None:
            text += (f" (95% bootstrap interval {interval[0]:.4f} to {interval[1]:.4f}, "
                     f"{fit.n_bootstrap_valid} replicates)")
        lines.append(text + f", {'G' if symbol == 'a' else 'H'} = {coef:.4g}")
    lines.append(f"  {'C (FLOPs)':>10s} {'sizes':>5s} {'N_opt':>10s} {'D_opt':>10s} "
                 f"{'loss':>8s}  bracketed")
    for row in result["optima"]:
        lines.append(f"  {row['flops']:10.3g} {row['n_sizes']:5d} {row['N_opt']:10.3g} "
                     f"{row['D_opt']:10.3g} {row['loss']:8.4f}  "
                     f"{'yes' if row['bracketed'] else 'no (left out)'}")
    if args.at is not None:
        text = (f"at C = {args.at:.3g} FLOPs: N_opt = {result['N_opt']:.3g}, "
                f"D_opt = {result['D_opt']:.3g}")
        if "N_opt_interval" in result:
            lo, hi = result["N_opt_interval"]
            text += f" (N_opt 95% interval {lo:.3g} to {hi:.3g})"
        lines.append(text)
    if args.plot:
        from ..explorers.discrepancy import save_isoflop_figure

        save_isoflop_figure(fit, N, C, L, args.plot)
        lines.append(f"figure written to {args.plot}")
    return "\n".join(lines), result
