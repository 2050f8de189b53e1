// Small progressive enhancements on top of Material. Nothing here is needed to read a page.

// Keep the reader's place when switching language: the selector links already point at
// the same page in the other language, and heading ids are identical in both languages,
// so carrying the current #anchor over is enough.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element
    ? event.target.closest("a.md-select__link[hreflang]")
    : null;
  if (link && window.location.hash) {
    link.hash = window.location.hash;
  }
}, true);

// Material's search overlay has role="dialog" but no accessible name (axe:
// aria-dialog-name); name it after its own input's localized label.
for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
  const input = dialog.querySelector("input[aria-label]");
  if (input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }
}

// Keyboard access to content that scrolls sideways on small screens (axe:
// scrollable-region-focusable): wide formulas, tables and tab bars become focusable only when
// they actually overflow, so they add no useless tab stops on wide screens. Figures scroll
// on phones (extra.css).
const scrollables = () =>
  document.querySelectorAll(
    ".math-display, .tabbed-labels, .md-typeset__scrollwrap, .ag-figure-frame");
function markScrollable() {
  for (const element of scrollables()) {
    if (element.scrollWidth > element.clientWidth + 1) {
      element.setAttribute("tabindex", "0");
    } else {
      element.removeAttribute("tabindex");
    }
  }
}
markScrollable();
// Widths change once the math fonts arrive, and whenever the window is resized.
document.fonts.ready.then(markScrollable);
window.addEventListener("load", markScrollable);
window.addEventListener("resize", markScrollable, { passive: true });
// Blocks far from the viewport are not laid out (content-visibility in extra.css), so their
// overflow is unknown until the reader nears them: check again when one is rendered.
let recheck = false;
document.addEventListener("contentvisibilityautostatechange", (event) => {
  if (event.skipped || recheck) return;
  recheck = true;
  requestAnimationFrame(() => {
    recheck = false;
    markScrollable();
  });
}, true);

// Material wraps each code block's buttons in a <nav> without a name, so a page with
// several code blocks has several identical landmarks (axe: landmark-unique). Name each
// one after its position, in the page's language.
const codeLabel = document.documentElement.lang === "es" ? "Bloque de código" : "Code block";
function nameCodeNavs() {
  document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `${codeLabel} ${index + 1}`);
  });
}
nameCodeNavs();

// Material builds code-block buttons and table wrappers after this script has run: redo
// both fixes (once per frame at most) whenever the page's elements change.
let pending = false;
new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    nameCodeNavs();
    markScrollable();
  });
}).observe(document.body, { childList: true, subtree: true });
