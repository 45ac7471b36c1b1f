"""``scaling-lab experiment {sparse-parity,charlm}``: train a sweep on a FLOP budget.

The sweep has the shape of the shipped one (:mod:`scaling_lab.experiments.runner`),
scaled to ``--budget`` FLOPs in all. A progress bar on stderr shows the time left; one
CSV row per run and a JSON of the exact configuration go into ``--out``; the summary
gives the fitted exponents with their 95% intervals, and a warning line names each
weakness of the sweep.

Examples
--------
>>> import contextlib, io, json, tempfile
>>> from scaling_lab.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
...     status = main(["experiment", "charlm", "--budget", "5e9", "--budgets", "3",
...                    "--sizes", "3", "--out", tempfile.mkdtemp(), "--json",
...                    "--no-progress"])
>>> status, json.loads(out.getvalue())["runs"]
(0, 9)
"""

from __future__ import annotations

from ._contract import add_json, positive_float, whole_number

__all__ = ["add_commands"]


_count = whole_number(1)
_seed = whole_number(0)


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``scaling-lab experiment`` (see :mod:`scaling_lab.cli`)."""
    exp = commands.add_parser(
        "experiment", help="train small neural networks on a FLOP budget and fit the law",
        description="Train a sweep of small numpy networks (multitask sparse parity, "
                    "or a character language model on Jane Austen) on a total budget "
                    "of training FLOPs, write one CSV row per run and a JSON of the "
                    "configuration, and fit the scaling law. About 1e10 FLOPs take a "
                    "second of one core.")
    exp.add_argument("experiment", choices=("sparse-parity", "charlm"),
                     help="which sweep")
    exp.add_argument("--budget", type=positive_float, required=True, metavar="FLOPS",
                     help="total training FLOPs of the sweep, e.g. 6e11 (about a minute)")
    exp.add_argument("--out", required=True, metavar="DIR",
                     help="folder for EXPERIMENT.csv and EXPERIMENT.json")
    exp.add_argument("--seed", type=_seed, default=0, help="seed of every run (default 0)")
    exp.add_argument("--budgets", type=_count, default=4, metavar="K",
                     help="charlm: iso-FLOP budgets, half a decade apart (default 4)")
    exp.add_argument("--sizes", type=_count, default=5, metavar="M",
                     help="charlm: model sizes per budget (default 5)")
    exp.add_argument("--bootstrap", type=_count, default=200, metavar="B",
                     help="charlm: bootstrap replicates of the intervals (default 200, "
                          "at least 40)")
    exp.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_json(exp)
    exp.set_defaults(handler=_experiment)


def _interval(fit) -> str:
    lo, hi = fit.n_interval
    return f"{-fit.n:.3f} (95% interval {-hi:.3f} to {-lo:.3f})"


def _experiment(args) -> tuple[str, dict]:
    from ..experiments.lab import run_lab  # numpy training code: on use only

    lab = run_lab(args.experiment, args.budget, args.out, seed=args.seed,
                  n_budgets=args.budgets, n_sizes=args.sizes, bootstrap=args.bootstrap,
                  progress=not args.no_progress)
    runs = lab.runs
    result = {"experiment": args.experiment, "out": str(args.out),
              "runs": len(runs["test_loss"]), "flops": float(runs["flops"].sum()),
              "wall_seconds": lab.meta["wall_seconds"]}
    lines = [f"{result['runs']} runs, {result['flops']:.3g} training FLOPs, "
             f"{result['wall_seconds']:.1f} s; written to {args.out}"]
    fits = lab.fits
    if args.experiment == "sparse-parity" and fits is not None:
        p = fits.predicted
        result.update(alpha_N=-fits.N.n, alpha_N_interval=[-fits.N.n_interval[1],
                                                           -fits.N.n_interval[0]],
                      alpha_S=-fits.S.n, alpha_S_interval=[-fits.S.n_interval[1],
                                                           -fits.S.n_interval[0]],
                      predicted_N=p.parameters, predicted_S=p.steps)
        lines += [f"L ∝ N^-a: a = {_interval(fits.N)}; predicted gamma = {p.parameters:g}",
                  f"L ∝ S^-a: a = {_interval(fits.S)}; predicted gamma/(gamma+1) = "
                  f"{p.steps:.3f}"]
    if args.experiment == "charlm" and fits is not None:
        a2, a3 = fits.approach2, fits.approach3
        if a2 is not None:
            result["approach2"] = a2.as_dict()
            lo, hi = a2.a_interval or (float("nan"), float("nan"))
            lines.append(f"Approach 2: N_opt ∝ C^{a2.a:.3f} (95% interval {lo:.3f} to "
                         f"{hi:.3f}), {a2.n_budgets} budgets")
        if a3 is not None:
            result["approach3"] = a3.as_dict()
            lo, hi = a3.intervals["a"] if a3.intervals else (float("nan"),) * 2
            lines.append(f"Approach 3: L = {a3.E:.3f} + {a3.A:.3g}/N^{a3.alpha:.3f} + "
                         f"{a3.B:.3g}/D^{a3.beta:.3f}; N_opt ∝ C^{a3.a:.3f} (95% "
                         f"interval {lo:.3f} to {hi:.3f})")
    return "\n".join(lines), result
