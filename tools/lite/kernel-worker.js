// The site's kernel worker: jupyterlite-pyodide-kernel's own worker, able to start Python
// before the kernel asks for it (tools/lite/build.py copies this file, as
// nnviz-kernel-worker.js, beside the kernel's worker script, and fills in @KERNEL_WORKER@).
//
// The page (kernel-start.js, inlined in lab/index.html) creates this worker while JupyterLab
// is still loading and posts {nnvizPreboot: {...}}: Pyodide boots, loads the site's packages
// and runs the warm-up imports at once, on its own core, instead of after the page, the
// notebook and the kernel's session have loaded, one after the other. When the kernel then
// calls initialize(), its loadPyodide() with the same options gets this Pyodide: nothing of
// the kernel's own start-up is changed or skipped (the drive is mounted, the kernel is
// imported and wired as always). A worker that never receives the message is the kernel's
// own worker, unchanged.
//
// Messages to the page: {nnvizPreboot: "timing", stage, ms} as each stage ends (ms since the
// worker started), and {nnvizPreboot: "used"} when the kernel took this Pyodide.
"use strict";
(() => {
  const t0 = performance.now();
  const realImportScripts = self.importScripts.bind(self);
  const tell = (stage) => self.postMessage({
    nnvizPreboot: "timing", stage, ms: Math.round(performance.now() - t0) });

  const start = ({ pyodideUrl, indexUrl, loadPyodideOptions, warm }) => {
    realImportScripts(pyodideUrl);
    tell("runtime script");
    const loadPyodide = self.loadPyodide;
    const options = { indexURL: indexUrl, ...loadPyodideOptions };
    const key = JSON.stringify(options);
    const booted = (async () => {
      const pyodide = await loadPyodide(options);
      tell("python and packages");
      try {
        await pyodide.runPythonAsync(warm);
      } catch (error) {
        // Only a head start: the kernel and the notebook import these again, and any error
        // then shows where it belongs (in the kernel's log, in the learner's cell).
        console.warn("nnviz: the warm-up imports failed; the kernel imports as usual.", error);
      }
      tell("warm imports");
      return pyodide;
    })();
    let used = false;
    // The kernel's initRuntime: importScripts(pyodideUrl), then self.loadPyodide(options).
    self.importScripts = (...urls) => {
      const rest = urls.filter((url) => url !== pyodideUrl);
      if (rest.length) {
        realImportScripts(...rest);
      }
    };
    self.loadPyodide = (asked) => {
      if (!used && JSON.stringify(asked) === key) {
        used = true;
        self.postMessage({ nnvizPreboot: "used" });
        return booted;
      }
      return loadPyodide(asked);
    };
  };

  // Registered before the kernel's worker script is loaded, so it runs before comlink's
  // listener, which then never sees this message.
  self.addEventListener("message", (event) => {
    const ask = event.data && event.data.nnvizPreboot;
    if (ask && typeof ask === "object") {
      event.stopImmediatePropagation();
      start(ask);
    }
  });
  realImportScripts("@KERNEL_WORKER@");
})();
