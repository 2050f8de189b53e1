// Run and Edit for the worked examples (issue 14). Not loaded with the page: the page's
// one-line module script (tools/runtime_site.py) imports this file on the first click and
// calls click(button, runtimeBase). Python runs in run-worker.js (Pyodide, same origin).

const TEXT = {
  en: {
    steps: {
      python: "Python and numpy (about 17 MB the first time)",
      numpy: "numpy (3 MB)",
      snippets: "this site's code",
      matplotlib: "matplotlib (7 MB)",
    },
    loading: (step, total, what) => total > 1 ? `Loading ${what}: step ${step} of ${total}…`
      : `Loading ${what}…`,
    running: "Running…",
    stop: "Stop",
    stopped: "Stopped. The next Run starts Python again.",
    failed: (what, message) => `Could not load ${what}: ${message}`,
    retry: "Retry",
    error: "Error: the code raised an exception",
    output: "Output of your run",
    nothing: "(no output)",
    code: "Code of this example (Ctrl+Enter runs it)",
    noCode: "Could not load the code of the examples",
  },
  es: {
    steps: {
      python: "Python y numpy (unos 17 MB la primera vez)",
      numpy: "numpy (3 MB)",
      snippets: "el código de este sitio",
      matplotlib: "matplotlib (7 MB)",
    },
    loading: (step, total, what) => total > 1 ? `Cargando ${what}: paso ${step} de ${total}…`
      : `Cargando ${what}…`,
    running: "Ejecutando…",
    stop: "Detener",
    stopped: "Detenido. La próxima ejecución vuelve a iniciar Python.",
    failed: (what, message) => `No se pudo cargar ${what}: ${message}`,
    retry: "Reintentar",
    error: "Error: el código lanzó una excepción",
    output: "Resultado de su ejecución",
    nothing: "(sin resultado)",
    code: "Código de este ejemplo (Ctrl+Intro lo ejecuta)",
    noCode: "No se pudo cargar el código de los ejemplos",
  },
};
const t = TEXT[document.documentElement.lang.startsWith("es") ? "es" : "en"];

let worker = null;
let examples = null; // the page's examples.json (the code of each block), fetched once
let current = null; // { id, block }
let nextId = 0;

