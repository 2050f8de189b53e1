// Small progressive enhancements on top of Material. Nothing here is needed to read a page.

// Keep the reader's place when switching language: the selector links already point at
// the same page in the other language, and heading ids are identical in both languages.
// Carry the #anchor over, or, without one, the section being read (the last heading above
// the top of the window, the one the table of contents highlights). Keep the palette too:
// Material stores it per language root ("/.__palette", "/es/.__palette").
function sectionInView() {
  const headings = document.querySelectorAll(
    "article :is(h2, h3, h4)[id], .md-content .ag-explorer[id]");
  const top = document.querySelector(".md-header")?.offsetHeight ?? 0;
  let current = null;
  for (const heading of headings) {
    if (heading.getBoundingClientRect().top - top > 8) break;
    current = heading;
  }
  return current ? `#${current.id}` : "";
}
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element
    ? event.target.closest("a.md-select__link[hreflang]")
    : null;
  if (!link) return;
  const hash = window.location.hash || sectionInView();
  if (hash) link.hash = hash;
  try {
    const here = window.__md_scope.pathname;
    const root = document.documentElement.lang === "en" ? here : here.replace(/[^/]+\/$/, "");
    const there = link.hreflang === "en" ? root : `${root}${link.hreflang}/`;
    const palette = localStorage.getItem(`${here}.__palette`);
    if (palette && there !== here) localStorage.setItem(`${there}.__palette`, palette);
  } catch {
    // no storage (private mode): the other language opens in its default palette
  }
}, true);

// Keyboard access to content that scrolls sideways on small screens (axe:
// scrollable-region-focusable): wide formulas, tables and tab bars become focusable only when
// they actually overflow, so they add no useless tab stops on wide screens. Figures scroll
// on phones (extra.css).
const scrollables = () =>
  document.querySelectorAll(
    ".math-display, .tabbed-labels, .md-typeset__scrollwrap, .ag-figure-frame, "
    + "details[data-ag-lazy='loaded'] pre > code");
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
// Widths change once the math fonts arrive, and whenever the window is resized. A KaTeX font
// is fetched only when a formula that uses it is first drawn, which may be long after
// fonts.ready: every font that finishes loading triggers a check.
document.fonts.ready.then(markScrollable);
document.fonts.addEventListener("loadingdone", markScrollable);
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
    dropFoundFromMissing();
  });
}).observe(document.body, { childList: true, subtree: true });

// Search results: Material lists under "Missing:" each query term that the result lacks, but
// our stemmed-or-prefix queries ("attention attention*") can leave a term marked missing in a
// result that highlights it. Drop a "missing" term that the result highlights.
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
function dropFoundFromMissing() {
  for (const terms of document.querySelectorAll(".md-search-result__terms")) {
    const result = terms.closest("article") ?? terms.parentElement;
    const marks = [...result.querySelectorAll("mark")].map((m) => fold(m.textContent));
    for (const term of terms.querySelectorAll("del")) {
      const word = fold(term.textContent);
      const found = marks.some((mark) => mark.length >= 3
        && (mark.startsWith(word) || word.startsWith(mark)));
      if (found) term.remove();
    }
    if (!terms.querySelector("del")) terms.remove();
  }
}

// Citation links ("Vaswani et al., 2017") show the full reference on hover or keyboard focus,
// without leaving the page: the entry is read from the References page (same site, fetched
// once, on first use) and shown in a tooltip; Escape closes it.
const references = new Map();
function referencePage(url) {
  if (!references.has(url)) {
    references.set(url, fetch(url).then((r) => (r.ok ? r.text() : ""))
      .then((html) => new DOMParser().parseFromString(html, "text/html"))
      .catch(() => null));
  }
  return references.get(url);
}
let tip = null;
function hideReference() {
  if (!tip) return;
  tip.owner.removeAttribute("aria-describedby");
  tip.remove();
  tip = null;
}
async function showReference(link) {
  const url = new URL(link.href);
  const id = decodeURIComponent(url.hash.slice(1));
  url.hash = "";
  const doc = await referencePage(url.href);
  const entry = doc?.getElementById(id);
  if (!entry || (tip && tip.owner === link)) return;
  hideReference();
  tip = document.createElement("div");
  tip.className = "ag-ref-tip md-typeset";
  tip.id = "ag-ref-tip";
  tip.setAttribute("role", "tooltip");
  tip.textContent = entry.textContent.trim();
  tip.owner = link;
  document.body.append(tip);
  const box = link.getBoundingClientRect();
  const left = Math.min(window.scrollX + box.left,
    window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  link.setAttribute("aria-describedby", tip.id);
}
const citation = (target) => (target instanceof Element
  ? target.closest("article a[href*='references/#']") : null);
for (const type of ["pointerover", "focusin"]) {
  document.addEventListener(type, (event) => {
    const link = citation(event.target);
    if (link) showReference(link);
  });
}
for (const type of ["pointerout", "focusout"]) {
  document.addEventListener(type, (event) => {
    if (tip && citation(event.target) === tip.owner
        && !tip.owner.contains(event.relatedTarget)) hideReference();
  });
}
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideReference();
});

// Collapsed blocks whose body loads when opened (tools/lazy_details.py): the page carries
// the summary and a link to the file holding the body; lazy-details.js, imported on first
// use, puts the body in place on the first opening, when a link targets something inside
// it, or for printing. If that fails, the link stays, with a note saying so.
const lazyFailed = document.documentElement.lang === "es"
  ? "No se pudo cargar este contenido (%s). Puede abrirlo en su propia página:"
  : "Could not load this content (%s). You can open it on its own page:";
function openLazy(details) {
  const holder = details.querySelector(":scope > .ag-lazy-link");
  if (!holder || details.hasAttribute("aria-busy")) return;
  details.setAttribute("aria-busy", "true");
  holder.querySelector(".ag-lazy-error")?.remove();
  import("./lazy-details.js").then((lazy) => lazy.load(details, holder)).catch((error) => {
    const note = document.createElement("span");
    note.className = "ag-lazy-error";
    note.setAttribute("role", "alert");
    note.textContent = `${lazyFailed.replace("%s", error.message)} `;
    holder.prepend(note);
  }).finally(() => details.removeAttribute("aria-busy"));
}
document.addEventListener("toggle", (event) => {
  if (event.target.open && event.target.dataset?.agLazy === "") openLazy(event.target);
}, true);
function openLazyTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  for (const details of document.querySelectorAll("details[data-ag-ids]")) {
    if (details.dataset.agIds.split(" ").includes(id)) details.open = true;
  }
}
openLazyTarget();
window.addEventListener("hashchange", openLazyTarget);
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details[data-ag-lazy='']").forEach(openLazy);
});
