"""tools/material_startup.py: Material's script named on site.js's tag and patched to start
after the first paint; a change in Material's markup or script fails naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.material_startup import MaterialStartupError, apply, patch_bundle, start_from_site_js

PAGE = ('<body><p>Text</p>\n<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer>'
        '</script>\n  <script src="../assets/javascripts/site.js" defer></script></body>')
# The places Material's minified script is patched, as Material 9.x writes them.
BUNDLE = ('function an(){let e=new It(1);return h(document,"DOMContentLoaded",{once:!0})'
          '.subscribe(()=>e.next(document)),e}'
          'return i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),'
          's.color.media==="(prefers-color-scheme)"){}})'
          "\n//# sourceMappingURL=bundle.a5f9d56c.min.js.map\n")


def test_materials_tag_moves_onto_site_js():
    folded = start_from_site_js(PAGE, "page.html")
    assert folded == ('<body><p>Text</p>\n\n  <script src="../assets/javascripts/site.js" '
                      'data-ag-bundle="../assets/javascripts/bundle.a5f9d56c.min.js" defer>'
                      '</script></body>')


def test_a_page_without_materials_script_is_kept():
    page = "<body><p>A lazy block's body</p></body>"
    assert start_from_site_js(page, "fragment.html") == page


def test_materials_tag_without_site_js_after_it_fails_naming_the_page():
    page = PAGE.replace("site.js", "other.js")
    with pytest.raises(MaterialStartupError, match=r"es/glossary/index\.html"):
        start_from_site_js(page, "es/glossary/index.html")


def test_the_script_starts_without_waiting_for_domcontentloaded_and_marks_real_switches():
    patched = patch_bundle(BUNDLE, "bundle.js")
    assert "return setTimeout(()=>e.next(document)),e}" in patched
    assert ('if(document.body.getAttribute("data-md-color-scheme")!==s.color.scheme'
            '&&document.body.setAttribute("data-md-color-switching",""),') in patched
    assert "sourceMappingURL" not in patched and patched.endswith("{}})")


@pytest.mark.parametrize(("changed", "what"), [
    ('"DOMContentLoaded",{once:!0}', "DOMContentLoaded subscription"),
    ('"data-md-color-switching",""),', "palette switch"),
])
def test_a_changed_material_script_fails_naming_the_file_and_the_place(changed, what):
    with pytest.raises(MaterialStartupError, match=rf"bundle\.1234abcd\.min\.js: .*{what}"):
        patch_bundle(BUNDLE.replace(changed, changed.upper()), "bundle.1234abcd.min.js")


def test_apply_folds_every_page_and_patches_the_one_script(tmp_path: Path):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.a5f9d56c.min.js").write_text(BUNDLE, "utf-8")
    (scripts / "site.js").write_text("if (a) {\n  b();\n\n  \tc(`x  y`);\n}\n", "utf-8")
    page = tmp_path / "attention-weights" / "index.html"
    pages = {page: PAGE}
    apply(tmp_path, pages)
    assert 'data-ag-bundle="../assets/javascripts/bundle.a5f9d56c.min.js"' in pages[page]
    assert "setTimeout(()=>e.next(document))" in (scripts / "bundle.a5f9d56c.min.js").read_text()
    assert (scripts / "site.js").read_text() == "if (a) {\nb();\nc(`x  y`);\n}\n"
    (scripts / "bundle.0000ffff.min.js").write_text(BUNDLE, "utf-8")
    with pytest.raises(MaterialStartupError, match="expected one Material script"):
        apply(tmp_path, {})
