"""The course's own training runs: gradients, FLOP counts, seeding, the tiny shipped runs."""

from __future__ import annotations

import contextlib
import io
import json
import math
import warnings

import numpy as np
import pytest

from scaling_lab import ScalingLabError, ScalingLabWarning
from scaling_lab import experiments as ex
from scaling_lab import fit_power_law as sl_fit
from scaling_lab.cli import main
from scaling_lab.experiments import (
    CHARLM_TINY,
    MLP,
    SPARSE_PARITY_TINY,
    Adam,
    CharCorpus,
    SparseParity,
    charlm_config,
    fit_charlm,
    load_sweep,
    lr_schedule,
    run_charlm,
    run_lab,
    run_sparse_parity,
    sparse_parity_config,
    steps_for_budget,
    sweep_warnings,
    train,
)

NETS = {
    "one hidden layer": (dict(n_in=5, hidden=(7,), n_out=3), "real"),
    "two hidden layers": (dict(n_in=4, hidden=(6, 5), n_out=4), "real"),
    "embedding": (dict(n_in=3, hidden=(6,), n_out=5, vocab=5, embed=2), "tokens"),
    "embedding, two layers": (dict(n_in=2, hidden=(4, 3), n_out=6, vocab=6, embed=3),
                              "tokens"),
}


def _batch(kind, kwargs, rng, size=7):
    if kind == "real":
        x = rng.standard_normal((size, kwargs["n_in"]))
    else:
        x = rng.integers(0, kwargs["vocab"], size=(size, kwargs["n_in"]))
    return x, rng.integers(0, kwargs["n_out"], size=size)


@pytest.mark.parametrize("name", NETS)
def test_gradients_match_central_differences(name):
    kwargs, kind = NETS[name]
    rng = np.random.default_rng(3)
    net = MLP(**kwargs, seed=2, dtype=np.float64)
    for key in net.params:  # non-zero biases, so their gradients are exercised fully
        net.params[key] += 0.1 * rng.standard_normal(net.params[key].shape)
    x, y = _batch(kind, kwargs, rng)
    loss, grads = net.loss_and_grad(x, y)
    assert loss == pytest.approx(net.losses(x, y).mean(), rel=1e-12)
    assert set(grads) == set(net.params)
    h = 1e-6
    for key, p in net.params.items():
        numeric = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = net.losses(x, y).mean()
            p[i] = old - h
            down = net.losses(x, y).mean()
            p[i] = old
            numeric[i] = (up - down) / (2 * h)
        np.testing.assert_allclose(grads[key], numeric, atol=1e-8, err_msg=key)


def test_flops_of_a_tiny_network_by_hand():
    # 3 -> 4 (ReLU) -> 2, batch 5, counted line by line of MLP.forward / loss_and_grad
    B = 5
    fwd = B * (2 * 3 * 4 + 4) + B * 4 + B * (2 * 4 * 2 + 2)  # layers, ReLU
    fwd += B * (4 * 2 + 2) + B + 1  # softmax cross-entropy; the batch mean
    bwd = B * (2 * 2 + 1) + 1  # dz = e / total - onehot, times 1/B
    bwd += B * (2 * 4 * 2 + 2)  # dW1, db1
    bwd += B * (2 * 4 * 2) + B * 2 * 4  # dh1 = dz W1^T, the ReLU mask (compare, multiply)
    bwd += B * (2 * 3 * 4 + 4)  # dW0, db0 (no gradient for the input)
    f = MLP(3, (4,), 2).flops(B)
    assert (f["forward"], f["backward"]) == (fwd, bwd)
    assert f["per_example"] == (fwd + bwd) / B


def test_flops_of_an_embedding_network_by_hand():
    # tokens: context 2, embed 3 -> 6 inputs -> 4 (ReLU) -> vocab 5, batch 1
    fwd = (2 * 6 * 4 + 4) + 4 + (2 * 4 * 5 + 5) + (4 * 5 + 2) + 1 + 1
    bwd = (2 * 5 + 1) + 1 + (2 * 4 * 5 + 5) + (2 * 4 * 5 + 2 * 4) + (2 * 6 * 4 + 4)
    bwd += 2 * 6 * 4 + 6  # dh0 = dz0 W0^T, then the scatter-add into the table
    f = MLP(2, (4,), 5, vocab=5, embed=3).flops(1)
    assert (f["forward"], f["backward"]) == (fwd, bwd)


