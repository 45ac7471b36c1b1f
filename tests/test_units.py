"""Counting: FLOPs and PF-days, and the parameters and FLOPs of a Transformer, against
Kaplan et al. 2020 (Sec. 2.1, Table 1), hand counts of GPT-2 small and the papers'
budgets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_lab import kaplan, published, units
from scaling_lab._validate import ScalingLabError

G = published.GPT2_SMALL


def _gpt2_by_hand():
    """GPT-2 small's weights matrix by matrix, written without the package: per layer
    the query, key and value projections (3 d^2), the output projection (d^2) and the
    two feed-forward matrices (2 * d * 4d); then the token and position tables."""
    d, layers = 768, 12
    per_layer = 3 * d * d + d * d + d * 4 * d + 4 * d * d
    return layers * per_layer, 50257 * d + 1024 * d


# --- FLOPs and PF-days ---------------------------------------------------------------

def test_compute_units():
    assert units.training_flops(175e9, 300e9)[0] == pytest.approx(3.15e23)
    assert units.flops_to_pf_days(8.64e19)[0] == pytest.approx(1.0)
    assert units.pf_days_to_flops(2.0)[0] == pytest.approx(1.728e20)


def test_gpt3_budget_is_brown_et_al():
    # Brown et al. 2020 quote 3640 PF-days (3.14e23 FLOPs); 6ND gives 3646.
    gpt3 = published.MODELS["GPT-3"]
    c = units.flops_to_pf_days(units.training_flops(gpt3.params, gpt3.tokens))[0]
    assert c == pytest.approx(3640, rel=0.01)
    assert c == pytest.approx(units.flops_to_pf_days(gpt3.flops)[0], rel=0.01)


def test_the_two_gopher_budgets():
    """6ND of 280B parameters and 300B tokens is 5.04e23 FLOPs, about 5,800 PF-days; the
    budget reported for Gopher (Hoffmann et al.'s unit, Table 3) is 5.76e23, 14% more."""
    gopher = published.MODELS["Gopher"]
    six_nd = units.training_flops(gopher.params, gopher.tokens)[0]
    assert six_nd == pytest.approx(6 * 280e9 * 300e9, rel=1e-12)
    assert units.flops_to_pf_days(six_nd)[0] == pytest.approx(5833.3, abs=0.1)
    assert gopher.flops == 5.76e23
    assert published.HOFFMANN_TABLE_3[3].flops == gopher.flops  # one Gopher unit
    assert units.flops_to_pf_days(gopher.flops)[0] == pytest.approx(6666.7, abs=0.1)
    assert gopher.flops / six_nd == pytest.approx(1.143, abs=1e-3)


def test_units_are_reexported_by_kaplan():
    assert kaplan.training_flops is units.training_flops
    assert kaplan.flops_to_pf_days is units.flops_to_pf_days
    assert kaplan.pf_days_to_flops is units.pf_days_to_flops


@given(C=st.floats(min_value=1e-3, max_value=1e9))
def test_pf_days_round_trip(C):
    assert units.flops_to_pf_days(units.pf_days_to_flops(C))[0] == pytest.approx(C)


# --- parameters ----------------------------------------------------------------------

def test_gpt2_small_shape_is_radford_et_al():
    assert (G.n_layer, G.d_model, G.n_vocab, G.n_ctx) == (12, 768, 50257, 1024)
    assert G.paper_params == 117e6  # as printed in Radford et al. 2019, Table 2


def test_gpt2_small_counts_by_hand():
    non_embedding, embedding = _gpt2_by_hand()
    c = units.count_parameters(n_layer=12, d_model=768, n_vocab=50257, n_ctx=1024)
    assert c.non_embedding == non_embedding == 12 * 12 * 768 ** 2
    assert c.embedding == embedding
    # About 39M of 124M, a third (the released model adds 0.1% of biases and norms).
    assert c.embedding == pytest.approx(39.4e6, rel=1e-3)
    assert c.total == pytest.approx(124.3e6, rel=1e-3)
    assert c.share == pytest.approx(1 / 3, abs=0.02)
    # Biases (9 d per layer) and layer norms (4 d per layer, 2 d at the end), which
    # Kaplan et al. leave out of N, change the total by 0.1%.
    with_biases = c.total + 12 * 13 * 768 + 2 * 768
    assert with_biases == 124_439_808
    assert c.total / with_biases == pytest.approx(1, abs=1e-3)


@given(n_layer=st.integers(1, 200), d_model=st.integers(1, 20000))
def test_twelve_n_layer_d_squared(n_layer, d_model):
    """Kaplan et al., Sec. 2.1: with d_attn = d_ff / 4 = d_model, N = 12 n_layer d^2."""
    assert units.non_embedding_params(n_layer=n_layer, d_model=d_model) == \
        12 * n_layer * d_model ** 2


def test_non_standard_shape_follows_table_1():
    # 2 d_model n_layer (2 d_attn + d_ff)
    n = units.non_embedding_params(n_layer=3, d_model=10, d_attn=6, d_ff=50)
    assert n == 2 * 10 * 3 * (2 * 6 + 50)


def test_embedding_share_falls_with_size():
    shares = [units.count_parameters(n_layer=n, d_model=64 * n, n_vocab=50257,
                                     n_ctx=1024).share for n in (1, 2, 6, 12, 48, 96)]
    assert all(a > b for a, b in zip(shares[:-1], shares[1:], strict=True))
    assert shares[0] > 0.9 and shares[-1] < 0.01


# --- FLOPs per token -----------------------------------------------------------------

def test_flops_per_token_terms_by_hand():
    layers, d, ctx, vocab = 12, 768, 1024, 50257
    N = 12 * layers * d * d
    shape = dict(n_layer=layers, d_model=d, n_ctx=ctx, n_vocab=vocab)
    # Table 1: C_forward = 2N + 2 n_layer n_ctx d_attn.
    assert units.flops_per_token(**shape) == 2 * N + 2 * layers * ctx * d
    assert units.flops_per_token(**shape, attention=False) == 2 * N
    # Embed 4 d_model, de-embed 2 d_model n_vocab.
    assert units.flops_per_token(**shape, embedding=True) == \
        2 * N + 2 * layers * ctx * d + 4 * d + 2 * d * vocab
    # Training is three forward passes: 6N without the extra terms.
    assert units.flops_per_token(**shape, attention=False, training=True) == 6 * N


def test_attention_term_is_small_when_d_model_is_large():
    """Kaplan et al., Sec. 2.1: the attention term is negligible for d_model >> n_ctx/12;
    its share is n_ctx / (12 d_model) of 2N."""
    for d in (768, 4096, 12288):
        full = units.flops_per_token(n_layer=4, d_model=d, n_ctx=1024)
        bare = units.flops_per_token(n_layer=4, d_model=d, n_ctx=1024, attention=False)
        assert full / bare - 1 == pytest.approx(1024 / (12 * d), rel=1e-12)


# --- validation ----------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, name", [
    (dict(n_layer=0, d_model=768), "n_layer"),
    (dict(n_layer=12.5, d_model=768), "n_layer"),
    (dict(n_layer=12, d_model=-1), "d_model"),
    (dict(n_layer=12, d_model=768, d_ff=0), "d_ff"),
])
def test_bad_shapes_raise_naming_the_argument(kwargs, name):
    with pytest.raises(ScalingLabError, match=name):
        units.non_embedding_params(**kwargs)


