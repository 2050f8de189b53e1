"""The build's disk caches (tools/postprocess.py, tools/trim_css.py) give what a fresh
computation gives, and never keep a failure: bad TeX fails every build, not only the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.postprocess import PostprocessError, render, render_cached, render_math
from tools.trim_css import purge, purge_cached


def test_a_cached_rendering_is_the_fresh_one(tmp_path: Path) -> None:
    first = render_cached(r"\sum_j e^{s_{ij}}", True, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1, "the rendering was not stored"
    (stored,) = tmp_path.iterdir()
    stored.write_text("tampered", "utf-8")  # proves the second call reads the file
    assert render_cached(r"\sum_j e^{s_{ij}}", True, tmp_path) == "tampered"
    assert first == render(r"\sum_j e^{s_{ij}}", True)
    assert render_cached(r"\sum_j e^{s_{ij}}", False, tmp_path) != first, "display mode ignored"


def test_bad_tex_fails_every_build_and_is_not_cached(tmp_path: Path) -> None:
    page = '<p><span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    for _ in range(2):
        with pytest.raises(PostprocessError, match=r"index\.md: KaTeX cannot render"):
            render_math(page, "index.md", cache=tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_cached_trimmed_stylesheet_is_the_fresh_one(tmp_path: Path) -> None:
    css = ".a{color:red}.b{--x:1;color:var(--y)}.c .a{--z:2}"
    fresh = purge(css, {"a", "b"}, "var(--y)")
    assert purge_cached(css, {"a", "b"}, "var(--y)", tmp_path) == fresh
    assert purge_cached(css, {"a", "b"}, "var(--y)", tmp_path) == fresh  # from the file
    assert purge_cached(css, {"a", "c"}, "var(--y)", tmp_path) == purge(css, {"a", "c"},
                                                                         "var(--y)")
    assert len(list(tmp_path.iterdir())) == 2, "different inputs must not share an entry"
