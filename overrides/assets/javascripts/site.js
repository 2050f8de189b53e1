// Small progressive enhancements on top of Material. Nothing here is needed to read a page.

// Material's script is named on this script's tag (data-ag-bundle, tools/material_startup.py):
// deferred with the page, its 35 KB held back the first paint of long pages on a slow phone
// connection. It is added, and what here reads the layout runs, once the first contentful
// paint is on the screen (its performance entry arrives then; in a tab opened in the
// background, when the tab is first shown; in a browser without paint timing, at load).
const materialScript = document.currentScript?.dataset.agBundle;

// Used by tools/postprocess.py's patches: Material's search worker starts at the first message
// (the first search), not with every page. Defined before Material's script is added.
window.agLazyWorker = (url) => {
  let worker = null;
  const listeners = [];
  return {
    addEventListener(...args) { listeners.push(args); worker?.addEventListener(...args); },
    removeEventListener(type, handler, options) {
      const index = listeners.findIndex(([t, h]) => t === type && h === handler);
      if (index >= 0) listeners.splice(index, 1);
      worker?.removeEventListener(type, handler, options);
    },
    postMessage(...args) {
      if (!worker) {
        worker = new Worker(url);
        for (const listener of listeners) worker.addEventListener(...listener);
      }
      worker.postMessage(...args);
    },
    terminate() { worker?.terminate(); },
  };
};

// Keep the reader's place when switching language: the selector links already point at
// the same page in the other language, and heading ids are identical in both languages.
// Carry the #anchor over, or, without one, the section being read (the last heading above
// the top of the window, the one the table of contents highlights). The palette needs
// nothing: both languages share Material's storage scope, the site's root (hooks/i18n.py).
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
  if (hash) link.hash = hash;  // (the palette follows: one Material scope for both languages)
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
    if (document.querySelector(".md-search-result__terms")) {
      deferred().then((more) => more.dropFoundFromMissing());
    }
  });
}).observe(document.body, { childList: true, subtree: true });

// What is needed only once the reader does something comes from site-deferred.js, imported
// on first use (one request, then cached): search results' "missing" terms, the full
// reference behind a citation link, and collapsed blocks whose body loads when opened.
let loading = null;
function deferred() {
  loading ??= import("./site-deferred.js");
  // offline for a moment: the next use retries
  loading.catch(() => { loading = null; });
  return loading;
}
const citation = (target) => (target instanceof Element
  ? target.closest("article a[href*='references/#']") : null);
for (const type of ["pointerover", "focusin"]) {
  document.addEventListener(type, (event) => {
    const link = citation(event.target);
    if (link) deferred().then((more) => more.showReference(link));
  });
}
// Blocks of tools/lazy_details.py: the page holds their summary and a link to their body.
// While the body loads, and if it cannot, a note in the page's language says so (the link,
// hidden while loading, opens the body on a page of its own).
const lazyNotes = document.documentElement.lang === "es"
  ? { loading: "Cargando…",
      failed: "No se pudo cargar este contenido%s. Puede abrirlo en su propia página:" }
  : { loading: "Loading…", failed: "Could not load this content%s. You can open it on its own page:" };
// state: "loading", "failed" or null
window.agLazyNote = (details, state, status = "") => {
  const holder = details.querySelector(":scope > .ag-lazy-link");
  holder?.querySelector(".ag-lazy-note")?.remove();
  if (state === "loading") details.setAttribute("aria-busy", "true");
  else details.removeAttribute("aria-busy");
  if (!holder || !state) return;
  const note = document.createElement("span");
  note.className = "ag-lazy-note";
  note.setAttribute("role", state === "failed" ? "alert" : "status");
  note.textContent = `${lazyNotes[state].replace("%s", status && ` (${status})`)} `;
  holder.prepend(note);
};
document.addEventListener("toggle", (event) => {
  const details = event.target;
  if (details.open && details.dataset?.agLazy === "") {
    window.agLazyNote(details, "loading");
    deferred().then((more) => more.openLazy(details),
      () => window.agLazyNote(details, "failed"));
  }
}, true);
window.addEventListener("beforeprint", () => {
  const closed = document.querySelectorAll("details[data-ag-lazy='']");
  if (closed.length) deferred().then((more) => closed.forEach(more.openLazy));
});

// Citation blocks ("Cite this page", a glossary entry's "Cite"; glossary/pages.py) are
// written with a placeholder for the access date: fill in the reader's date on load and again
// on every copy (a page left open overnight copies today's date). Without JavaScript the
// placeholders stay, and say what to write.
function fillAccessDates() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const iso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  for (const block of document.querySelectorAll(".ag-cite")) {
    const long = now.toLocaleDateString(block.dataset.locale,
      { year: "numeric", month: "long", day: "numeric" });
    for (const span of block.querySelectorAll(".ag-accessed")) span.textContent = long;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeValue.includes(block.dataset.iso)) {
        node.nodeValue = node.nodeValue.split(block.dataset.iso).join(iso);
      }
    }
    block.dataset.iso = iso;
  }
}
if (document.querySelector(".ag-cite")) {
  fillAccessDates();
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest(".ag-cite .md-clipboard")) {
      fillAccessDates();
    }
  }, true);
}

function afterFirstPaint() {
  if (materialScript) {
    document.body.append(Object.assign(document.createElement("script"), { src: materialScript }));
  }
  nameCodeNavs();
  markScrollable();
  if (document.querySelector("details[data-ag-ids]")) {
    deferred().then((more) => more.followHashIntoLazyBlocks());
  }
}
if (window.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
  new PerformanceObserver((entries, observer) => {
    if (entries.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      afterFirstPaint();
    }
  }).observe({ type: "paint", buffered: true });
} else {  // no paint timing (older Safari): once the page has loaded
  addEventListener("load", afterFirstPaint, { once: true });
}