def test_embedding_flops_need_the_vocabulary():
    with pytest.raises(ScalingLabError, match="n_vocab"):
        units.flops_per_token(n_layer=12, d_model=768, n_ctx=1024, embedding=True)
    with pytest.raises(ScalingLabError, match="attention"):
        units.flops_per_token(n_layer=12, d_model=768, n_ctx=1024, attention="yes")


def test_bad_compute_raises():
    with pytest.raises(ScalingLabError, match="'C'"):
        units.flops_to_pf_days(-1.0)
    assert math.isclose(units.pf_days_to_flops(1.0)[0], published.PF_DAY)


def test_counts_for_prose_are_whole_numbers():
    assert units.format_count(60.0) == "60"
    assert units.format_count(5833.33) == "5,833"
    assert units.format_count(2 ** (1 / 0.076)) == "9,139"
    with pytest.raises(ScalingLabError, match="value"):
        units.format_count(float("nan"))


def test_kaplans_smallest_model_is_almost_all_embeddings():
    """Kaplan et al. (Sec. 2 and 3): GPT-2's vocabulary and context, models from 768 to
    1.5e9 non-embedding parameters; 768 is 12 n_layer d^2 for one layer of width 8."""
    setup = published.KAPLAN_MODELS
    assert setup == {"n_vocab": 50257, "n_ctx": 1024, "smallest_N": 768, "largest_N": 1.5e9}
    tiny = units.count_parameters(n_layer=1, d_model=8, n_vocab=setup["n_vocab"],
                                  n_ctx=setup["n_ctx"])
    assert tiny.non_embedding == setup["smallest_N"]
    assert tiny.embedding == (50257 + 1024) * 8
    assert tiny.share > 0.998
