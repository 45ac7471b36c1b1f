"""Every published constant the course uses, once, with its source.

Design: the book never types a published number. A chapter reads it from here, so a
constant mistyped in prose is impossible and a correction lands everywhere at once.
Each value carries the paper and the equation or table it comes from; tests pin every
value to the paper (see ``tests/test_published.py``).

Units follow the course's symbol table (:mod:`scaling_lab.symbols`): N parameters, D
tokens, C training FLOPs, L loss in nats. Kaplan et al. measure compute in PF-days and
count non-embedding parameters; Hoffmann et al. use FLOPs and total parameters. The
containers below keep each paper's own convention and say which it is.

References
----------
.. [Kaplan2020] J. Kaplan et al., "Scaling Laws for Neural Language Models",
   arXiv:2001.08361 (2020).
.. [Hoffmann2022] J. Hoffmann et al., "Training Compute-Optimal Large Language Models",
   arXiv:2203.15556 (2022).
.. [Besiroglu2024] T. Besiroglu et al., "Chinchilla Scaling: A replication attempt",
   arXiv:2404.10102 (2024).
.. [Michaud2023] E. J. Michaud et al., "The Quantization Model of Neural Scaling",
   arXiv:2303.13506 (2023).
.. [Clauset2009] A. Clauset, C. R. Shalizi and M. E. J. Newman, "Power-law
   distributions in empirical data", arXiv:0706.1062 (2009).

Examples
--------
>>> from scaling_lab import published
>>> published.KAPLAN.alpha_N
0.076
>>> published.HOFFMANN.E, published.EPOCH.beta
(1.69, 0.3658)
>>> published.PF_DAY
8.64e+19
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "PF_DAY",
    "FLOPS_PER_PARAM_PER_TOKEN",
    "KaplanConstants",
    "KAPLAN",
    "ChinchillaParams",
    "HOFFMANN",
    "HOFFMANN_UNROUNDED",
    "EPOCH",
    "CHINCHILLA_LAWS",
    "HOFFMANN_FIT_METHOD",
    "AllocationExponents",
    "HOFFMANN_TABLE_2",
    "Table3Row",
    "HOFFMANN_TABLE_3",
    "Model",
    "MODELS",
    "TransformerShape",
    "GPT2_SMALL",
    "KAPLAN_MODELS",
    "MOBY_DICK_CLAUSET",
    "MICHAUD_SPARSE_PARITY",
    "EPOCH_REPLICATION",
    "EPOCH_STDERR",
    "MuennighoffConstants",
    "MUENNIGHOFF",
    "MUENNIGHOFF_FIT",
    "KAPLAN_TRAINING",
    "SHARMA_KAPLAN",
    "HOFFMANN_APPROACH_1",
    "HOFFMANN_APPROACH_2",
    "SCALING_STUDY_DESIGNS",
    "PorianConfiguration",
    "PORIAN_2024",
    "PORIAN_CHINCHILLA_FLOPS",
    "GADRE_2024_BACKTEST",
    "GADRE_2024_DOWNSTREAM",
]

#: One petaflop/s-day in FLOPs: 1e15 FLOP/s for 86,400 s (Kaplan et al. 2020, Sec. 1.3).
PF_DAY = 1e15 * 24 * 3600

#: Training FLOPs per parameter per token, C = 6ND (Kaplan et al. 2020, Sec. 2.1;
#: Hoffmann et al. 2022 use the same approximation).
FLOPS_PER_PARAM_PER_TOKEN = 6


@dataclass(frozen=True)
class KaplanConstants:
    """The constants of Kaplan et al. 2020 (arXiv:2001.08361).

    N counts non-embedding parameters, D tokens, compute is in PF-days, loss in nats per
    token on WebText2. Attribute names follow the paper; the source of each is in the
    comment beside it.
    """

    alpha_N: float = 0.076  # Eq. 1.1, Table 5
    N_c: float = 8.8e13  # Eq. 1.1, Table 5 (non-embedding parameters)
    alpha_D: float = 0.095  # Eq. 1.2, Table 5
    D_c: float = 5.4e13  # Eq. 1.2, Table 5 (tokens)
    alpha_C_min: float = 0.050  # Eq. 1.3, Table 5
    C_c_min: float = 3.1e8  # Eq. 1.3, Table 5 (PF-days)
    alpha_C: float = 0.057  # Table 5, naive (fixed batch) compute law
    C_c: float = 1.6e7  # Table 5 (PF-days)
    alpha_B: float = 0.21  # Eq. 1.4, Table 5
    B_star: float = 2.1e8  # Table 5 (tokens); Eq. 1.4 writes ~2e8
    alpha_S: float = 0.76  # Eq. 1.6, Table 5
    S_c: float = 2.1e3  # Eq. 1.6, Table 5 (steps)
    # Compute-efficient allocation, Sec. 1.2 and Eq. 6.1-6.2, constants of Table 6.
    N_exponent: float = 0.73  # N_opt ∝ C_min^0.73
    B_exponent: float = 0.24  # B ∝ C_min^0.24
    S_exponent: float = 0.03  # S_min ∝ C_min^0.03
    D_exponent: float = 0.27  # D = B S ∝ C_min^0.27
    N_e: float = 1.3e9  # Table 6 (parameters at C_min = 1 PF-day)
    B_e: float = 2.0e6  # Table 6 (tokens)
    S_e: float = 5.4e3  # Table 6 (steps)
    D_e: float = 2e10  # Table 6 (tokens)
    # Overfitting: D >~ 5e3 N^0.74 (Eq. 4.4).
    overfit_coefficient: float = 5e3
    overfit_exponent: float = 0.74
    # Data used along the compute-efficient frontier, Eq. 6.7: D ~ 4e10 C_min^0.26.
    frontier_D_coefficient: float = 4e10
    frontier_D_exponent: float = 0.26
    # Data needed not to overfit, along the frontier: D ∝ C_min^0.54 (Eq. 6.6).
    needed_D_exponent: float = 0.54
    # Theory of Sec. 6.1: alpha_C_min ≈ 0.054 and N ∝ C^0.71 (Eq. 6.4-6.5), as printed.
    theory_alpha_C_min: float = 0.054
    theory_N_exponent: float = 0.71
    # The crossing of L(D(C_min)) and L(C_min), Eq. 6.8, each "highly uncertain,
    # varying by an order of magnitude" (Sec. 6.3).
    crossing_C_pf_days: float = 1e4
    crossing_N: float = 1e12
    crossing_D: float = 1e12
    crossing_L: float = 1.7
    # Separate fits, Table 2 (Eq. 1.5 alone) and Table 3 (Eq. 1.6 alone).
    table2_alpha_N: float = 0.076
    table2_alpha_D: float = 0.103
    table2_N_c: float = 6.4e13
    table2_D_c: float = 1.8e13
    table3_alpha_N: float = 0.077
    table3_alpha_S: float = 0.76
    table3_N_c: float = 6.5e13
    table3_S_c: float = 2.1e3


#: Kaplan et al. 2020, Table 5 and the equations of Sec. 1.
KAPLAN = KaplanConstants()


@dataclass(frozen=True)
class ChinchillaParams:
    """Parameters of L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, Eq. 10).

    N counts all parameters, D tokens, L is in nats per token on MassiveText.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    name: str
    source: str

    @property
    def label(self) -> str:
        """A short name for figures and notes, e.g. ``'Eq. 10 as printed'``; the
        command-line name for a parameter set the course does not name."""
        return LAW_LABELS.get(self.name, self.name)


