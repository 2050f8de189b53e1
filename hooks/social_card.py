"""MkDocs hook: the image a shared link shows (Open Graph / Twitter card), one per language,
written to ``assets/social-card.png`` (tools/social_card.py draws and keeps it; the
pre-build draws it with the figures, and this build waits for it while the pre-build runs)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    from snippets._figure_files import await_prebuild
    from tools import social_card

    root = Path(config.config_file_path or ".").resolve().parent
    texts = social_card.texts(config.site_name, config.site_description)
    await_prebuild(social_card.cached_file(root, texts))
    target = Path(config.site_dir) / social_card.FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(social_card.png(root, texts))
