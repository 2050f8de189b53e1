// Part of the runtime stage (tools/runtime.py): compiles to bytecode the Python modules a
// reader's first Run imports, so the browser does not compile them from source at every
// start (Pyodide 0.27.7 ships its standard library and wheels as .py only; compiling them
// took most of Python's 1.5 s start-up and most of `import numpy`).
//
//   node tools/runtime_pyc.mjs <npm pyodide folder> <the stage's pyodide folder>
//
// Runs Pyodide's own CPython (the same 3.12.7 that reads the .pyc files) under Node with
// nothing from the network: the stage's wheels are its package folder. It imports what the
// site's examples need (numpy, matplotlib with Agg, the worker's runner), then rewrites
// python_stdlib.zip and each wheel of the stage: every imported module's .py becomes a
// .pyc (hash-based, unchecked, as `pyodide py-compile` does; the source is not kept, so
// tracebacks inside those modules show file and line but not the line's text). Modules
// nothing imported stay source. Prints the rewritten files as JSON.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [core, stage] = process.argv.slice(2).map((p) => path.resolve(p) + "/");
const { loadPyodide } = await import(pathToFileURL(core + "pyodide.mjs").href);
const log = [];
const pyodide = await loadPyodide({
  indexURL: core,
  lockFileURL: stage + "pyodide-lock.base.json",
  packageCacheDir: stage,
  stdout: (line) => log.push(line),
  stderr: (line) => log.push(line),
});
await pyodide.loadPackage(["numpy", "matplotlib"], {
  messageCallback: (message) => {
    // Pyodide under Node falls back to its CDN for a wheel it cannot find: never here.
    if (/attempting to load from/.test(message)) throw new Error(message);
  },
});
pyodide.FS.mkdirTree("/stage");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: stage }, "/stage");
const rewritten = pyodide.runPython(`
import base64, contextlib, hashlib, importlib.util, io, json, sys, traceback, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from pathlib import Path

import numpy
import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot

STDLIB, SITE = "/lib/python312.zip/", "/lib/python3.12/site-packages/"
imported = {m.__file__ for m in list(sys.modules.values())
            if isinstance(getattr(m, "__file__", None), str) and m.__file__.endswith(".py")}


def pyc(source: bytes, filename: str) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def rewrite(archive: Path, prefix: str) -> int:
    """Replace each imported module's .py in the zip by its .pyc; keep entry order and dates."""
    with zipfile.ZipFile(archive) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    compiled = {}
    for info, data in entries:
        if prefix + info.filename in imported:
            compiled[info.filename] = pyc(data, prefix + info.filename)
    if not compiled:
        return 0
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info, data in entries:
            if info.filename in compiled:
                data = compiled[info.filename]
                info = zipfile.ZipInfo(info.filename + "c", info.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
            elif info.filename.endswith(".dist-info/RECORD"):  # the wheel's file list
                lines = []
                for line in data.decode().splitlines():
                    name = line.split(",", 1)[0]
                    lines.append(record_line(name + "c", compiled[name])
                                 if name in compiled else line)
                data = ("\\n".join(lines) + "\\n").encode()
            out.writestr(info, data)
    archive.write_bytes(buffer.getvalue())
    return len(compiled)


done = {}
stage = Path("/stage")
count = rewrite(stage / "python_stdlib.zip", STDLIB)
if count:
    done["python_stdlib.zip"] = count
for wheel in sorted(stage.glob("*.whl")):
    count = rewrite(wheel, SITE)
    if count:
        done[wheel.name] = count
json.dumps(done)
`);
pyodide.FS.unmount("/stage");
process.stdout.write(rewritten + "\n");