#: Short names of the three parameter sets, for figures and notes.
LAW_LABELS = {"hoffmann": "Eq. 10 as printed", "hoffmann-unrounded": "Eq. 10 unrounded",
              "epoch": "Epoch refit"}

#: Eq. 10 of Hoffmann et al. 2022 as printed (App. D.2).
HOFFMANN = ChinchillaParams(
    E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28, name="hoffmann",
    source="Hoffmann et al. 2022, Eq. 10 (as printed)",
)

#: The same fit unrounded, from the paper's TeX source, as used by Besiroglu et al. 2024.
HOFFMANN_UNROUNDED = ChinchillaParams(
    E=1.69337, A=406.401, B=410.723, alpha=0.33917, beta=0.28491,
    name="hoffmann-unrounded",
    source="Hoffmann et al. 2022, Eq. 10 (unrounded, from the TeX source)",
)

#: Besiroglu et al. 2024 (Epoch AI), refit of Approach 3 on 240 points of Figure 4.
EPOCH = ChinchillaParams(
    E=1.82, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658, name="epoch",
    source="Besiroglu et al. 2024, refit of Hoffmann et al. Approach 3",
)

#: The three parameter sets by their command-line names.
CHINCHILLA_LAWS = {p.name: p for p in (HOFFMANN, HOFFMANN_UNROUNDED, EPOCH)}