function stylesheet() {
  if (document.querySelector("link[data-ag-run]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("../stylesheets/run.css", import.meta.url).href;
  link.dataset.agRun = "";
  document.head.append(link);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The block's output area: a status line and the result, announced politely.
function outputArea(block) {
  let area = block.querySelector(".ag-run-out");
  if (!area) {
    area = element("div", "ag-run-out");
    area.setAttribute("aria-live", "polite");
    block.append(area);
  }
  return area;
}

function setStatus(block, text, withRetry = false) {
  const area = outputArea(block);
  area.replaceChildren(element("p", "ag-run-status", text));
  if (withRetry) {
    const retry = element("button", "md-button ag-run-retry", t.retry);
    retry.type = "button";
    area.firstChild.append(" ", retry);
  }
}

function setBusy(block, busy) {
  const bar = block.querySelector(".ag-run-bar");
  bar.querySelector(".ag-run-go").disabled = busy;
  let stop = bar.querySelector(".ag-run-stop");
  if (busy && !stop) {
    stop = element("button", "md-button ag-run-stop", t.stop);
    stop.type = "button";
    bar.append(" ", stop);
  }
  if (stop) stop.hidden = !busy;
}

// The service worker (run-sw.js, at the site's root) keeps the runtime for other pages and
// offline use. Registered on the first Run only; the worker starts once it controls this
// page (a few ms), so even the first run's files are kept. Without it, runs still work.
function keepRuntime(base) {
  const sw = navigator.serviceWorker;
  if (!sw || sw.controller) return Promise.resolve();
  const root = new URL("../../../", base);  // base is <root>/runtime/<version>/pyodide/
  const controlled = new Promise((resolve) => sw.addEventListener("controllerchange", resolve));
  const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
  return Promise.race([sw.register(new URL("run-sw.js", root)).then(() => controlled), timeout])
    .catch(() => {});
}

function startWorker(base) {
  worker = new Worker(new URL("run-worker.js", import.meta.url));
  worker.onmessage = ({ data }) => {
    if (!current || data.id !== undefined && data.id !== current.id) return;
    const { block } = current;
    if (data.type === "progress") {
      setStatus(block, t.loading(data.step, data.total, t.steps[data.what]));
    } else if (data.type === "running") {
      setStatus(block, t.running);
    } else if (data.type === "result") {
      show(block, data.stdout, data.error);
      finish();
    } else if (data.type === "failed") {
      setStatus(block, t.failed(t.steps[data.what] || data.what, data.message), true);
      finish();
      stopWorker(); // a half-loaded runtime is not reused: Retry starts afresh
    }
  };
  worker.onerror = (event) => {
    if (!current) return;
    event.preventDefault();
    setStatus(current.block, t.failed(t.steps.python, event.message || "worker"), true);
    finish();
    stopWorker();
  };
  worker.base = base;
}

function stopWorker() {
  worker?.terminate();
  worker = null;
}

function finish() {
  if (current) setBusy(current.block, false);
  current = null;
}

// Printed text as text; the HTML of a figure as HTML, with ids renamed so the live figure
// never clashes with the static one above it.
function show(block, stdout, error) {
  const area = outputArea(block);
  area.replaceChildren(element("p", "ag-run-heading", t.output));
  if (block.dataset.agRun !== "text" && !error) {
    const live = element("div", "ag-run-html");
    live.innerHTML = stdout.replace(/(["#])fig-/g, "$1live-fig-");
    area.append(live);
  } else if (stdout || !error) {
    area.append(element("pre", "ag-run-text", stdout.replace(/\n$/, "") || t.nothing));
  }
  if (error) {
    const box = element("div", "ag-run-error");
    box.append(element("p", "ag-run-error-title", t.error), element("pre", "", error));
    area.append(box);
  }
}

// The page's examples.json, fetched once (a failed fetch is tried again by the next use).
function loadExamples() {
  examples ??= fetch(new URL("examples.json", document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`${r.status} ${r.url}`);
    return r.json();
  });
  examples.catch(() => {});  // reported where it is awaited
  return examples;
}

// The block's editor: created on first use with the code the page printed the output of.
async function editor(block) {
  let code = block.querySelector(".ag-run-code");
  if (code) return code;
  const source = (await loadExamples())[Number(block.dataset.agN)];
  code = block.querySelector(".ag-run-code");  // another click may have made it meanwhile
  if (code) return code;
  code = element("textarea", "ag-run-code");
  Object.assign(code, { value: source, hidden: true, spellcheck: false });
  code.rows = Math.min(source.split("\n").length + 1, 20);
  code.setAttribute("autocapitalize", "off");
  code.setAttribute("aria-label", t.code);
  code.onkeydown = (event) => {  // Ctrl+Enter (Cmd+Enter) runs, as in notebooks
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      block.querySelector(".ag-run-go").click();
    }
  };
  block.querySelector(".ag-run-bar").after(code);
  return code;
}

async function run(block, base) {
  if (current) return; // one run at a time; Stop ends it
  const id = nextId++;
  current = { id, block };
  setBusy(block, true);
  setStatus(block, t.running);
  let code;
  try {
    code = (await editor(block)).value;
  } catch (error) {
    examples = null;
    setStatus(block, `${t.noCode}: ${error.message}`, true);
    finish();
    return;
  }
  if (!worker || worker.base !== base) {
    await keepRuntime(base);
    if (current?.id !== id) return;  // stopped meanwhile
    startWorker(base);
  }
  worker.postMessage({ type: "run", id: current.id, code, base });
}

function stop() {
  if (!current) return;
  const { block } = current;
  stopWorker();
  finish();
  setStatus(block, t.stopped);
}

async function toggleEdit(block, button) {
  let code;
  try {
    code = await editor(block);
  } catch (error) {
    examples = null;
    setStatus(block, `${t.noCode}: ${error.message}`);
    return;
  }
  code.hidden = !code.hidden;
  button.setAttribute("aria-expanded", String(!code.hidden));
  if (!code.hidden) code.focus();
}

// A later page, once the reader has pressed Run on this site (the page's one-line script
// calls this only when run-sw.js, registered by that first Run, controls the page): Python
// starts in the background after the page has loaded, so a click finds it ready.
export function warm(runtimeBase) {
  if (worker) return;
  const base = new URL(runtimeBase + "pyodide/", document.baseURI).href;
  startWorker(base);
  worker.postMessage({ type: "warm", base });
  loadExamples();
}

export function click(button, runtimeBase) {
  stylesheet();
  const block = button.closest(".ag-run");
  const base = new URL(runtimeBase + "pyodide/", document.baseURI).href;
  if (button.classList.contains("ag-run-edit")) toggleEdit(block, button);
  else if (button.classList.contains("ag-run-stop")) stop();
  else if (button.classList.contains("ag-run-go") || button.classList.contains("ag-run-retry")) {
    run(block, base);
  }
}
