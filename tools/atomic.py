"""Write a cache or output file so that a process reading it concurrently sees all of it or
nothing: the two languages build and post-process at the same time and share .cache/."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def write_checked(path: Path, data: bytes) -> None:
    """``write_atomically`` ``data`` after a line holding its SHA-256 (see ``read_checked``)."""
    write_atomically(path, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)


def read_checked(path: Path) -> bytes | None:
    """What ``write_checked`` wrote at ``path``; None when nothing is there or it is damaged
    (a cache entry that fails its checksum is computed again, never served)."""
    try:
        digest, _, data = path.read_bytes().partition(b"\n")
    except FileNotFoundError:
        return None
    return data if hashlib.sha256(data).hexdigest().encode() == digest else None