#: How Hoffmann et al. fitted Eq. 10 (Eq. 11 and App. D.2).
HOFFMANN_FIT_METHOD = {
    "huber_delta": 1e-3,
    "optimizer": "L-BFGS",
    "alpha_starts": (0.0, 0.5, 1.0, 1.5, 2.0),
    "beta_starts": (0.0, 0.5, 1.0, 1.5, 2.0),
    "e_starts": (-1.0, -0.5, 0.0, 0.5, 1.0),
    "a_starts": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "b_starts": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
}


@dataclass(frozen=True)
class AllocationExponents:
    """One row of Hoffmann et al. 2022, Table 2: N_opt ∝ C^a and D_opt ∝ C^b."""

    approach: str
    a: float
    b: float
    a_interval: tuple[float, float] | None  # 10th-90th percentile, as printed
    b_interval: tuple[float, float] | None


#: Hoffmann et al. 2022, Table 2.
HOFFMANN_TABLE_2 = (
    AllocationExponents("Approach 1", 0.50, 0.50, (0.488, 0.502), (0.501, 0.512)),
    AllocationExponents("Approach 2", 0.49, 0.51, (0.462, 0.534), (0.483, 0.529)),
    AllocationExponents("Approach 3", 0.46, 0.54, (0.454, 0.455), (0.542, 0.543)),
    AllocationExponents("Kaplan et al. (2020)", 0.73, 0.27, None, None),
)


@dataclass(frozen=True)
class Table3Row:
    """One row of Hoffmann et al. 2022, Table 3 (Approach 1's projections)."""

    params: float
    flops: float
    gopher_units: float  # FLOPs as a fraction or multiple of Gopher's budget
    tokens: float


#: Hoffmann et al. 2022, Table 3, as printed (rows are not exactly C = 6ND).
HOFFMANN_TABLE_3 = (
    Table3Row(400e6, 1.92e19, 1 / 29968, 8.0e9),
    Table3Row(1e9, 1.21e20, 1 / 4761, 20.2e9),
    Table3Row(10e9, 1.23e22, 1 / 46, 205.1e9),
    Table3Row(67e9, 5.76e23, 1.0, 1.5e12),
    Table3Row(175e9, 3.85e24, 6.7, 3.7e12),
    Table3Row(280e9, 9.90e24, 17.2, 5.9e12),
    Table3Row(520e9, 3.43e25, 59.5, 11.0e12),
    Table3Row(1e12, 1.27e26, 221.3, 21.2e12),
    Table3Row(10e12, 1.30e28, 22515.9, 216.2e12),
)


@dataclass(frozen=True)
class Model:
    """A trained model as its paper reports it (total parameters, training tokens)."""

    name: str
    params: float
    tokens: float
    flops: float | None
    source: str


#: Models the chapters place on the scaling laws.
MODELS = {
    "GPT-3": Model("GPT-3", 175e9, 300e9, 3.14e23, "Brown et al. 2020 (3640 PF-days)"),
    "Gopher": Model("Gopher", 280e9, 300e9, 5.76e23, "Rae et al. 2021"),
    "Chinchilla": Model("Chinchilla", 70e9, 1.4e12, None, "Hoffmann et al. 2022"),
}


@dataclass(frozen=True)
class TransformerShape:
    """The shape of a published Transformer, for counting its parameters and FLOPs
    (:mod:`scaling_lab.units`): layers, width, vocabulary and context, and the parameter
    count its paper prints."""

    name: str
    n_layer: int
    d_model: int
    n_vocab: int
    n_ctx: int
    paper_params: float
    source: str


#: GPT-2 small (Radford et al. 2019): 12 layers and d_model 768 (Table 2, which prints
#: 117M parameters for this shape), a vocabulary of 50,257 and a context of 1,024 tokens
#: (Sec. 2.3).
GPT2_SMALL = TransformerShape("GPT-2 small", 12, 768, 50257, 1024, 117e6,
                              "Radford et al. 2019, Table 2 and Sec. 2.3")

