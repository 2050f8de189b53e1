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
