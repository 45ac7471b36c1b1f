"""``scaling-lab predict``: the loss a published scaling law predicts for N and D.

Design: one subcommand serves every law of the course, so that a reader compares them
with the same words. ``--law kaplan`` uses Kaplan et al. 2020 (N counts non-embedding
parameters): Eq. 1.1 with ``--params`` alone, Eq. 1.2 with ``--tokens`` alone, Eq. 1.5
with both. The Chinchilla-form laws (``hoffmann``, ``hoffmann-unrounded``, ``epoch``)
compute E + A/N^alpha + B/D^beta from :data:`scaling_lab.published.CHINCHILLA_LAWS` with
:func:`scaling_lab.laws.chinchilla_loss` and need both values. Bad input ends in one
``scaling-lab: error:`` line and exit status 2.

Examples
--------
>>> import contextlib, io, json
>>> from scaling_lab.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["predict", "--law", "kaplan", "--params", "1e9", "--json"])
>>> status, round(json.loads(out.getvalue())["loss"], 3)
(0, 2.376)
"""

from __future__ import annotations

from .. import kaplan
from .._validate import ScalingLabError, check_choice, check_number
from ..laws import chinchilla_loss
from ..published import CHINCHILLA_LAWS
from ._contract import CommandError, add_json, positive_float

__all__ = ["LAWS", "add_commands", "predict"]

#: The laws ``predict`` knows, by command-line name.
LAWS: tuple[str, ...] = ("kaplan", *CHINCHILLA_LAWS)


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add the ``predict`` subcommand (see :mod:`scaling_lab.cli`)."""
    parser = commands.add_parser(
        "predict", help="the loss (nats per token) a published law predicts",
        description=(
            "Print the loss in nats per token that a published scaling law predicts. "
            "kaplan (Kaplan et al. 2020): Eq. 1.1 with --params alone, Eq. 1.2 with "
            "--tokens alone, Eq. 1.5 with both. hoffmann, hoffmann-unrounded, epoch: "
            "E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Eq. 10, as printed or "
            "unrounded; Besiroglu et al. 2024's refit), which need both values."))
    parser.add_argument("--law", required=True, choices=LAWS,
                        help="which published law: %(choices)s")
    parser.add_argument(
        "--params", type=positive_float, metavar="N",
        help="model parameters N. For kaplan these are NON-EMBEDDING parameters (the "
             "paper's convention); for the Chinchilla-form laws, all parameters")
    parser.add_argument("--tokens", type=positive_float, metavar="D",
                        help="training tokens D")
    add_json(parser)
    parser.set_defaults(handler=_handle)


def predict(law: str, params: float | None = None, tokens: float | None = None
            ) -> tuple[float, str]:
    """The loss ``law`` predicts, and the equation used.

    Parameters
    ----------
    law : {'kaplan', 'hoffmann', 'hoffmann-unrounded', 'epoch'}
    params : float, optional
        N (non-embedding parameters for 'kaplan').
    tokens : float, optional
        D, training tokens.

    Returns
    -------
    (float, str)
        Loss in nats per token, and a short name of the equation.

    Raises
    ------
    scaling_lab.cli.CommandError
        If neither value is given, or a Chinchilla-form law lacks one.
    ScalingLabError
        If a value is not a finite number of at least 1, or ``law`` is unknown.

    Examples
    --------
    >>> from scaling_lab.cli.predict import predict
    >>> loss, source = predict("kaplan", tokens=1e10)
    >>> round(loss, 3), source
    (2.262, 'Kaplan et al. 2020, Eq. 1.2 (data-limited)')
    >>> round(predict("hoffmann", 70e9, 1.4e12)[0], 3)
    1.937
    """
    check_choice("law", law, LAWS)
    if params is None and tokens is None:
        raise CommandError("give --params N, --tokens D, or both")
    for name, value in (("params", params), ("tokens", tokens)):
        if value is not None and check_number(name, value, positive=True) < 1:
            raise ScalingLabError(
                f"--{name} must be at least 1 (got {value:g}): N and D count parameters "
                "and tokens, and no law of the course describes a model of less than "
                "one parameter or trained on less than one token"
            )
    params = None if params is None else float(params)
    tokens = None if tokens is None else float(tokens)
    if law == "kaplan":
        if tokens is None:
            return float(kaplan.loss_N(params)[0]), \
                "Kaplan et al. 2020, Eq. 1.1 (parameter-limited)"
        if params is None:
            return float(kaplan.loss_D(tokens)[0]), \
                "Kaplan et al. 2020, Eq. 1.2 (data-limited)"
        return float(kaplan.loss_ND(params, tokens)[0]), "Kaplan et al. 2020, Eq. 1.5"
    if params is None or tokens is None:
        missing = "--params" if params is None else "--tokens"
        raise CommandError(f"law {law!r} needs both --params and --tokens (missing "
                           f"{missing}); only 'kaplan' predicts from one of them")
    chosen = CHINCHILLA_LAWS[law]
    return float(chinchilla_loss(params, tokens, chosen)[0]), chosen.source


def _handle(args) -> tuple[str, dict]:
    loss, source = predict(args.law, args.params, args.tokens)
    parts = []
    if args.params is not None:
        kind = "non-embedding parameters" if args.law == "kaplan" else "parameters"
        parts.append(f"N = {args.params:.4g} {kind}")
    if args.tokens is not None:
        parts.append(f"D = {args.tokens:.4g} tokens")
    summary = f"L = {loss:.4f} nats per token for {', '.join(parts)}\nlaw: {source}"
    return summary, {"loss": loss, "law": args.law, "params": args.params,
                     "tokens": args.tokens}
