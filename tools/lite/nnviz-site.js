// The site's page script (tools/lite/build.py adds it, and the box it fills, to lab/index.html).
//
// 1. Progress while waiting: the box #nnviz-progress is in the page's HTML, so it shows from
//    the first paint ("Loading JupyterLab while Python starts, step 1 of 4"); this script moves it on as the page
//    gets there: the notebook open (2 of 4), Python starting in this tab (3 of 4, with the
//    seconds so far), Python ready (4 of 4; the box then goes). A kernel restart shows it again.
// 2. Offline after one visit: once Python is ready and no cell has run for 2 s, it
//    tells the service worker which files this visit used, so that the worker keeps them all
//    (tools/lite/service-worker.js), and again every 20 s.
(() => {
  "use strict";
  const box = () => document.getElementById("nnviz-progress");
  const t0 = performance.now();
  let startedPython = null;
  let kept = false;
  let hideTimer = null;
  let shellSeen = null;
  let wasIdle = false;
  // kernel-start.js (inlined at the top of the page) counts the quiet time: 2 s of a ready
  // kernel with no cell running. (It does nothing on a page that only redirects.)
  const quietForCopy = window.nnvizQuietFor ? window.nnvizQuietFor(2000) : () => false;

  const show = (text) => {
    const el = box();
    if (!el) {
      return;
    }
    if (hideTimer !== null) {
      clearTimeout(hideTimer);
      hideTimer = null;
    }
    el.hidden = false;
    if (el.textContent !== text) {
      el.textContent = text;
    }
  };

  const hideSoon = () => {
    const el = box();
    if (el && !el.hidden && hideTimer === null) {
      hideTimer = setTimeout(() => { el.hidden = true; hideTimer = null; }, 2500);
    }
  };

  // Ask the service worker to keep every file this page has used so far; resolves with its
  // answer ({missing: n}), or null where there is no worker (plain http:// on a LAN address).
  const keepForOffline = () => new Promise((resolve) => {
    const sw = "serviceWorker" in navigator ? navigator.serviceWorker.controller : null;
    if (!sw) {
      resolve(null);
      return;
    }
    const urls = performance.getEntriesByType("resource").map((e) => e.name)
      .concat([location.href]);
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    sw.postMessage({ type: "nnviz-keep", urls }, [channel.port2]);
  });
  window.nnvizKeepForOffline = keepForOffline;
  const keepRegularly = () => {
    if (!kept) {
      kept = true;
      keepForOffline();
      setInterval(keepForOffline, 20000);  // files loaded later (widgets, fonts) too
    }
  };

  // JupyterLite 0.6 unregisters every service worker on the first visit a worker controls
  // (it compares "<worker URL>-version" in localStorage with its own version, and finds none):
  // offline, the worker would then be gone for the visit after. This site's worker versions
  // itself per build (its cache is named after the build), so mark JupyterLite's check as done.
  if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
    const key = `${navigator.serviceWorker.controller.scriptURL}-version`;
    if (!localStorage.getItem(key)) {
      localStorage.setItem(key, "@APP_VERSION@");
    }
  }

  const seconds = (since) => Math.round((performance.now() - since) / 1000);

  const tick = () => {
    // The kernel's state as the status bar shows it ("Python (Pyodide) | Idle"); the toolbar's
    // execution indicator says "idle" also while there is no kernel yet, so it is not enough.
    const item = document.querySelector('.jp-StatusBar-TextItem[title^="Change kernel"]');
    const indicator = document.querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator");
    const name = document.querySelector(".jp-NotebookPanel .jp-Toolbar-kernelName");
    let status = null;
    if (item) {
      const m = /\|\s*(\w+)\s*$/.exec(item.textContent.trim());
      status = m && !/No Kernel/.test(item.textContent) ? m[1].toLowerCase() : "starting";
    } else if (indicator && name && !/No Kernel/.test(name.textContent)) {
      status = indicator.getAttribute("data-status");
    }
    if (!document.querySelector(".jp-LabShell")) {
      show(`Loading JupyterLab while Python starts, step 1 of 4 (${seconds(t0)} s)`);
    } else if (!document.querySelector(".jp-NotebookPanel")) {
      shellSeen = shellSeen === null ? performance.now() : shellSeen;
      if (performance.now() - shellSeen < 4000) {
        show("Opening the notebook, step 2 of 4");
      } else {
        hideSoon();                         // no notebook in the address: nothing to wait for
      }
    } else if (status === "idle" || (status === "busy" && wasIdle)) {
      // Ready once the kernel has been idle: a kernel that has just connected is busy answering
      // JupyterLab's first requests; busy later means a cell is running.
      wasIdle = true;
      if (startedPython !== null) {
        show(`Python is ready, step 4 of 4 (started in ${seconds(startedPython)} s)`);
        startedPython = null;
      }
      // The offline copy is made once no cell has run for a moment (the notebook's first cells
      // are done): copying some 30 MB competes with them for the machine. Not the kernel's
      // status: a playing training playground keeps the kernel busy with no cell running.
      // Once made, the copy is renewed every 20 s (keepRegularly): no more looking at prompts.
      if (!kept && quietForCopy(true)) {
        keepRegularly();
      }
      hideSoon();
    } else {
      quietForCopy(false);                  // Python not ready: start counting again
      if (status !== "busy") {
        wasIdle = false;                    // starting, restarting: not ready until idle
      }
      if (startedPython === null) {
        startedPython = performance.now();
      }
      show("Starting Python in this tab (Pyodide with numpy, matplotlib, the widgets and " +
           `nnviz), step 3 of 4 (${seconds(startedPython)} s)`);
    }
  };
  setInterval(tick, 250);
  tick();
})();