def test_flops_approach_six_per_parameter_for_wide_layers():
    # C ≈ 6N per example (Kaplan et al. Sec. 2.1) when matrices dominate; the first
    # layer of a real-input network needs no input gradient, so 4 per weight there.
    net = MLP(512, (512, 512), 512)
    weights = [512 * 512] * 3
    ratio = net.flops(64)["per_example"] / (4 * weights[0] + 6 * sum(weights[1:]))
    assert ratio == pytest.approx(1.0, abs=0.01)
    token_net = MLP(16, (2048,), 64, vocab=64, embed=64)
    assert token_net.flops(64)["per_example"] / (6 * token_net.n_params) == \
        pytest.approx(1.0, abs=0.02)


def test_adam_matches_the_textbook_form():
    rng = np.random.default_rng(0)
    p = {"w": rng.standard_normal(6)}
    ref = p["w"].copy()
    m = np.zeros(6)
    v = np.zeros(6)
    opt = Adam(p, eps=0.0)
    for t in range(1, 6):
        g = rng.standard_normal(6)
        opt.step({"w": g}, 0.01)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        ref -= 0.01 * (m / (1 - 0.9**t)) / np.sqrt(v / (1 - 0.999**t))
    np.testing.assert_allclose(p["w"], ref, rtol=1e-12)
    assert opt.flops() == 12 * 6


def test_schedule_warms_up_then_decays_by_cosine():
    lr = lr_schedule(np.arange(100), 100, 1.0, warmup=10, final=0.1)
    np.testing.assert_allclose(lr[:10], np.arange(1, 11) / 10)
    assert lr[10] == 1.0 and lr[-1] == pytest.approx(0.1)
    assert np.all(np.diff(lr[10:]) < 0)
    mid = 10 + (99 - 10) / 2
    assert np.interp(mid, np.arange(100), lr) == pytest.approx(0.55, abs=1e-3)
    with pytest.raises(ScalingLabError, match="'step' must be < total"):
        lr_schedule(100, 100, 1.0)


def test_seeds_fix_weights_and_runs():
    task = SparseParity(3, 6, 2, 0.4)
    a, b, c = (MLP(task.n_in, (8,), 2, seed=s) for s in (1, 1, 2))
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W0"], c.params["W0"])
    runs = [train(net, task.sample, steps=50, batch=16, lr=0.01, seed=4,
                  evaluate=task.evaluator(20)) for net in (a, b)]
    np.testing.assert_array_equal(runs[0].final_loss, runs[1].final_loss)
    other = train(c, task.sample, steps=50, batch=16, lr=0.01, seed=5,
                  evaluate=task.evaluator(20))
    assert not np.array_equal(runs[0].final_loss, other.final_loss)


def test_sparse_parity_labels_are_parities_and_frequencies_zipfian():
    task = SparseParity(5, 10, 3, 0.5, seed=1)
    x, y = task.sample(np.random.default_rng(0), 400)
    tasks = x[:, :5].argmax(axis=1)
    bits = x[:, 5:].astype(int)
    for i in range(400):
        assert y[i] == bits[i, task.subsets[tasks[i]]].sum() % 2
    assert task.probabilities.sum() == pytest.approx(1.0)
    assert task.probabilities[0] / task.probabilities[3] == pytest.approx(4**1.5)
    with pytest.raises(ScalingLabError, match="'k' must be <= n_bits"):
        SparseParity(2, 3, 4, 0.4)


def test_training_compute_is_steps_times_flops_per_step():
    net = MLP(4, (8,), 2)
    per_step = sum(net.flops(16)[k] for k in ("forward", "backward"))
    steps = steps_for_budget(net, 30.5 * per_step, 16)
    assert steps == 30

    def sample(rng, batch):
        return rng.standard_normal((batch, 4)), rng.integers(0, 2, batch)

    run = train(net, sample, steps=steps, batch=16, lr=0.01)
    assert run.flops == 30 * per_step and run.optimizer_flops == 30 * 12 * net.n_params


