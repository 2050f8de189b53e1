// The parts of site.js needed only once the reader does something: site.js imports this
// module on first use. Nothing here is needed to read a page.

// Search results: Material lists under "Missing:" each query term that the result lacks, but
// our stemmed-or-prefix queries ("attention attention*") can leave a term marked missing in a
// result that highlights it. Drop a "missing" term that the result highlights.
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
export function dropFoundFromMissing() {
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
export async function showReference(link) {
  const url = new URL(link.href);
  const id = decodeURIComponent(url.hash.slice(1));
  url.hash = "";
  const doc = await referencePage(url.href);
  const entry = doc?.getElementById(id);
  // Shown only if the reader is still on the link (the first use waits for this module).
  if (!entry || (tip && tip.owner === link) || !link.matches(":hover, :focus")) return;
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
for (const type of ["pointerout", "focusout"]) {
  document.addEventListener(type, (event) => {
    if (tip && citation(event.target) === tip.owner
        && !tip.owner.contains(event.relatedTarget)) hideReference();
  });
}
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideReference();
});

// Collapsed blocks whose body loads when opened (issue 18): tools/lazy_details.py moved the
// body to a file of its own and left a link to it. On the first opening (site.js sets
// aria-busy), the body is fetched and put in place with what Material gives the same content
// on page load: a copy button on code (clipboard.js, bound by Material to every
// [data-clipboard-target] of the document, does the copying) and the scroll wrapper around
// tables. If that fails, the link stays, with a note saying so; the next opening retries.
const lazyFailed = document.documentElement.lang === "es"
  ? "No se pudo cargar este contenido (%s). Puede abrirlo en su propia página:"
  : "Could not load this content (%s). You can open it on its own page:";
let copyTitle = "";
try {
  copyTitle = JSON.parse(document.getElementById("__config").textContent)
    .translations["clipboard.copy"];
} catch {
  // no Material configuration: the button has no tooltip
}
let codes = 0;

function copyButton(code) {
  const pre = code.parentElement;
  pre.id ||= `__code_lazy_${codes++}`;
  const nav = document.createElement("nav");
  const button = document.createElement("button");
  nav.className = "md-code__nav";
  Object.assign(button, { className: "md-code__button", title: copyTitle });
  Object.assign(button.dataset, { clipboardTarget: `#${pre.id} > code`, mdType: "copy" });
  nav.append(button);
  pre.insertBefore(nav, code);
}

function scrollWrapper(table) {
  const wrap = document.createElement("div");
  const inner = document.createElement("div");
  wrap.className = "md-typeset__scrollwrap";
  inner.className = "md-typeset__table";
  table.replaceWith(wrap);
  wrap.append(inner);
  inner.append(table);
}

async function insertBody(details, holder) {
  const link = holder.querySelector("a");
  const response = await fetch(link.href);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
  const file = new DOMParser().parseFromString(await response.text(), "text/html");
  const body = file.getElementById("ag-fragment");
  if (!body) throw new Error(link.pathname);
  holder.replaceWith(...body.childNodes);
  details.dataset.agLazy = "loaded";
  details.querySelectorAll("pre > code").forEach(copyButton);
  details.querySelectorAll("table:not([class])").forEach(scrollWrapper);
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && details.contains(target)) target.scrollIntoView();
}

const opening = new WeakSet();
export function openLazy(details) {
  const holder = details.querySelector(":scope > .ag-lazy-link");
  if (!holder || opening.has(details)) return;
  opening.add(details);
  details.setAttribute("aria-busy", "true");
  holder.querySelector(".ag-lazy-error")?.remove();
  insertBody(details, holder).catch((error) => {
    const note = document.createElement("span");
    note.className = "ag-lazy-error";
    note.setAttribute("role", "alert");
    note.textContent = `${lazyFailed.replace("%s", error.message)} `;
    holder.prepend(note);
  }).finally(() => {
    opening.delete(details);
    details.removeAttribute("aria-busy");
  });
}

// A link to something inside a block that has not loaded opens it (Material opens a closed
// block around a link's target, but this target is not in the page yet).
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  for (const details of document.querySelectorAll("details[data-ag-ids]")) {
    if (details.dataset.agIds.split(" ").includes(id)) details.open = true;
  }
}
export function followHashIntoLazyBlocks() {
  openTarget();
  window.addEventListener("hashchange", openTarget);
}
