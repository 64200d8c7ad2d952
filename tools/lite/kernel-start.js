// Python starts with the page, not after it (tools/lite/build.py inlines this script, with
// @CONFIG@ filled in, at the top of lab/index.html, so it runs before JupyterLab loads).
//
// Without it a learner waits for three things in a row: JupyterLab's page, then (once the
// notebook and its session are open) the kernel's worker booting Pyodide, loading numpy,
// matplotlib, the widgets and nnviz, and importing IPython. Here the worker is created at
// once and told to boot (kernel-worker.js): it works on its own core while the page loads.
// When the kernel asks for its worker (`new Worker(<the kernel's worker script>)`), it gets
// this one; its initialize() then finds Python booted and runs the rest of its start-up as
// always.
//
// A restart (or a second notebook) needs a new worker with a fresh Python. A spare one is
// booted in the background once the kernel in use has booted and no cell has run for a
// moment (so that it does not slow down the first cells); a restart takes the spare
// (Python booted, nothing of the learner's in it) instead of booting again.
// The spare holds a second Python: about 220 MB more in the tab (measured in Chromium). It is
// not kept where the browser reports less than 8 GB of memory (navigator.deviceMemory).
//
// window.nnvizKernelStarts lists every kernel worker handed out: {used (the kernel took the
// booted Python), spare (booted ahead, for a restart), ready, stages: {stage: ms since the
// worker started}, createdAt, askedAt, readyAt (ms since navigation)}; the lite tests and
// benchmarks/lite.py read it.
(() => {
  "use strict";
  const config = "@CONFIG@";
  const page = window.location.pathname;
  if (!/(index\.html|\/)$/.test(page) || typeof Worker === "undefined") {
    return;  // the page redirects to ".../" first; this script runs again there
  }
  const root = new URL(config.root, window.location.href);
  const at = (path) => new URL(path, root).href;
  const kernelWorker = at(config.kernelWorker);
  const ourWorker = at(config.worker);
  const pyodideUrl = at(config.pyodide);
  const message = { nnvizPreboot: {
    pyodideUrl,
    indexUrl: pyodideUrl.slice(0, pyodideUrl.lastIndexOf("/") + 1),
    loadPyodideOptions: config.loadPyodideOptions,
    warm: config.warm,
  } };
  const RealWorker = window.Worker;
  const starts = [];
  window.nnvizKernelStarts = starts;
  const memoryGb = navigator.deviceMemory;  // undefined outside Chromium: assume enough
  const keepSpare = memoryGb === undefined || memoryGb >= 8;

  const boot = (spare) => {
    const worker = new RealWorker(ourWorker);
    const record = { used: false, spare, ready: false, stages: {}, worker,
                     createdAt: performance.now(), askedAt: null, readyAt: null };
    worker.addEventListener("message", (event) => {
      const m = event.data && event.data.nnvizPreboot;
      if (m === "used") {
        record.used = true;
      } else if (m === "timing") {
        record.stages[event.data.stage] = event.data.ms;
        if (event.data.stage === "warm imports") {
          record.ready = true;
          record.readyAt = performance.now();
        }
      }
    });
    worker.postMessage(message);
    return record;
  };

  let next = boot(false);  // the first kernel's worker, booting from now on
  let spareTimer = null;
  let latest = null;       // the worker handed out last: no spare boots while it is booting

  // The spare: once the kernel in use has booted and no cell has been running for IDLE_MS
  // (the notebook's first cells are done), so that the spare does not slow them down. A cell
  // running or queued shows "[*]" as its prompt. (Not the kernel's status: a playing training
  // playground keeps the kernel busy with its frames, with no cell running.)
  const IDLE_MS = 2000;
  const cellsRunning = () => Array.from(
    document.querySelectorAll(".jp-NotebookPanel .jp-InputArea-prompt"),
  ).some((prompt) => prompt.textContent.includes("[*]"));
  // A check to call again and again: true once `ready` has held, with no cell running, for
  // `ms` in a row. Used for the spare, and by nnviz-site.js for the offline copy.
  const quietFor = (ms) => {
    let since = null;
    return (ready) => {
      since = ready && !cellsRunning() ? (since === null ? performance.now() : since) : null;
      return since !== null && performance.now() - since >= ms;
    };
  };
  const prepareSpare = () => {
    if (!keepSpare || next !== null || spareTimer !== null) {
      return;
    }
    const quiet = quietFor(IDLE_MS);
    spareTimer = setInterval(() => {
      if (quiet(latest !== null && latest.ready && document.querySelector(".jp-NotebookPanel") !== null)) {
        clearInterval(spareTimer);
        spareTimer = null;
        if (next === null) {
          next = boot(true);
        }
      }
    }, 250);
  };

  class KernelAwareWorker extends RealWorker {
    constructor(url, options) {
      const asked = new URL(String(url), window.location.href);
      asked.search = "";  // webpack adds ?v=<chunk hash>
      if (asked.href !== kernelWorker) {
        super(url, options);
        return;
      }
      const record = next !== null ? next : boot(false);
      next = null;
      record.askedAt = performance.now();
      starts.push(record);
      latest = record;
      prepareSpare();
      return record.worker;  // eslint-disable-line no-constructor-return
    }
  }
  window.Worker = KernelAwareWorker;
  // The spare, if one is booting or booted: {ready}; null when there is none.
  window.nnvizKernelSpare = () => (next === null ? null : { ready: next.ready });
  // The check above, for nnviz-site.js: it makes the offline copy once no cell has run for 2 s.
  window.nnvizQuietFor = quietFor;
})();
