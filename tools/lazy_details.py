"""Collapsed blocks load when opened: the body of a closed <details> a reader must open to see
moves to a small file of its own, so the first view of a page does not carry it (issue 18).

Two kinds of block qualify (``CLASSES``): the setup code of a concept page
(tools/page_code.py ``setup_block``, 4-5 KB gzip on the longest pages) and a figure's data
table (snippets/figures/_html.py). A block whose body is at least ``MIN_BODY`` characters
keeps its ``<summary>`` and gets, in place of the body, a plain link to the file that holds
it: that link works without JavaScript and is what a crawler follows. In the browser, site.js
imports site-deferred.js on first use, which puts the body back in place when the block is
first opened (or a link targets an id inside it: those ids are listed in ``data-ag-ids``, or
the page is printed), with Material's copy button on its code. Material's search index is
written before post-processing, so search still finds the text.

Each body is written to ``assets/fragments/<hash>.html`` of its language's site, a complete
small HTML document (charset, language, title) whose ``<main id="ag-fragment">`` holds the
body exactly as the page had it; the name is a hash of that document, so pages with the same
body share one file and a changed body gets a new name.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path

from tools.atomic import write_atomically
from ui import LANGUAGES, strings

FOLDER = "assets/fragments"
CLASSES = ("example", "ag-figure-data")
MIN_BODY = 300  # characters (~150 B gzip): below, the body saves little more than its link costs
# A closed block of one of CLASSES (no "open" attribute, nothing but its class), its summary
# and its body; a body holding another <details> is left alone (never the case today).
_BLOCK = re.compile(
    r'<details class="(?P<cls>' + "|".join(map(re.escape, CLASSES)) + r')">'
    r"(?P<summary><summary>(?P<title>.*?)</summary>)(?P<body>(?:(?!<details[\s>]).)*?)"
    r"</details>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_LANG = re.compile(r'<html lang="([a-z]{2})"')
_TITLE = re.compile(r"<title>([^<]*)</title>")
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^":]+)">')  # the site's own
# The link a closed block keeps in place of its body (ui/<lang>.yml, site.lazy_block_link).
LINK_TEXT = {lang: strings(lang, "site")["lazy_block_link"] for lang in LANGUAGES}


# A block's file runs no script and fetches nothing but the site's stylesheets and icon.
FRAGMENT_POLICY = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
                   "img-src 'self' data:; font-src 'self' data:; connect-src 'none'; "
                   "worker-src 'none'; object-src 'none'; base-uri 'self'; form-action 'none'")


def fragment_document(body: str, title: str, lang: str, page_href: str = "",
                      stylesheets: tuple[str, ...] = ()) -> str:
    """The file a block's body moves to: readable on its own (without JavaScript: the page's
    stylesheets, its icon, a link back to ``page_href``), and ``site.js`` takes the children
    of ``#ag-fragment``."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    back = (f'<p><a href="{page_href}">← {title.rsplit(" · ", 1)[-1]}</a></p>'
            if page_href else "")
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            '<meta name="robots" content="noindex">'
            f'<meta http-equiv="Content-Security-Policy" content="{FRAGMENT_POLICY}">'
            f'<link rel="icon" href="../favicon.svg">{links}'
            f"<title>{title}</title></head>\n"
            # display:block: Material's flex body would size the column to the longest line.
            '<body style="display:block"><div class="md-typeset" style="max-width:61rem;'
            f'margin:1rem auto;padding:0 1rem">{back}<main id="ag-fragment">{body}</main>'
            "</div></body></html>\n")


def _lang(page: str, where: str) -> str:
    found = _LANG.search(page)
    if not found or found.group(1) not in LINK_TEXT:
        raise ValueError(f"{where}: no <html lang> among {sorted(LINK_TEXT)}; the lazy blocks' "
                         "link text (tools/lazy_details.py) needs the page's language")
    return found.group(1)


def defer_page(page: str, page_path: Path, root: Path, files: dict[str, str]) -> str:
    """``page`` with the body of each qualifying block replaced by a link to its file; the
    files to write are added to ``files`` (name -> document). ``page_path``: where the page
    is written under ``root`` (the language's site), so the link is relative to it."""
    lang: str | None = None
    page_title = _TITLE.search(page)
    folder = root / FOLDER

    def from_folder(target: Path) -> str:
        return os.path.relpath(target, folder).replace(os.sep, "/")

    back_href = from_folder(page_path.parent) + "/"
    stylesheets = tuple(from_folder(page_path.parent / href)
                        for href in _STYLESHEET.findall(page))

    def replace(match: re.Match[str]) -> str:
        nonlocal lang
        body = match.group("body")
        if len(body) < MIN_BODY:
            return match.group(0)
        lang = lang or _lang(page, str(page_path))
        title = re.sub(r"<[^>]+>", "", match.group("title"))
        if page_title:  # a reader who follows the link without JavaScript sees where it is from
            title = f"{title} · {page_title.group(1)}"
        document = fragment_document(body, title, lang, back_href, stylesheets)
        name = hashlib.sha256(document.encode()).hexdigest()[:12] + ".html"
        files[name] = document
        href = os.path.relpath(root / FOLDER / name, page_path.parent).replace(os.sep, "/")
        ids = " ".join(_ID.findall(body))
        targets = f' data-ag-ids="{html.escape(ids)}"' if ids else ""
        return (f'<details class="{match.group("cls")}" data-ag-lazy{targets}>'
                f'{match.group("summary")}<p class="ag-lazy-link"><a href="{href}">'
                f"{LINK_TEXT[lang]}</a></p></details>")

    return _BLOCK.sub(replace, page)


def defer_closed_details(root: Path, pages: dict[Path, str]) -> int:
    """Replace, in ``pages`` (path under ``root`` -> HTML, changed in place), the bodies of
    the closed blocks worth loading later, and write their files under ``root/FOLDER``.
    Returns how many files were written."""
    files: dict[str, str] = {}
    for path, text in pages.items():
        pages[path] = defer_page(text, path, root, files)
    for name, document in files.items():
        write_atomically(root / FOLDER / name, document.encode())
    return len(files)