#: Kaplan et al. 2020's models: a byte-pair vocabulary of 50,257 tokens and a 1,024-token
#: context (Sec. 2), from 768 to 1.5e9 non-embedding parameters (Sec. 3).
KAPLAN_MODELS = {"n_vocab": 50257, "n_ctx": 1024, "smallest_N": 768, "largest_N": 1.5e9}

#: Clauset et al. 2009, Table 6.1 (word counts of Moby Dick) and what powerlaw 2.0's
#: ``Fit(counts, discrete=True)`` gives on the counts it ships.
MOBY_DICK_CLAUSET = {
    "paper_alpha": 1.95,
    "paper_alpha_stderr": 0.02,
    "paper_xmin": 7,
    "paper_n_tail": 2958,
    "powerlaw_alpha": 1.9527,
    "powerlaw_alpha_stderr": 0.0175,
    "powerlaw_lognormal_R": 0.44,
    "powerlaw_lognormal_p": 0.66,
    # The rest of Table 6.1's row ("count of word use"): n, mean, sd and largest count;
    # the bootstrap "±" of x_min and n_tail; the goodness-of-fit p-value (Sec. 4.1).
    "paper_n": 18855,
    "paper_mean": 11.14,
    "paper_sd": 148.33,
    "paper_xmax": 14086,
    "paper_xmin_se": 2,
    "paper_n_tail_se": 987,
    "paper_gof_p": 0.49,
    # Table 6.3, row "words": likelihood ratios (normalised for the non-nested
    # alternatives, raw for the nested cutoff) and their p-values.
    "paper_lognormal_R": 0.395,
    "paper_lognormal_p": 0.69,
    "paper_exponential_R": 9.09,
    "paper_cutoff_R": -0.899,
    "paper_cutoff_p": 0.18,
}

#: Michaud et al. 2023, the multitask sparse-parity setup (from the authors' code).
MICHAUD_SPARSE_PARITY = {
    "n_tasks": 500,
    "n_bits": 100,
    "k": 3,
    "zipf_exponent": 1.4,  # subtask probabilities ∝ i^-1.4, so gamma = 0.4
    "width_range": (10, 500),
}


@dataclass(frozen=True)
class MuennighoffConstants:
    """Data-constrained scaling, Muennighoff et al. 2023 (arXiv:2305.16264).

    Effective data D' = U + U R_D* (1 - exp(-R/R_D*)) for U unique tokens seen
    1 + R times; R_N* plays the same role for excess parameters.
    """

    negligible_epochs: float = 4  # Abstract: "up to 4 epochs ... negligible changes"
    # The fitted decay constants of their data-constrained law, rounded; unrounded in the
    # authors' repository (huggingface/datablations, README "Parametric Fit"):
    # rd_star = 15.387756, rn_star = 5.309743, with R_D = D / U - 1.
    R_D_star: float = 15.4  # decay constant of repeated data
    R_N_star: float = 5.3  # the same for excess parameters


#: Muennighoff et al. 2023: the value of repeated data.
MUENNIGHOFF = MuennighoffConstants()

#: Muennighoff et al. 2023 (arXiv:2305.16264), the data-constrained law unrounded, from the
#: authors' repository (huggingface/datablations, README "Parametric Fit"): the single-epoch
#: fit on C4, L = E + A / N^alpha + B / D^beta with (log A, log B, log E) = (6.255414,
#: 7.3049974, 0.6254804) and alpha = beta = 0.3526596, and the decay constants of excess
#: parameters and repeated data (App. A; printed rounded as 5.3 and 15.4).
MUENNIGHOFF_FIT = {
    "A": math.exp(6.255414),
    "B": math.exp(7.3049974),
    "E": math.exp(0.6254804),
    "alpha": 0.3526596,
    "beta": 0.3526596,
    "R_N_star": 5.309743,
    "R_D_star": 15.387756,
}

#: Kaplan et al. 2020 (arXiv:2001.08361), how the runs were trained: unless noted otherwise
#: every run used a fixed number of steps, one batch size and one schedule (3,000 linear
#: warmup steps, then a cosine decay to zero; Sec. 2.2), with the learning rate from one rule
#: of thumb, LR(N) ≈ 0.003239 - 0.0001395 log(N) (App. D.6). The L(N, D) runs used 10%
#: dropout and stopped once the test loss stopped falling, on WebText2 subsets down to a
#: 1024th of its 2.29e10 tokens, "about 2 × 10^7", an epoch of "only 40 parameter
#: updates" (Sec. 4.2).
KAPLAN_TRAINING = {
    "steps": 2.5e5,
    "batch_sequences": 512,
    "context_tokens": 1024,
    "warmup_steps": 3000,
    "lr_intercept": 0.003239,
    "lr_slope_per_log_n": -0.0001395,
    "dropout": 0.1,
    "webtext2_tokens": 2.29e10,
    "smallest_subset_fraction": 1 / 1024,
    "smallest_subset_epoch_updates": 40,
}

