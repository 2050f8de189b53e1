"""Train the translator with Adam and write ``snippets/translator/weights.npz``.

Run: ``python -m snippets.translator.train`` (``make train``); ``--stop-after 200
--out FILE`` stops early (the reproducibility test). Everything is seeded
and nothing depends on the clock, so two runs write identical files. Prints the
held-out metrics of the saved weights and the training time.

Public API
----------
``Schedule``, ``train(schedule, config) -> (params, History)``, ``main()``.

Sections for pages: ``adam``, ``training_step``.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, we import numpy first: keep OpenBLAS on one thread. Our matrices
    # are tiny, and on a busy 2-core machine thread hand-offs made training 3 times
    # slower. The results are bit-identical either way (checked); only the speed changes.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from snippets.translator.checkpoint import (
    WEIGHTS_PATH,
    History,
    load,
    round_params,
    save,
)
from snippets.translator.corpus import Pair, Splits, make_splits, reference
from snippets.translator.evaluate import cross_attention, evaluate
from snippets.translator.model import (
    Batch,
    Config,
    Params,
    backward,
    forward,
    init_params,
)

EXAMPLE_SOURCE = "the small cat sleeps near the red house"


def example_pair() -> Pair:
    """The phrase whose cross-attention the figures follow through training.

    "the small cat sleeps near the red house" → "el gato pequeño duerme cerca de la casa roja":
    two adjective-noun crossings, one English word ("near") giving two Spanish words,
    and never seen in training ("red house" is a held-out combination).
    """
    return reference(EXAMPLE_SOURCE)


@dataclass(frozen=True)
class Schedule:
    steps: int = 1000
    batch_size: int = 64
    learning_rate: float = 3e-3
    warmup: int = 100  # steps of linear warm-up, then linear decay to 0
    log_every: int = 10  # loss curve resolution
    checkpoints: tuple[int, ...] = (0, 50, 100, 150, 200, 1000)
    seed: int = 0
    n_train: int = 12000
    n_test: int = 500


def learning_rate(step: int, s: Schedule) -> float:
    if step < s.warmup:
        return s.learning_rate * (step + 1) / s.warmup
    return s.learning_rate * max(0.0, (s.steps - step) / (s.steps - s.warmup))


# --8<-- [start:adam]
class Adam:
    """Adam (Kingma & Ba, 2015) with the usual bias correction."""

    def __init__(self, params: Params, beta1: float = 0.9, beta2: float = 0.98) -> None:
        self.beta1, self.beta2, self.t = beta1, beta2, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}  # mean of gradients
        self.v = {k: np.zeros_like(v) for k, v in params.items()}  # mean of squared gradients

    def step(self, params: Params, grads: Params, lr: float, eps: float = 1e-9) -> None:
        self.t += 1
        for k, g in grads.items():
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * g
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * g * g
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
# --8<-- [end:adam]


# --8<-- [start:training_step]
def training_step(params: Params, config: Config, adam: Adam, batch: Batch, lr: float) -> float:
    """One update: forward pass (loss), backward pass (gradients), Adam step. Returns the loss."""
    loss, cache = forward(params, config, batch)  # teacher forcing, mean cross-entropy
    grads = backward(params, config, cache)  # same keys and shapes as params
    adam.step(params, grads, lr)  # updates params in place
    return loss
# --8<-- [end:training_step]


def train(
    schedule: Schedule, config: Config, stop_after: int | None = None
) -> tuple[Params, History]:
    """Train from scratch; returns the final weights (float64) and the history.

    ``stop_after`` ends the run early, after that many steps of the same schedule
    (the learning rate still decays towards ``schedule.steps``): the weights and the
    history so far are exactly those of the full run at that step.
    """
    last = schedule.steps if stop_after is None else min(stop_after, schedule.steps)
    splits = make_splits(schedule.n_train, schedule.n_test, schedule.seed)
    example = example_pair()
    data = Batch.from_pairs(splits.train)
    rng = np.random.default_rng(schedule.seed + 1)
    params = init_params(config, schedule.seed)
    adam = Adam(params)
    losses, snapshots = [], []
    order = rng.permutation(len(splits.train))
    for step in range(schedule.steps + 1):
        if step in schedule.checkpoints:
            snapshots.append(_snapshot(params, config, splits, example))
        if step == last:
            break
        start = (step * schedule.batch_size) % len(order)
        if start + schedule.batch_size > len(order):  # new epoch, new order
            order = rng.permutation(len(splits.train))
        rows = order[start : start + schedule.batch_size]
        losses.append(
            training_step(params, config, adam, _trim(data, rows), learning_rate(step, schedule))
        )
    n_windows = len(losses) // schedule.log_every
    window = np.array(losses[: n_windows * schedule.log_every]).reshape(n_windows, -1)
    history = History(
        loss_steps=(np.arange(n_windows) + 1) * schedule.log_every,
        loss=window.mean(axis=1),
        checkpoint_steps=np.array([c for c in schedule.checkpoints if c <= last]),
        attention=np.stack([s[0] for s in snapshots]),
        exact_match=np.array([s[1] for s in snapshots]),
        alignment=np.array([s[2] for s in snapshots]),
    )
    return params, history


def _trim(data: Batch, rows: np.ndarray) -> Batch:
    """The selected rows, without the columns that are padding in all of them."""
    source, target_in, target_out = data.source[rows], data.target_in[rows], data.target_out[rows]
    s = int((source != 0).sum(axis=1).max())
    t = int((target_out != 0).sum(axis=1).max())
    return Batch(source[:, :s], target_in[:, :t], target_out[:, :t])


def _snapshot(
    params: Params, config: Config, splits: Splits, example: Pair
) -> tuple[np.ndarray, float, float]:
    rounded = round_params(params)  # as they would be stored
    metrics = evaluate(rounded, config, splits.test)
    return cross_attention(rounded, config, [example])[0], metrics.exact_match, metrics.alignment


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="file to write")
    parser.add_argument(
        "--stop-after", type=int, default=None, metavar="STEPS",
        help="stop early, after this many steps of the same schedule (needs --out)",
    )
    args = parser.parse_args(argv)
    if args.stop_after is not None and args.out == WEIGHTS_PATH:
        parser.error("--stop-after needs --out: it must not overwrite the committed weights")
    schedule, config = Schedule(), Config()
    started = time.perf_counter()
    params, history = train(schedule, config, stop_after=args.stop_after)
    seconds = time.perf_counter() - started
    save(args.out, params, config, history)
    saved = load(args.out)
    splits = make_splits(schedule.n_train, schedule.n_test, schedule.seed)
    metrics = evaluate(saved.params, saved.config, splits.test)
    steps = schedule.steps if args.stop_after is None else args.stop_after
    print(f"trained {steps} steps in {seconds:.1f} s; final loss {history.loss[-1]:.2e}")
    print(metrics.summary())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
