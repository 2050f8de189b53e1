// Keeps the in-browser Python for other pages and offline use (issue 14). Registered by
// run.js on the reader's first click on Run, never before; its scope is the site.
// * runtime/<version>/pyodide/: cache first (the folder name is a hash of its content;
//   other versions' caches are dropped when a new one is first used);
// * run.js, run-worker.js, run.css, the pages and their examples.json, and what pages load
//   from the site (assets/: stylesheets, scripts, fonts, collapsed blocks; figures/): network
//   first, the cached copy when offline, so a page read before shows styled, with its
//   figures. A page's examples.json is kept when the page is.
"use strict";

// Each language's copy (the Spanish build has its own assets under es/).
const ASSETS = ["", "es/"].flatMap((lang) => ["assets/javascripts/run.js",
  "assets/javascripts/run-worker.js", "assets/stylesheets/run.css"].map((f) => lang + f));
const RUNTIME = /^runtime\/([0-9a-f]{12})\/pyodide\//;
const PAGE_FILES = /^(es\/)?(assets|figures)\//;
const PAGES = "ag-pages";
const scope = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.addAll(
    ASSETS.map((path) => new URL(path, scope)))).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function cacheFirst(request, version) {
  const name = `ag-runtime-${version}`;
  const cache = await caches.open(name);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (!response.ok) return response;
  await cache.put(request, response);
  for (const key of await caches.keys()) {
    if (key.startsWith("ag-runtime-") && key !== name) await caches.delete(key);
  }
  // The kept copy, not the network's: Chromium keeps V8's compiled code of a wasm module
  // streamed from Cache Storage next to it, so even the next page after the very first
  // Run starts from compiled code (with the network's response, only the page after it).
  return (await cache.match(request)) ?? fetch(request);
}

// A page with examples: keep its examples.json too, so Run works there offline.
async function keepPage(cache, request, response) {
  await cache.put(request, response.clone());
  if (!(await response.text()).includes('class="ag-run"')) return;
  const examples = new URL("examples.json", response.url);
  const code = await fetch(examples).catch(() => null);
  if (code?.ok) await cache.put(examples, code);
}

async function networkFirst(event, isPage) {
  const { request } = event;
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && isPage) event.waitUntil(keepPage(cache, request, response.clone()));
    else if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: isPage });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  const path = url.pathname.slice(scope.pathname.length);
  const runtime = RUNTIME.exec(path);
  if (runtime) {
    event.respondWith(cacheFirst(request, runtime[1]));
  } else if (request.mode === "navigate" && !path.startsWith("runtime/")) {
    event.respondWith(networkFirst(event, true));
  } else if (PAGE_FILES.test(path) || path.endsWith("examples.json")) {
    event.respondWith(networkFirst(event, false));
  }
});
