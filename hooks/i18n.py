"""Bilingual plumbing shared by both builds (English at /, Spanish at /es/).

Each language is its own `mkdocs build`; this hook, registered in the base config, gives
every page what it needs to know about its twin in the other language:

* the build's absolute ``site_url`` (root + language prefix),
* per-page alternates: an absolute URL for ``hreflang`` and a relative URL for the
  language selector (so the switch works on any host, keeps the page, and -- with the
  small script in ``language-switch.js`` -- the anchor, because ids are language-neutral),
* UI strings that Material does not translate for us (404 page, permalink title).
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page


def languages(config: MkDocsConfig) -> list[dict[str, str]]:
    """The configured languages, e.g. ``[{"lang": "en", "name": ..., "prefix": ""}, ...]``."""
    return list(config.extra["languages"])


def build_language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def ui_strings(lang: str, section: str = "site") -> dict[str, str]:
    """UI text of ui/<lang>.yml: ``site`` (ours rather than Material's) or ``theme``."""
    from ui import strings

    try:
        return strings(lang, section)
    except ValueError as error:
        raise PluginError(f"hooks/i18n.py: {error}") from error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = build_language(config)
    by_lang = {item["lang"]: item for item in languages(config)}
    if lang not in by_lang:
        raise PluginError(f"theme.language {lang!r} is not listed in extra.languages")
    root = config.site_url or "http://127.0.0.1:8000/"
    if not root.endswith("/"):
        root += "/"
    config.extra["site_root"] = root
    # Material keeps the reader's choices (palette, linked tabs) in localStorage under its
    # "scope", by default each language's own folder: one scope, the site's root, for both.
    config.extra["scope"] = urlsplit(root).path
    config.site_url = root + by_lang[lang]["prefix"]
    config.extra["ui"] = ui_strings(lang)
    config.extra["theme_strings"] = ui_strings(lang, "theme")  # overrides/partials/language.html
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = config.extra["ui"][
        "permalink_title"
    ]
    return config


def _relative(from_path: str, to_path: str) -> str:
    """Relative URL from the page at site path ``from_path`` to ``to_path`` (both dir-style)."""
    start = posixpath.dirname(from_path) if not from_path.endswith("/") else from_path
    rel = posixpath.relpath(to_path or ".", start or ".")
    if to_path.endswith("/") or to_path == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" else rel


def alternates(page_url: str, config: MkDocsConfig) -> dict[str, Any]:
    """Links from ``page_url`` (relative to this build's root) to the same page in each language."""
    lang = build_language(config)
    root = config.extra["site_root"]
    items = languages(config)
    here = next(item["prefix"] for item in items if item["lang"] == lang) + page_url
    links = [
        {
            "lang": item["lang"],
            "name": item["name"],
            "absolute": root + item["prefix"] + page_url,
            "relative": _relative("/" + here, "/" + item["prefix"] + page_url),
            "current": item["lang"] == lang,
        }
        for item in items
    ]
    return {"alternates": links, "x_default": links[0]["absolute"]}


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any):
    context["i18n"] = alternates(page.url, config)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig):
    # The 404 page has no Page object: its selector points at each language's home page.
    if template_name == "404.html":
        context["i18n"] = alternates("", config)
    return context
