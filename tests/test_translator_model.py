"""The hand-written translator: gradients, committed weights, reproducibility, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from snippets.translator.checkpoint import WEIGHTS_PATH, load, save
from snippets.translator.corpus import make_splits, reference
from snippets.translator.evaluate import evaluate, translate
from snippets.translator.model import Batch, Config, backward, forward, init_params
from snippets.translator.train import Schedule, example_pair
from snippets.translator.train import main as train_main

ROOT = Path(__file__).resolve().parent.parent

SMALL = Config(d_model=4, heads=2, d_ff=6)


@pytest.fixture(scope="module")
def small_problem():
    """A tiny float64 model and a batch of phrases of different lengths (so with padding)."""
    params = init_params(SMALL, seed=3)
    pairs = [reference(t) for t in ("the red house", "a cat runs near my new boats", "my dogs")]
    batch = Batch.from_pairs(pairs)
    assert (~batch.source_valid).any() and (~batch.target_valid).any()
    _, cache = forward(params, SMALL, batch)
    return params, batch, backward(params, SMALL, cache)


@pytest.mark.parametrize("name", sorted(init_params(SMALL)))
def test_gradient_matches_finite_differences(small_problem, name: str) -> None:
    params, batch, grads = small_problem
    assert grads.keys() == params.keys()
    value = params[name]
    numeric = np.zeros_like(value)
    eps = 1e-6
    for index in np.ndindex(value.shape):
        saved = value[index]
        value[index] = saved + eps
        plus, _ = forward(params, SMALL, batch)
        value[index] = saved - eps
        minus, _ = forward(params, SMALL, batch)
        value[index] = saved
        numeric[index] = (plus - minus) / (2 * eps)
    scale = max(np.abs(numeric).max(), np.abs(grads[name]).max())
    assert scale > 1e-8, f"{name}: gradient is zero, the check would prove nothing"
    assert np.abs(numeric - grads[name]).max() / scale < 1e-6, name


@pytest.fixture(scope="module")
def committed():
    return load()


@pytest.fixture(scope="module")
def held_out_metrics(committed):
    return evaluate(committed.params, committed.config, make_splits().test)


def test_committed_weights_translate_held_out_phrases(held_out_metrics) -> None:
    assert held_out_metrics.phrases == 500
    assert held_out_metrics.exact_match >= 0.95, held_out_metrics.mistakes[:5]


def test_committed_cross_attention_finds_the_gold_alignment(held_out_metrics) -> None:
    assert held_out_metrics.words > 3000
    assert held_out_metrics.alignment >= 0.90


def test_adjective_noun_crossing_is_learned(committed) -> None:
    """Producing "casa" the decoder looks at "house"; producing "roja" it looks at "red"."""
    from snippets.translator.evaluate import cross_attention

    pair = reference("the red house")
    weights = cross_attention(committed.params, committed.config, [pair])[0].mean(axis=0)
    assert translate("the red house") == "la casa roja"  # "red house" never seen in training
    assert weights[:3].argmax(axis=1).tolist() == [0, 2, 1]


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("the small dogs", "los perros pequeños"), ("this hen eats near the dog", None)],
)
def test_translate_agrees_with_the_grammar(english: str, spanish: str | None) -> None:
    expected = spanish or " ".join(reference(english).target)
    assert translate(english) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("the purple house", "purple"),
        ("the dog <eos>", "<eos>"),
        ("", "empty"),
        ("the dog " * 5, "at most 8"),
    ],
)
def test_translate_rejects_bad_input(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        translate(text)


def test_missing_weights_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nowhere\.npz"):
        load(tmp_path / "nowhere.npz")


def test_weights_for_another_lexicon_are_refused(tmp_path: Path, committed) -> None:
    config = Config(source_vocab=committed.config.source_vocab + 1)
    path = tmp_path / "old.npz"
    save(path, init_params(config), config, committed.history)
    with pytest.raises(ValueError, match="lexicon now has"):
        load(path)


def test_saving_is_byte_for_byte_deterministic(tmp_path: Path, committed) -> None:
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    save(a, committed.params, committed.config, committed.history)
    save(b, committed.params, committed.config, committed.history)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == WEIGHTS_PATH.read_bytes()  # the committed file round-trips


def test_retraining_reproduces_the_committed_history(committed, tmp_path: Path) -> None:
    """Re-run the first 200 of the 1000 steps with the real command (a fifth of `make train`).

    The history stores the loss of every 10-step window and, at steps 0 to 200, the
    example phrase's cross-attention and the held-out metrics, so any change to the data,
    initialisation, model, gradients or schedule shows up here. On this machine the
    numbers are bit-identical; other CPUs' BLAS kernels round differently, so compare
    with a tolerance far below any real change (another seed moves them by O(0.1)).
    A subprocess, because the command pins OpenBLAS to one thread before importing numpy.
    """
    stop, out = 200, tmp_path / "partial.npz"
    command = [sys.executable, "-m", "snippets.translator.train", "--stop-after", str(stop)]
    done = subprocess.run(
        [*command, "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert f"trained {stop} steps" in done.stdout
    history, saved = load(out).history, committed.history
    windows = int(np.sum(saved.loss_steps <= stop))
    snapshots = int(np.sum(saved.checkpoint_steps <= stop))
    assert snapshots >= 3
    assert history.checkpoint_steps.tolist() == saved.checkpoint_steps[:snapshots].tolist()
    np.testing.assert_allclose(history.loss, saved.loss[:windows], rtol=1e-4)
    np.testing.assert_allclose(history.attention, saved.attention[:snapshots], atol=1e-4)
    np.testing.assert_allclose(history.exact_match, saved.exact_match[:snapshots], atol=1e-6)
    np.testing.assert_allclose(history.alignment, saved.alignment[:snapshots], atol=1e-6)


@pytest.mark.slow
def test_full_retraining_reproduces_the_committed_weights(committed, tmp_path: Path) -> None:
    """`make train` from scratch (about 10 s, one thread) gives the committed model back.

    Bit-identical on this kind of machine; the tolerance only absorbs another CPU's BLAS
    rounding. The committed file is what the pages, figures and explorer are drawn from, so
    this is the check that the weights in the repository are the ones the code produces.
    """
    out = tmp_path / "weights.npz"
    done = subprocess.run([sys.executable, "-m", "snippets.translator.train", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    retrained = load(out)
    assert retrained.config == committed.config
    assert retrained.params.keys() == committed.params.keys()
    for name, value in committed.params.items():
        np.testing.assert_allclose(retrained.params[name], value, rtol=1e-4, atol=1e-5,
                                   err_msg=f"parameter {name}")
    np.testing.assert_allclose(retrained.history.loss, committed.history.loss, rtol=1e-4)
    assert retrained.history.exact_match.tolist() == committed.history.exact_match.tolist()
    assert retrained.history.alignment.tolist() == committed.history.alignment.tolist()


def test_partial_training_refuses_to_overwrite_the_committed_weights() -> None:
    with pytest.raises(SystemExit):
        train_main(["--stop-after", "10"])


def test_history_follows_the_example_phrase(committed) -> None:
    h = committed.history
    pair = example_pair()
    steps = Schedule().checkpoints
    assert h.checkpoint_steps.tolist() == list(steps)
    heads = committed.config.heads
    assert h.attention.shape == (len(steps), heads, len(pair.target) + 1, len(pair.source))
    np.testing.assert_allclose(h.attention.sum(axis=-1), 1.0, atol=1e-5)
    assert h.loss[-1] < h.loss[0] / 100
    # alignment emerges: far better at the end than at initialisation
    assert h.alignment[0] < 0.5 < 0.9 < h.alignment[-1]
