"""The glossary in a real browser (issue 17): cross-language term search, the access date
filled in on copy, and old versions readable at their own address."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from glossary.build import project_data

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def context(browser):
    # A phone-sized window, as in test_browser.py: search opens from the header button.
    ctx = browser.new_context(viewport={"width": 412, "height": 915})
    yield ctx
    ctx.close()


def _search(context, server: str, path: str, query: str) -> list[str]:
    """Result addresses, best first, as site paths ('/glossary/x/#y')."""
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.href)")
    page.close()
    return [urlsplit(href).path for href in hrefs]


# (site, query in the other language, the entry it must find first). Known limit, not
# tested: when a longer term contains the query ("máscara causal" and "máscara causal
# alineada abajo a la derecha"), Material's ranking may put the longer entry first; both
# are then the first two results.
CROSS_LANGUAGE = [
    ("", "peso de atención", "/glossary/attention-weight/"),
    ("es/", "attention weight", "/es/glossary/attention-weight/"),
    ("", "atención cruzada", "/glossary/cross-attention/"),
    ("es/", "self-attention", "/es/glossary/self-attention/"),
    ("es/", "scaled dot-product attention", "/es/glossary/scaled-dot-product-attention/"),
]


@pytest.mark.parametrize(("site_path", "query", "entry"), CROSS_LANGUAGE,
                         ids=[f"{s or 'en/'}{q}" for s, q, _ in CROSS_LANGUAGE])
def test_a_term_in_the_other_language_finds_its_entry_first(
    server: str, context, site_path: str, query: str, entry: str
) -> None:
    hits = _search(context, server, site_path, query)
    assert hits, f"no result for {query!r}"
    assert hits[0] == entry, f"{query!r}: first results {hits[:4]}"


def test_exact_term_ranks_the_entry_above_pages_that_mention_the_words(
    server: str, context
) -> None:
    """Today's complaint: "peso de atención" put Object detection, Encoder-decoder and Decoder
    first, pages whose Spanish terms merely contain "de" or "atención"."""
    hits = _search(context, server, "", "peso de atención")
    mentions = [h for h in hits if h.startswith(("/glossary/object-detection/",
                                                 "/glossary/encoder-decoder/",
                                                 "/glossary/decoder/"))]
    assert hits[0] == "/glossary/attention-weight/"
    assert not mentions or hits.index(mentions[0]) > 0


@pytest.mark.parametrize(("path", "placeholder", "pattern"), [
    ("glossary/attention-weight/", "[date of access]",
     r"Retrieved [A-Z][a-z]+ \d{1,2}, \d{4}, from"),
    ("es/glossary/attention-weight/", "[fecha de consulta]",
     r"Recuperado el \d{1,2} de [a-z]+ de \d{4} de"),
])
def test_access_date_is_the_readers_date_and_copying_uses_it(
    server: str, context, path: str, placeholder: str, pattern: str
) -> None:
    import re
    from datetime import date

    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    apa = page.locator(".ag-apa").inner_text()
    assert placeholder not in apa and re.search(pattern, apa), apa
    current = project_data().glossary["attention-weight"].version
    assert f"/glossary/attention-weight/{current}/" in apa  # the version's permanent address
    # The APA tab, in case an earlier page left another one chosen: Material keeps the chosen
    # tab for the whole site, both languages (one storage scope, hooks/i18n.py).
    page.locator(".ag-cite label", has_text="APA").click()
    page.locator(".ag-apa .md-clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.search(pattern, copied), copied
    page.locator(".ag-cite label", has_text="BibTeX").click()
    bib = page.locator(".ag-cite .tabbed-block").nth(1).inner_text()
    assert f"urldate      = {{{date.today().isoformat()}}}" in bib, bib
    page.close()


def test_without_javascript_the_placeholder_stays(browser, server: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "es/glossary/attention-weight/")
    assert "Recuperado el [fecha de consulta] de" in page.locator(".ag-apa").inner_text()
    ctx.close()


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_old_version_is_readable_and_links_to_the_current_one(
    server: str, context, prefix: str
) -> None:
    page = context.new_page()
    page.goto(server + prefix + "glossary/attention-weight/1.0/", wait_until="networkidle")
    body = page.locator("article").inner_text()
    assert ("aplicar softmax a las puntuaciones" in body) == (prefix == "es/")
    notice = page.locator(".admonition.warning")
    assert notice.count() == 1
    notice.get_by_role("link").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/{prefix}glossary/attention-weight/"
    page.close()
