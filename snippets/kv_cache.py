"""How much memory the key-value cache takes: 2 · layers · h_kv · d_head · length · batch · bytes.

Every layer keeps, for every cached position of every sequence of the batch, one key and
one value vector of d_head numbers per key/value head (hence the 2).

Public API
----------
``kv_cache_bytes(layers, kv_heads, head_dim, length, batch, bytes_per_value) -> int``
    Bytes held by the cache; every argument is a positive integer (ValueError otherwise).
``ModelConfig(name, layers, query_heads, kv_heads, head_dim, source)``
    A published configuration; ``CONFIGS`` holds those the page cites:
    the base Transformer (Vaswani et al., 2017, Table 3) and Mistral 7B (Jiang et al.,
    2023, Table 1).
``example() -> list[CacheRow]`` / ``print_example(out, lang)``
    The cache of each configuration, with its own key/value heads and as if every query
    head had its own (multi-head), next to the scores of one decoding step.

Sections for pages: ``kv_cache_bytes``, ``example``.
Run: ``python -m snippets.kv_cache``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python snippets/kv_cache.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snippets.masks import _positive_int

GIB = 2**30
MIB = 2**20


# --8<-- [start:kv_cache_bytes]
def kv_cache_bytes(layers: int, kv_heads: int, head_dim: int, length: int, batch: int,
                   bytes_per_value: int) -> int:
    """2 (a key and a value) · layers · kv_heads · head_dim · length · batch · bytes."""
    factors = {"layers": layers, "kv_heads": kv_heads, "head_dim": head_dim,
               "length": length, "batch": batch, "bytes_per_value": bytes_per_value}
    total = 2
    for name, value in factors.items():
        total *= _positive_int(name, value)
    return total
# --8<-- [end:kv_cache_bytes]


@dataclass(frozen=True)
class ModelConfig:
    """The attention shape of a published model."""

    name: str
    layers: int
    query_heads: int
    kv_heads: int
    head_dim: int
    source: str  # references.bib key


CONFIGS = (
    ModelConfig("Transformer base", layers=6, query_heads=8, kv_heads=8, head_dim=64,
                source="vaswani2017attention"),  # N = 6, h = 8, d_k = d_v = 64 (Table 3)
    ModelConfig("Mistral 7B", layers=32, query_heads=32, kv_heads=8, head_dim=128,
                source="jiang2023mistral"),  # n_layers, n_heads, n_kv_heads, head_dim (Table 1)
)


@dataclass(frozen=True)
class CacheRow:
    """The cache of one configuration at one length, batch 1, 2 bytes per number."""

    config: ModelConfig
    length: int
    cache_bytes: int  # with the model's own kv_heads
    multi_head_bytes: int  # if every query head had its own keys and values
    step_score_bytes: int  # scores of ONE decoding step in one layer: h_q · 1 · length


# --8<-- [start:example]
def example(lengths: tuple[int, ...] = (2048, 8192), bytes_per_value: int = 2) -> list[CacheRow]:
    """Each configuration at each length, batch 1, 16-bit numbers (2 bytes)."""
    rows = []
    for config in CONFIGS:
        for length in lengths:
            cache = kv_cache_bytes(config.layers, config.kv_heads, config.head_dim, length,
                                   1, bytes_per_value)
            mha = kv_cache_bytes(config.layers, config.query_heads, config.head_dim, length,
                                 1, bytes_per_value)
            step = config.query_heads * length * bytes_per_value  # one query row per head
            rows.append(CacheRow(config, length, cache, mha, step))
    return rows


def print_example(out: Callable[..., object] = print, lang: str = "en") -> None:
    """Print the cache sizes in MiB and the size of one decoding step's scores in KiB."""
    heads = {"en": ("model", "length", "h_kv", "cache MiB", "if h_kv = h", "step scores KiB"),
             "es": ("modelo", "longitud", "h_kv", "caché MiB", "si h_kv = h",
                    "puntuaciones del paso KiB")}[lang]
    last = max(19, len(heads[5]) + 2)
    out(f"{heads[0]:<17}{heads[1]:>9}{heads[2]:>6}{heads[3]:>11}{heads[4]:>13}{heads[5]:>{last}}")
    for row in example():
        out(f"{row.config.name:<17}{row.length:>9}{row.config.kv_heads:>6}"
            f"{row.cache_bytes / MIB:>11.0f}{row.multi_head_bytes / MIB:>13.0f}"
            f"{row.step_score_bytes / 1024:>{last}.0f}")
# --8<-- [end:example]


if __name__ == "__main__":
    print_example()
