// Run a Python file in the site's own Pyodide, under Node (tools/lite/build.py uses it to
// byte-compile the site with the very interpreter the browser runs: Pyodide's CPython 3.12).
//
//   node tools/lite/pyodide-run.mjs <folder with pyodide.mjs, its lock and wheels> <script.py> [args...]
//
// The folder is mounted at /site (read and write); the script's sys.argv is [script, ...args].
// Packages are loaded from the folder's pyodide-lock.json as the script imports them
// (pyodide.loadPackagesFromImports), so nothing is fetched from anywhere else.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, script, ...args] = process.argv.slice(2);
if (!dir || !script) {
  console.error("usage: node pyodide-run.mjs <pyodide folder> <script.py> [args...]");
  process.exit(2);
}
const folder = path.resolve(dir);
const { loadPyodide } = await import(pathToFileURL(path.join(folder, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: folder + path.sep, stdout: console.log,
                                    stderr: console.error });
pyodide.FS.mkdirTree("/site");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/site");
const code = readFileSync(script, "utf8");
pyodide.globals.get("__import__")("sys").argv = pyodide.toPy([script, ...args]);
await pyodide.loadPackagesFromImports(code);
try {
  await pyodide.runPythonAsync(code, { filename: script });
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
