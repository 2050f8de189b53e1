"""Save and load the trained translator: weights, configuration and training history.

One ``.npz`` file (a zip of ``.npy`` arrays, readable by ``numpy.load``). It is written
byte for byte the same on every run: fixed zip timestamps, fixed key order and float32
weights, so retraining leaves ``git diff`` empty.

Keys: ``param/<name>`` (float32), ``config`` (JSON text), ``history/<name>``.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from snippets.translator.lexicon import SOURCE_VOCAB, TARGET_VOCAB
from snippets.translator.model import Config, Params, init_params

WEIGHTS_PATH = Path(__file__).with_name("weights.npz")


@dataclass(frozen=True)
class History:
    """What happened during training, for the figures.

    ``loss_steps`` (n,), ``loss`` (n,): mean training loss over each logging window.
    ``checkpoint_steps`` (c,): steps at which the snapshots below were taken.
    ``attention`` (c, H, T + 1, S): teacher-forced cross-attention of the example phrase.
    ``exact_match`` (c,), ``alignment`` (c,): held-out metrics at those steps.
    """

    loss_steps: np.ndarray
    loss: np.ndarray
    checkpoint_steps: np.ndarray
    attention: np.ndarray
    exact_match: np.ndarray
    alignment: np.ndarray


@dataclass(frozen=True)
class Saved:
    params: Params  # float64 copies of the stored float32 weights
    config: Config
    history: History


def round_params(params: Params) -> Params:
    """The weights exactly as they are stored (float32), back in float64 for computing."""
    return {k: v.astype(np.float32).astype(np.float64) for k, v in params.items()}


def save(path: Path, params: Params, config: Config, history: History) -> None:
    arrays = {f"param/{k}": v.astype(np.float32) for k, v in params.items()}
    arrays["config"] = np.array(json.dumps(config.as_dict(), sort_keys=True))
    for name in History.__dataclass_fields__:
        value = np.asarray(getattr(history, name))
        arrays[f"history/{name}"] = value.astype(
            np.float32 if value.dtype.kind == "f" else np.int32
        )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, value in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, value, allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buffer.getvalue())


def load(path: Path = WEIGHTS_PATH) -> Saved:
    """Read a file written by ``save``; a missing file or key raises a ValueError naming it."""
    if not path.is_file():
        raise ValueError(
            f"weights file {path} not found: run `python -m snippets.translator.train`"
        )
    with np.load(path, allow_pickle=False) as data:
        keys = set(data.files)
        if "config" not in keys:
            raise ValueError(f"weights file {path} has no 'config' entry")
        config = Config(**json.loads(str(data["config"])))
        lexicon = (len(SOURCE_VOCAB), len(TARGET_VOCAB))
        if (config.source_vocab, config.target_vocab) != lexicon:
            raise ValueError(
                f"weights file {path} was trained for vocabularies of sizes "
                f"{(config.source_vocab, config.target_vocab)}, but the lexicon now has "
                f"{lexicon}: retrain with `python -m snippets.translator.train`"
            )
        params = {
            k.removeprefix("param/"): data[k].astype(np.float64)
            for k in data.files
            if k.startswith("param/")
        }
        expected = init_params(config)
        bad = [
            f"param/{k}"
            for k, v in expected.items()
            if k not in params or params[k].shape != v.shape
        ]
        if bad:
            raise ValueError(f"weights file {path}: missing or misshapen {bad}")
        fields = list(History.__dataclass_fields__)
        missing = [f"history/{n}" for n in fields if f"history/{n}" not in keys]
        if missing:
            raise ValueError(f"weights file {path} lacks {missing}")
        history = History(**{n: data[f"history/{n}"] for n in fields})
    return Saved(params, config, history)
