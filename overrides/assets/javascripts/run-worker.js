// The Python of the page's examples: Pyodide in a Web Worker, so the page stays responsive
// and Stop can end a runaway loop (run.js terminates this worker). Everything loads from
// the site's own runtime/pyodide/ folder; each wheel is checked against the lock's sha256.
/* global loadPyodide, importScripts */
"use strict";

const SNIPPETS = "attention-glossary-snippets";
// Runs one example: its own globals, stdout captured, the runner's frame cut from tracebacks.
const RUNNER = `
import contextlib, io, traceback

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

function progress(step, total, what) {
  postMessage({ type: "progress", step, total, what });
}

async function load(names, what) {
  const errors = [];
  await pyodide.loadPackage(names, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw Object.assign(new Error(errors.join("\n")), { what });
}

async function start(base, drawing) {
  const total = drawing ? 4 : 3;
  mark("message");
  let what = "python";
  try {
    progress(1, total, what);
    importScripts(base + "pyodide.js");
    pyodide = await loadPyodide({ indexURL: base, env: { MPLBACKEND: "agg" } });
    mark("python");
    what = "numpy";
    progress(2, total, what);
    await load(["numpy"], what);
    mark("numpy");
    what = "snippets";
    progress(3, total, what);
    await load([SNIPPETS], what);
    pyodide.runPython(RUNNER);
    mark("snippets");
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
}

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  const drawing = DRAWS.test(data.code);
  try {
    if (!starting) starting = start(data.base, drawing);
    await starting;
    if (drawing) await ensureMatplotlib(4, 4);
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
