"""``scaling-lab optimal``: the compute-optimal N and D for a FLOP budget, in closed form.

Examples
--------
>>> import contextlib, io, json
>>> from scaling_lab.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["optimal", "--flops", "5.76e23", "--json"])
>>> status, round(json.loads(out.getvalue())["N"] / 1e9)
(0, 32)
"""

from __future__ import annotations

from ..chinchilla import LAWS, compute_optimal
from ._contract import add_json, positive_float

__all__ = ["add_commands"]


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``optimal`` (see :mod:`scaling_lab.cli`)."""
    optimal = commands.add_parser(
        "optimal", help="compute-optimal parameters and tokens for a FLOP budget",
        description="The compute-optimal N and D under C = 6ND, in closed form.")
    optimal.add_argument("--flops", type=positive_float, required=True, metavar="C",
                         help="training compute in FLOPs")
    optimal.add_argument("--law", choices=tuple(LAWS), default="hoffmann",
                         help="parameter set (default hoffmann, Eq. 10 as printed)")
    add_json(optimal)
    optimal.set_defaults(handler=_optimal_handler)


def _optimal_handler(args):
    opt = compute_optimal(args.flops, args.law)
    summary = (f"compute-optimal at C = {opt.C:.3g} FLOPs (law {args.law}):\n"
               f"N = {opt.N:.3g} parameters, D = {opt.D:.3g} tokens, "
               f"{opt.tokens_per_param:.1f} tokens per parameter, "
               f"loss {opt.loss:.4f} nats")
    result = opt.as_dict()
    return summary, {k: result[k] for k in ("N", "D", "tokens_per_param", "loss")}
