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

import math

from .._validate import ScalingLabError
from ..chinchilla import LAWS, allocation_coefficient, allocation_exponents, compute_optimal
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


def smallest_budget(law) -> float:
    """The smallest budget C (FLOPs) whose optimum has N >= 1 and D >= 1.

    With N_opt = G (C/6)^a and D_opt = (C/6)^b / G, that is
    C = 6 max(G^(-1/a), G^(1/b)). Below it the closed form prescribes a fraction of a
    parameter or of a token, which no law describes.

    >>> round(smallest_budget("hoffmann"), 1)
    10.3
    """
    a, b = allocation_exponents(law)
    G = allocation_coefficient(law)
    return 6 * math.exp(max(-math.log(G) / a, math.log(G) / b))


def _optimal_handler(args):
    least = smallest_budget(args.law)
    if args.flops < least:
        raise ScalingLabError(
            f"--flops {args.flops:g} is below {least:.3g} FLOPs, the smallest budget "
            f"whose compute-optimal model under law {args.law!r} has at least one "
            "parameter trained on at least one token; give a larger budget"
        )
    opt = compute_optimal(args.flops, args.law)
    summary = (f"compute-optimal at C = {opt.C:.3g} FLOPs (law {args.law}):\n"
               f"  N = {opt.N:.3g} parameters\n"
               f"  D = {opt.D:.3g} tokens ({opt.tokens_per_param:.1f} per parameter)\n"
               f"  loss {opt.loss:.4f} nats")
    result = opt.as_dict()
    return summary, {k: result[k] for k in ("N", "D", "tokens_per_param", "loss")}
