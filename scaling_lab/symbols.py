"""The course's symbol table: one meaning per symbol, in code and book alike.

Design: the papers this course follows reuse letters. Hoffmann et al. write the
allocation exponents a and b and the fit's log-parameters a, b, e; Michaud et al. write
alpha for the quanta exponent, which Hoffmann uses for the parameter exponent, and n for
the number of quanta, which is the exponent of a generic power law here; Kaplan writes B
for the batch size, which Hoffmann uses for a coefficient. The table below fixes one
meaning for each symbol and says what every other use becomes. Two letters keep two
meanings, because the literatures fix them, and no chapter uses both meanings of
either: alpha is a parameter exponent in the chapters on neural scaling and the
exponent of a distribution of values (Clauset et al.'s) in the chapters on populations;
k is the coefficient of a generic power law in the power-laws chapter and the rank of a
quantum in the quantization chapter. The table says which chapters use which. Code
arguments use the same names (``N``, ``D``, ``C``, ``alpha``, ``beta``, ``gamma``...).

Examples
--------
>>> from scaling_lab.symbols import SYMBOLS, symbol
>>> symbol("C").meaning
'training compute in FLOPs, $C = 6ND$'
>>> len(SYMBOLS) > 20
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ._validate import ScalingLabError

__all__ = ["Symbol", "SYMBOLS", "symbol", "symbol_table_markdown"]


@dataclass(frozen=True)
class Symbol:
    """One row of the symbol table."""

    symbol: str  # as written in code
    tex: str  # as written in the book's math
    meaning: str
    units: str
    papers: str  # where it comes from, and what the papers write instead


SYMBOLS = (
    Symbol("N", "N", "number of model parameters", "parameters",
           "Kaplan: non-embedding parameters; Hoffmann: all parameters"),
    Symbol("D", "D", "number of training tokens", "tokens", "Kaplan, Hoffmann"),
    Symbol("C", "C", "training compute in FLOPs, $C = 6ND$", "FLOPs",
           r"Kaplan quotes $C$ in PF-days (1 PF-day = $8.64\times10^{19}$ FLOPs)"),
    Symbol("L", "L", "test loss, cross-entropy per token", "nats",
           "Kaplan, Hoffmann (natural logarithm)"),
    Symbol("S", "S", "number of optimiser steps", "steps", r"Kaplan ($S_\mathrm{min}$: at $B \gg B_\mathrm{crit}$)"),
    Symbol("B_crit", r"B_\mathrm{crit}", "critical batch size", "tokens",
           r"Kaplan writes $B_\mathrm{crit}$; $B$ alone is Hoffmann's data coefficient here"),
    Symbol("E", "E", "irreducible loss (entropy of text)", "nats", "Hoffmann Eq. 10"),
    Symbol("A", "A", r"coefficient of the parameter term $A/N^{\alpha}$", r"nats·params$^{\alpha}$",
           "Hoffmann Eq. 10"),
    Symbol("B", "B", r"coefficient of the data term $B/D^{\beta}$", r"nats·tokens$^{\beta}$",
           "Hoffmann Eq. 10 (not a batch size)"),
    Symbol("alpha", r"\alpha", r"parameter exponent, as in Eq. 10's $A/N^{\alpha}$ (the "
           "Kaplan, Chinchilla, quantization and limits chapters)", "dimensionless",
           r"Hoffmann; Michaud's $\alpha$ is our $\gamma$"),
    Symbol("beta", r"\beta", "data exponent of Eq. 10", "dimensionless", "Hoffmann"),
    Symbol("log_A, log_B, log_E", r"\log A,\ \log B,\ \log E",
           "the fit's variables in log space", "dimensionless",
           "Hoffmann Eq. 11 writes them $a$, $b$, $e$"),
    Symbol("alpha_N", r"\alpha_N", "Kaplan's parameter exponent", "dimensionless",
           "Kaplan Eq. 1.1"),
    Symbol("alpha_D", r"\alpha_D", "Kaplan's data exponent", "dimensionless",
           "Kaplan Eq. 1.2"),
    Symbol("N_c", "N_c", "Kaplan's parameter scale", "parameters", "Kaplan Eq. 1.1"),
    Symbol("D_c", "D_c", "Kaplan's data scale", "tokens", "Kaplan Eq. 1.2"),
    Symbol("a", "a", r"allocation exponent, $N_\mathrm{opt} \propto C^{a}$", "dimensionless",
           "Hoffmann Table 2"),
    Symbol("b", "b", r"allocation exponent, $D_\mathrm{opt} \propto C^{b}$", "dimensionless",
           "Hoffmann Table 2"),
    Symbol("k, n", "k,\\ n", "coefficient and exponent of a generic power law $y = k x^{n}$ "
           "($k$: the power-laws chapter)", "units of $y$ / units of $x^{n}$", "this course"),
    Symbol("s", "s", r"Zipf rank exponent, frequency $\propto r^{-s}$ at rank $r$", "dimensionless",
           "Zipf; Clauset et al."),
    Symbol("alpha_zipf", r"\alpha", "exponent of a distribution of values, "
           r"$p(x) \propto x^{-\alpha}$; for word counts $\alpha = 1 + 1/s$ (the power-laws chapter's "
           "populations and the Zipf chapter only)", "dimensionless",
           "Clauset et al. 2009"),
    Symbol("x_min", r"x_\mathrm{min}", "lower bound of the power-law tail", "counts",
           "Clauset et al. 2009"),
    Symbol("gamma", r"\gamma", r"quanta exponent, $p_k \propto k^{-(\gamma+1)}$", "dimensionless",
           r"Michaud et al. write $\alpha$"),
    Symbol("k (rank)", "k", "rank of a quantum, as in $p_k$ (the quantization chapter)", "rank",
           "Michaud et al."),
    Symbol("K", "K", "number of quanta learned (code arguments: `n`)", "quanta",
           "Michaud et al. write $n$"),
    Symbol("L_learned, L_unlearned", r"\ell_1,\ \ell_0",
           "loss on a sample whose quantum is learned, not learned", "nats",
           "Michaud et al. write $a$ and $b$"),
    Symbol("tau", r"\tau", "samples needed to learn a quantum", "samples",
           "Michaud et al."),
)


def symbol(name: str) -> Symbol:
    """Return the row of the symbol table for ``name`` (as written in code).

    >>> print(symbol("gamma").papers)
    Michaud et al. write $\\alpha$
    """
    for row in SYMBOLS:
        if row.symbol == name:
            return row
    known = ", ".join(row.symbol for row in SYMBOLS)
    raise ScalingLabError(f"'name' must be a symbol of the table (got {name!r}); "
                          f"known symbols: {known}")


def symbol_table_markdown() -> str:
    """The symbol table as a Markdown table with math, for the book.

    >>> print(symbol_table_markdown().splitlines()[0])
    | symbol | meaning | units | in the papers |
    """
    lines = ["| symbol | meaning | units | in the papers |", "|---|---|---|---|"]
    for row in SYMBOLS:
        lines.append(f"| ${row.tex}$ | {row.meaning} | {row.units} | {row.papers} |")
    return "\n".join(lines)
