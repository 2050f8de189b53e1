// The Python of the page's examples: Pyodide in a Web Worker, so the page stays responsive
// and Stop can end a runaway loop (run.js terminates this worker). Everything loads from
// the site's own runtime/pyodide/ folder; each wheel is checked against the lock's sha256.
/* global loadPyodide, importScripts */
"use strict";

const SNIPPETS = "attention-glossary-snippets";
// Runs one example: its own globals, stdout captured, the runner's frame cut from tracebacks.
const RUNNER = `
import contextlib, io, traceback
import numpy  # every example uses it (through snippets): imported before the first click

def _ag_run(code):
    out = io.StringIO()
    scope = {"__name__": "__main__"}
    error = None
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(code, "<example>", "exec"), scope)
        except BaseException as exc:
            error = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__.tb_next))
    return out.getvalue(), error
`;
// Code that draws needs matplotlib (6.7 MB): loaded only for such code.
const DRAWS = /\bmatplotlib\b|snippets\.figures|snippets\.translator\.plots|\brender\(/;

let pyodide = null;
let starting = null;
let hasMatplotlib = false;
// Milliseconds since this worker started, at the end of each stage (read by bench_runtime).
self.agTimings = {};
const mark = (name) => { self.agTimings[name] = Math.round(performance.now()); };

let loading = null;  // the last progress message while loading, repeated to a Run that arrives

function progress(step, total, what) {
  loading = { type: "progress", step, total, what };
  postMessage(loading);
}

async function load(names, what) {
  const errors = [];
  await pyodide.loadPackage(names, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw Object.assign(new Error(errors.join("\n")), { what });
}

// Python, numpy and the site's code. Pyodide fetches the two wheels (`packages`) as soon
// as it has read the lock, while its wasm compiles and CPython starts, and installs them
// once Python is up; numpy is imported here too, so a warmed worker (run.js: warm) has
// done all of it before the reader's click.
async function start(base, drawing) {
  mark("message");
  let what = "python";
  try {
    progress(1, drawing ? 2 : 1, what);
    importScripts(base + "pyodide.js");
    pyodide = await loadPyodide({
      indexURL: base, env: { MPLBACKEND: "agg" }, packages: ["numpy", SNIPPETS],
    });
    mark("python");
    for (what of ["numpy", "snippets"]) {  // a wheel that failed to load is only logged
      if (!pyodide.loadedPackages[what === "snippets" ? SNIPPETS : what]) {
        throw new Error(`${what} did not load`);
      }
    }
    what = "numpy";
    pyodide.runPython(RUNNER);
    mark("ready");
    loading = null;
  } catch (error) {
    error.what = error.what || what;
    throw error;
  }
}

async function ensureMatplotlib(step, total) {
  if (hasMatplotlib) return;
  progress(step, total, "matplotlib");
  await load(["matplotlib"], "matplotlib");
  hasMatplotlib = true;
  loading = null;
}

self.onmessage = async ({ data }) => {
  if (data.type === "warm") {  // started before any click: failures surface at the first Run
    starting ??= start(data.base, false);
    starting.catch(() => {});
    return;
  }
  if (data.type !== "run") return;
  const drawing = DRAWS.test(data.code);
  try {
    if (loading) postMessage(loading);  // a warming worker: show what it is loading
    starting ??= start(data.base, drawing);
    await starting;
    if (drawing) await ensureMatplotlib(2, 2);
    postMessage({ type: "running", id: data.id });
    const result = pyodide.globals.get("_ag_run")(data.code);
    const [stdout, error] = result.toJs();
    result.destroy();
    mark("run");
    postMessage({ type: "result", id: data.id, stdout, error: error ?? null });
  } catch (error) {  // a file failed to load: run.js ends this worker and offers a retry
    postMessage({ type: "failed", id: data.id, what: error.what || "python", message: String(error.message || error) });
  }
};
