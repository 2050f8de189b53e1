// The body of a collapsed block, put in place when the reader first opens it (issue 18).
// tools/lazy_details.py moved it to a file of its own and left a link to it; site.js imports
// this module on the block's first opening and reports a failure. The body gets what
// Material gives the same content on page load: a copy button on code (clipboard.js,
// bound by Material to every [data-clipboard-target] of the document, does the copying)
// and the scroll wrapper around tables.

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

// Fetch the body of ``details`` and put it in place of ``holder`` (its link); rejects with an
// Error whose message says what failed (the HTTP status, or the file).
export async function load(details, holder) {
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