#: Sharma & Kaplan 2022 (arXiv:2004.10802), abstract: alpha ≈ 4/d for a data manifold of
#: intrinsic dimension d, for cross-entropy and mean-squared-error losses.
SHARMA_KAPLAN = {"numerator": 4}

#: Besiroglu et al. 2024 (arXiv:2404.10102), the data behind their refit of Approach 3:
#: runs read off Hoffmann et al.'s Figure 4, the five of highest loss dropped; and the
#: number of experiments Hoffmann et al.'s reported intervals would need ("over 600,000").
EPOCH_REPLICATION = {
    "points_read": 245,
    "points_dropped": 5,
    "points_used": 240,
    "experiments_for_reported_intervals": 600_000,
}

# -- Intervals on the exponents compared in the quantization chapter -------------------
#: Besiroglu et al. 2024 (arXiv:2404.10102): the standard errors printed in parentheses
#: beside their refit's estimates (from their bootstrap), rounded as printed.
EPOCH_STDERR = {"E": 0.03, "A": 124.58, "B": 1293.23, "alpha": 0.02,
                "beta": 0.02}

# -- How the scaling studies were designed (Chinchilla chapter) ------------------------
#: Hoffmann et al. 2022 (arXiv:2203.15556), Approach 1 (Sec. 3.1, Fig. 2): a fixed family
#: of models "ranging from 70M to over 10B parameters", 4 runs per size, each decaying the
#: learning rate tenfold over a horizon, the horizons ranging over a factor of 16; the
#: envelope read at 1500 logarithmically spaced FLOP values; footnote 4: "all selected
#: points are within the last 15% of training".
HOFFMANN_APPROACH_1 = {"min_params": 70e6, "max_params": 10e9, "runs": 4,
                       "horizon_spread": 16, "lr_decay": 10, "budgets": 1500,
                       "selected_within_last": 0.15}

#: Hoffmann et al. 2022, Approach 2 (Sec. 3.2, Fig. 3): 9 training-FLOP budgets from 6e18
#: to 3e21, model sizes up to 16B, the cosine cycle matched to each run's tokens.
HOFFMANN_APPROACH_2 = {"budgets": 9, "min_flops": 6e18, "max_flops": 3e21,
                       "max_params": 16e9}

#: How Kaplan et al.'s and Hoffmann et al.'s runs differ. Hoffmann et al. 2022, Sec. 2:
#: Kaplan et al. read intermediate losses of "a fixed learning rate cosine schedule to
#: 130B tokens" (KAPLAN_TRAINING's steps times batch times context, rounded); "the
#: majority of the models used in our analysis have more than 500 million parameters",
#: while most of Kaplan et al.'s are below 100M. Kaplan et al.'s smallest model is
#: KAPLAN_MODELS["smallest_N"] (kept there, referred to here).
SCALING_STUDY_DESIGNS = {"kaplan_schedule_tokens": 130e9,
                         "kaplan_smallest_params": KAPLAN_MODELS["smallest_N"],
                         "kaplan_majority_below": 100e6, "hoffmann_majority_above": 500e6}


# -- Real iso-FLOP runs and over-trained runs (Chinchilla chapter, issue 15) ------------
@dataclass(frozen=True)
class PorianConfiguration:
    """One training configuration of Porian et al. 2024 on RefinedWeb, as they report it.

    ``a`` is the exponent of N* ∝ C^a with its 95% bootstrap interval, ``b`` that of
    D* ∝ C^b, ``n_opt_chinchilla`` their N* at Chinchilla's budget (5.88e23 FLOPs).
    """

    config_id: str
    label: str
    a: float
    a_interval: tuple[float, float]
    b: float
    n_opt_chinchilla: float