def test_character_corpus_round_trips_and_holds_out_every_twentieth_block():
    corpus = CharCorpus("abc " * 5000, block=100, every=4)
    assert corpus.vocab_size == 4
    assert corpus.test.size == corpus.train.size // 3
    assert corpus.decode(corpus.train[:8]) == "abc abc "


@pytest.mark.parametrize("name, config, runner", [
    ("tiny-sparse-parity", SPARSE_PARITY_TINY, run_sparse_parity),
    ("tiny-charlm", CHARLM_TINY, run_charlm),
])
def test_tiny_sweep_reproduces_its_shipped_result(name, config, runner):
    meta, shipped = load_sweep(name)
    assert meta["config"] == json.loads(json.dumps(config))
    out = runner(config, progress=False)
    tables = dict(zip(("runs", "curves"), out, strict=True)) if isinstance(out, tuple) \
        else {"runs": out}
    assert set(tables) == set(shipped)
    for key, rows in tables.items():
        for column, values in shipped[key].items():
            if column == "seconds":
                continue
            fresh = [r[column] for r in rows]
            if isinstance(values, list):
                assert fresh == values, column
            else:
                np.testing.assert_allclose(np.array(fresh, dtype=float), values,
                                           rtol=1e-9, atol=0, err_msg=column)


def _runs(losses, budget=1e9, lr=0.003):
    losses = np.asarray(losses, dtype=float)
    n = losses.size
    return {"part": ["isoflop"] * n, "budget": np.full(n, budget),
            "width": 4.0 * 2 ** np.arange(n), "n_params": 100.0 * 2 ** np.arange(n),
            "test_loss": losses, "lr": np.full(n, lr)}


def test_sweep_warnings_name_edges_learning_rate_and_budgets():
    edge = sweep_warnings(_runs([3.0, 2.5, 2.2]))
    assert any("largest size tried (width 16)" in w for w in edge)
    assert any("never bracketed" in w for w in edge)
    assert any("too few budgets" in w for w in edge)
    inside = sweep_warnings(_runs([3.0, 2.0, 2.2]))
    assert not any("size tried" in w for w in inside)
    four = {k: (v * 4 if isinstance(v, list) else np.tile(v, 4))
            for k, v in _runs([3.0, 2.0, 2.2]).items()}
    four["budget"] = np.repeat([1e9, 3e9, 1e10, 3e10], 3)
    four["part"] = four["part"] + ["lr"] * 2
    four["budget"] = np.append(four["budget"], [1e9, 1e9])
    four["width"] = np.append(four["width"], [8.0, 8.0])
    four["n_params"] = np.append(four["n_params"], [200.0, 200.0])
    four["test_loss"] = np.append(four["test_loss"], [2.3, 2.1])
    four["lr"] = np.append(four["lr"], [0.001, 0.01])
    assert sweep_warnings(four) == []
    four["test_loss"][-1] = 1.5  # the largest rate tried is best: not bracketed
    assert any("not bracketed" in w for w in sweep_warnings(four))


def test_budgets_scale_the_shipped_design():
    cfg = charlm_config(6e11, n_budgets=4, n_sizes=5)
    budgets = np.array(cfg["isoflop"]["budgets"])
    assert (budgets * 5).sum() == pytest.approx(6e11)
    np.testing.assert_allclose(budgets[1:] / budgets[:-1], math.sqrt(10))
    with pytest.raises(ScalingLabError, match="'budget' of 1e\\+06 FLOPs"):
        charlm_config(1e6)
    with pytest.raises(ScalingLabError, match="needs at least 100"):
        sparse_parity_config(1e8)