#: Porian et al. 2024, "Resolving Discrepancies in Compute-Optimal Scaling of Language
#: Models" (arXiv:2406.19146), RefinedWeb: the results table as the authors' code prints
#: it (formll/resolving-scaling-law-discrepancies, paper_tables.results_table on the
#: stored fit results, weighted fit of the bootstrap medians; a to 3 significant digits,
#: interval to 2 decimals; N* from plotting.print_fit). The first five are the steps from
#: Kaplan's setting to Chinchilla's, in the paper's order; then the same steps counting
#: attention FLOPs, and Kaplan's parameter count with tuned hyperparameters.
PORIAN_2024 = (
    PorianConfiguration("rw-base-long-kaplan-kaplan-train", "Reproducing Kaplan et al.",
                        0.835, (0.82, 0.85), 0.163, 3.03e12),
    PorianConfiguration("rw-base-long-kaplan-standard-val", "Counting last layer FLOPs",
                        0.706, (0.69, 0.72), 0.294, 7.87e11),
    PorianConfiguration("rw-base-short-kaplan-standard-val", "Correcting warmup",
                        0.602, (0.59, 0.62), 0.398, 2.92e11),
    PorianConfiguration("rw-base-short-chinchilla-standard-val", "Cosine decay",
                        0.571, (0.56, 0.59), 0.428, 1.83e11),
    PorianConfiguration("rw-tuned-short-const-standard-val", "Optimizer tuning (no decay)",
                        0.497, (0.49, 0.50), 0.503, 7.69e10),
    PorianConfiguration("rw-base-long-kaplan-attention-train",
                        "Counting last layer and attention FLOPs",
                        0.717, (0.70, 0.73), 0.283, 9.54e11),
    PorianConfiguration("rw-base-short-kaplan-attention-train", "Correcting warmup",
                        0.622, (0.61, 0.63), 0.378, 4.13e11),
    PorianConfiguration("rw-base-short-chinchilla-attention-train", "Cosine decay",
                        0.577, (0.56, 0.59), 0.423, 2.28e11),
    PorianConfiguration("rw-tuned-short-const-attention-train",
                        "Optimizer tuning (no decay)", 0.505, (0.50, 0.51), 0.495, 9.45e10),
    PorianConfiguration("rw-tuned-long-const-kaplan-train", "Kaplan Adjusted",
                        0.711, (0.70, 0.72), 0.289, 7.30e11),
)

#: The budget at which Porian et al. quote N* (configs.py CHINCHILLA_FLOPS): Chinchilla's.
PORIAN_CHINCHILLA_FLOPS = 5.88e23

#: Gadre et al. 2024, "Language models scale reliably with over-training and on
#: downstream tasks" (arXiv:2403.08540): relative errors of their extrapolations, as the
#: stored outputs of scaling_explorer.ipynb (cell 2, mlfoundations/scaling) print them:
#: trained on RedPajama, C4 eval loss, their law fitted on 5 small runs.
GADRE_2024_BACKTEST = {
    "training_set": "rpj",
    "loss_relative_error": {("open_lm_1b", 640): 0.007103, ("open_lm_7b", 20): 0.007320},
    "fit_points": 5,
}


# -- Beyond 2022: over-training and downstream error (beyond chapter, issue 18) ----------
#: Gadre et al. 2024 (arXiv:2403.08540), the protocol of their extrapolations as the
#: authors' notebook runs it (mlfoundations/scaling, scaling_explorer.ipynb, cells 1-2,
#: stored outputs): the loss law is fitted on the four small architectures at 20 tokens per
#: parameter plus the smallest (d_model 96) at 320; the error law on those five plus
#: open_lm_1b at 20. Relative errors of the predicted 17-task average top-1 error (C4 eval
#: loss, trained on RedPajama); the loss errors are GADRE_2024_BACKTEST's. The abstract's
#: targets: a 1.4B model on 900B tokens (32 times over-trained) and a 6.9B model on 138B
#: tokens, from runs of 300 times less compute (20 times for the error).
GADRE_2024_DOWNSTREAM = {
    "loss_fit": {"tokens_per_param": 20, "extra": ("d=96_l=8_h=4", 320)},
    "error_fit_extra": ("open_lm_1b", 20),
    "error_relative_error": {("open_lm_1b", 640): 0.036365, ("open_lm_7b", 20): 0.000464},
    "error_tasks": 17,
    "compute_ratio_loss": 300,
    "compute_ratio_error": 20,
}