def test_lab_warns_and_the_command_reports(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScalingLabWarning)
        lab = run_lab("charlm", 2e9, tmp_path, n_budgets=2, n_sizes=3, bootstrap=40,
                      progress=False)
    assert all(w.category is ScalingLabWarning for w in caught)
    assert any("too few budgets" in str(w.message) for w in caught)
    assert [str(w.message) for w in caught] == lab.warnings
    assert lab.fits.approach2 is None and len(lab.runs["test_loss"]) == 6
    assert (tmp_path / "charlm.csv").exists() and (tmp_path / "charlm.json").exists()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["experiment", "charlm", "--budget", "2e9", "--budgets", "2",
                       "--sizes", "3", "--out", str(tmp_path / "cli"), "--json",
                       "--bootstrap", "40", "--no-progress"])
    assert status == 0
    result = json.loads(out.getvalue())
    assert result["runs"] == 6 and any("never bracketed" in w for w in result["warnings"])
    assert "scaling-lab: warning:" in err.getvalue()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["experiment", "charlm", "--budget", "1e5", "--out",
                     str(tmp_path)]) == 2
    assert "--budget" in err.getvalue()


def test_fit_charlm_on_the_tiny_shipped_runs_names_its_weaknesses():
    _, tables = load_sweep("tiny-charlm")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fits = fit_charlm(tables["runs"], bootstrap=40)
    assert fits.N is None  # two sizes only: no L(N) fit
    assert any("too few budgets" in w for w in fits.warnings)


def test_shipped_sweeps_are_complete_and_fit():
    meta, tables = load_sweep("sparse-parity")
    runs = tables["runs"]
    cfg = meta["config"]
    assert len(runs["width"]) == len(cfg["widths"]) * len(cfg["seeds"])
    assert np.all(runs["steps"] == cfg["steps"])
    fits = ex.fit_sparse_parity(meta, tables)
    lo, hi = fits.N.n_interval
    assert lo < fits.N.n < hi < 0
    meta, tables = load_sweep("charlm")
    part = np.array(tables["runs"]["part"])
    assert (part == "isoflop").sum() >= 20
    budgets = np.unique(tables["runs"]["budget"][part == "isoflop"])
    assert budgets.size >= 4
    # every iso-FLOP run spent its budget to within one step
    iso = part == "isoflop"
    spent = tables["runs"]["flops"][iso] / tables["runs"]["budget"][iso]
    assert np.all((spent <= 1) & (spent > 0.99))


def test_measure_exercises_accept_the_answer_and_name_mistakes():
    from scaling_lab.exercises import check, measure

    assert check("measure/flops-per-char", measure.flops_per_char_answer())
    six_n = 6 * ex.char_model(measure.FLOPS_WIDTH).n_params
    assert "6N" in check("measure/flops-per-char", six_n).message
    assert check("measure/predict-next", measure.predicted_loss_answer())
    assert check("measure/optimal-size", measure.optimal_size_answer())
    N, L = measure.sparse_parity_points()
    n = sl_fit(N, L).n
    assert check("measure/fit-N", n)
    assert "sign" in check("measure/fit-N", -n).message


def test_measure_explorer_walks_past_the_measured_budgets():
    from scaling_lab.explorers import get_explorer

    explorer = get_explorer("measure/isoflop")
    values = explorer.sliders[0].values
    assert "not measured" in explorer.frame(budget=values[-1]).note
    assert "runs" in explorer.frame(budget=values[0]).note


def test_experiment_refuses_a_budget_it_cannot_train(capsys, tmp_path):
    from scaling_lab.cli import main

    status = main(["experiment", "charlm", "--budget", "1e300", "--out", str(tmp_path),
                   "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and err[-1].startswith("scaling-lab: error: 'budget'"), err
    assert not any(tmp_path.iterdir())  # nothing written


def test_overlap_with_the_finite_list_prediction():
    import dataclasses

    fits = ex.fit_sparse_parity(*ex.load_sweep("sparse-parity"))
    for key, fit, model in (("N", fits.N, fits.N_finite), ("S", fits.S, fits.S_finite)):
        (a, b), (c, d) = fit.n_interval, model.n_interval
        assert fits.overlaps_finite(key) == (a <= d and c <= b)
    with pytest.raises(ScalingLabError, match="no finite-list prediction"):
        dataclasses.replace(fits, N_finite=None).overlaps_finite("N")
