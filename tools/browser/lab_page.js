// Page-side helpers for tests/ui: installed into every page with context.add_init_script.
// Everything lives under window.__nnviz. Figures and sliders are found in the DOM only,
// never by notebook-specific names, so that every notebook is tested the same way.
(() => {
  if (window.__nnviz) {
    return;
  }
  const api = {};

  // The notebook panel whose file is `path` (the URL opened it; there is only one).
  api.panel = (path) => {
    const app = window.jupyterapp;
    if (!app || !app.shell) {
      return null;
    }
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.sessionContext) {
        return w;
      }
    }
    return null;
  };

  // What the kernel looks like right now, for waits and for failure messages.
  api.kernelState = (path) => {
    const p = api.panel(path);
    if (!p) {
      return { panel: false, app: !!window.jupyterapp };
    }
    const sc = p.sessionContext;
    const k = sc.session && sc.session.kernel;
    const dialogs = Array.from(document.querySelectorAll('.jp-Dialog')).map((d) =>
      d.innerText.trim().slice(0, 300));
    return {
      panel: true,
      contextReady: p.context.isReady,
      sessionReady: sc.isReady,
      kernel: !!k,
      status: k ? k.status : null,
      connection: k ? k.connectionStatus : null,
      cells: p.content.widgets.length,
      dialogs,
    };
  };

  api.kernelIdle = (path) => {
    const s = api.kernelState(path);
    return !!(s.panel && s.contextReady && s.sessionReady && s.kernel &&
      s.status === 'idle' && s.connection === 'connected' && s.cells > 0);
  };

  // Start "run all" without awaiting it here; waits are done (bounded) from Python.
  api.runAll = (path) => {
    const app = window.jupyterapp;
    const p = api.panel(path);
    api.run = { done: false, result: null, error: null, started: performance.now() };
    app.shell.activateById(p.id);
    Promise.resolve(app.commands.execute('notebook:run-all-cells'))
      .then((r) => { api.run.result = r; })
      .catch((e) => { api.run.error = String(e); })
      .finally(() => { api.run.done = true; });
  };

  const isRunning = (cell) => {
    if (cell.model.type !== 'code') {
      return false;
    }
    if (cell.model.executionState === 'running') {
      return true;
    }
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    return !!prompt && prompt.textContent.includes('*');
  };

  api.runFinished = (path) => {
    const p = api.panel(path);
    if (!p || !api.run || !api.run.done) {
      return false;
    }
    if (!api.kernelIdle(path)) {
      return false;
    }
    return !p.content.widgets.some(isRunning);
  };

  const firstLine = (src) => {
    const lines = src.split('\n').filter((l) => l.trim() !== '');
    return lines.length ? lines[0].slice(0, 100) : '';
  };

  // Every cell: its index (0-based, as in the .ipynb), type, execution count, first source
  // line, and its outputs as nbformat JSON.
  api.cells = (path) => {
    const p = api.panel(path);
    return p.content.widgets.map((c, i) => {
      const m = c.model;
      const src = m.sharedModel ? m.sharedModel.getSource() : '';
      return {
        index: i,
        type: m.type,
        count: m.type === 'code' ? m.executionCount : null,
        running: isRunning(c),
        first_line: firstLine(src),
        empty: src.trim() === '',
        outputs: m.type === 'code' ? m.outputs.toJSON() : [],
      };
    });
  };

  api.runningCells = (path) => {
    const p = api.panel(path);
    if (!p) {
      return [];
    }
    return p.content.widgets
      .map((c, i) => ({ i, running: isRunning(c), line: firstLine(c.model.sharedModel.getSource()) }))
      .filter((x) => x.running)
      .map((x) => `cell ${x.i}: ${x.line}`);
  };

  const cellIndexOf = (p, el) => {
    const cellNode = el.closest('.jp-Cell');
    return p.content.widgets.findIndex((w) => w.node === cellNode);
  };

  const visible = (el) => {
    if (!el.isConnected) {
      return false;
    }
    const st = getComputedStyle(el);
    return st.display !== 'none' && st.visibility !== 'hidden' && el.getClientRects().length > 0;
  };

  // Rendered-widget problems visible to a learner: the widget manager's error text.
  api.widgetErrors = (path) => {
    const p = api.panel(path);
    const out = [];
    for (const o of p.node.querySelectorAll('.jp-OutputArea-output')) {
      const t = o.innerText || '';
      if (t.includes('Error displaying widget') || t.includes('Error rendering widget')) {
        out.push({ cell: cellIndexOf(p, o), text: t.trim().slice(0, 300) });
      }
    }
    return out;
  };

  // Outputs that still say "Loading widget..." (the view never rendered).
  api.unrenderedWidgets = (path) => {
    const p = api.panel(path);
    const out = [];
    for (const o of p.node.querySelectorAll('.jp-OutputArea-output')) {
      if ((o.innerText || '').includes('Loading widget...')) {
        out.push(cellIndexOf(p, o));
      }
    }
    return out;
  };

  // A figure: an ipympl figure, or the training playground painted in the page (nnviz/_paint.js,
  // an anywidget: one canvas that must have drawn like any other).
  const FIGURES = '.jupyter-matplotlib, .nnviz-paint';
  const CANVAS = '.jupyter-matplotlib-canvas-div canvas, canvas.nnviz-paint-canvas';

  // Find every ipympl figure in the notebook and the sliders of the explorer it sits in.
  // The explorer is the nearest widget box above the figure (inside the same output)
  // that holds at least one slider which is not part of a figure. Elements are tagged
  // with data-nnviz-fig / data-nnviz-slider so that Python can address them.
  api.scan = (path) => {
    const p = api.panel(path);
    const figs = Array.from(p.node.querySelectorAll(FIGURES));
    return figs.map((fig, i) => {
      fig.setAttribute('data-nnviz-fig', String(i));
      const header = fig.querySelector('.jupyter-matplotlib-header');
      const out = fig.closest('.jp-OutputArea-output');
      let root = null;
      for (let e = fig.parentElement; e && e !== out && out && out.contains(e); e = e.parentElement) {
        if (e.matches('.widget-box') &&
            Array.from(e.querySelectorAll('.widget-slider')).some((s) => !s.closest('.jupyter-matplotlib'))) {
          root = e;
          break;
        }
      }
      const sliders = [];
      if (root) {
        Array.from(root.querySelectorAll('.widget-slider'))
          .filter((s) => !s.closest('.jupyter-matplotlib'))
          .forEach((s, j) => {
            const handle = s.querySelector('.noUi-handle');
            const target = s.querySelector('.noUi-target');
            const label = s.querySelector('.widget-label');
            const id = `${i}-${j}`;
            s.setAttribute('data-nnviz-slider', id);
            sliders.push({
              id,
              label: label ? label.textContent.trim() : '',
              has_handle: !!handle,
              disabled: !!(target && target.hasAttribute('disabled')),
              visible: visible(s),
            });
          });
      }
      const buttons = [];
      if (root) {
        Array.from(root.querySelectorAll('button'))
          .filter((b) => !b.closest('.jupyter-matplotlib'))
          .forEach((b, j) => {
            const id = `${i}-${j}`;
            b.setAttribute('data-nnviz-button', id);
            buttons.push({ id, label: (b.innerText || b.title || '').trim(), disabled: b.disabled,
                           visible: visible(b) });
          });
      }
      return {
        index: i,
        buttons,
        cell: cellIndexOf(p, fig),
        title: header ? header.textContent.trim() : '',
        in_explorer: !!root,
        sliders,
      };
    });
  };

  const canvasOf = (i) => {
    const fig = document.querySelector(`[data-nnviz-fig="${i}"]`);
    return fig ? fig.querySelector(CANVAS) : null;
  };

  const pixels = (canvas) => {
    if (!canvas || !canvas.width || !canvas.height) {
      return null;
    }
    const ctx = canvas.getContext('2d');
    return new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  };

  const same = (a, b) => {
    if (!a || !b || a.length !== b.length) {
      return false;
    }
    for (let k = 0; k < a.length; k++) {
      if (a[k] !== b[k]) {
        return false;
      }
    }
    return true;
  };

  // Size and blankness of figure i's main canvas (the first canvas; the second one is
  // ipympl's transparent rubber-band layer).
  api.canvasInfo = (i) => {
    const c = canvasOf(i);
    if (!c) {
      return { exists: false };
    }
    const r = c.getBoundingClientRect();
    const px = pixels(c);
    let colours = 0;
    if (px && px.length) {
      const seen = new Set();
      for (let k = 0; k < px.length && seen.size < 3; k += 7) {
        seen.add(px[k]);
      }
      colours = seen.size;
    }
    return {
      exists: true,
      width: c.width,
      height: c.height,
      css_width: r.width,
      css_height: r.height,
      blank: colours < 2,
    };
  };

  // Resolve once figure i's canvas has not changed for quietMs (or after maxMs).
  api.settle = (i, quietMs, maxMs) => new Promise((resolve) => {
    const c = canvasOf(i);
    const t0 = performance.now();
    let last = pixels(c);
    let since = t0;
    const tick = () => {
      const now = performance.now();
      const px = pixels(c);
      if (!same(px, last)) {
        last = px;
        since = now;
      }
      if (now - since >= quietMs) {
        resolve({ settled: true, ms: now - t0 });
      } else if (now - t0 >= maxMs) {
        resolve({ settled: false, ms: now - t0 });
      } else {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });

  // Arm a latency probe on figure i: the next keydown anywhere in the page starts the
  // clock (performance.now() in a capturing listener; a pointerdown, for buttons, too), then every animation frame reads
  // the canvas until its pixels differ from the snapshot taken now.
  api.arm = (i, timeoutMs) => {
    const c = canvasOf(i);
    const base = pixels(c);
    const st = { t0: null, t1: null, done: false, changed: false };
    api.probe = st;
    const onKey = () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onKey, true);
      st.t0 = performance.now();
      const poll = () => {
        const now = performance.now();
        if (!same(pixels(c), base)) {
          st.t1 = now;
          st.changed = true;
          st.done = true;
        } else if (now - st.t0 >= timeoutMs) {
          st.done = true;
        } else {
          requestAnimationFrame(poll);
        }
      };
      requestAnimationFrame(poll);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onKey, true);
  };

  api.probeResult = () => {
    const st = api.probe;
    return {
      done: st.done,
      changed: st.changed,
      pressed: st.t0 !== null,
      ms: st.changed ? st.t1 - st.t0 : null,
    };
  };

  api.sliderValue = (id) => {
    const s = document.querySelector(`[data-nnviz-slider="${id}"]`);
    const h = s && s.querySelector('.noUi-handle');
    if (!h) {
      return null;
    }
    const readout = s.querySelector('.widget-readout');
    // aria-valuenow is rounded (one decimal); valuetext and the readout are not.
    return {
      now: h.getAttribute('aria-valuenow'),
      text: h.getAttribute('aria-valuetext'),
      readout: readout ? readout.textContent.trim() : null,
      min: h.getAttribute('aria-valuemin'),
      max: h.getAttribute('aria-valuemax'),
    };
  };

  // The learner's window: its size, and whether the file browser is open in the left sidebar.
  api.layout = () => {
    const app = window.jupyterapp;
    const shell = app && app.shell;
    const left = shell ? Array.from(shell.widgets('left')) : [];
    const browser = left.find((w) => w.id === 'filebrowser');
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      left_collapsed: shell ? shell.leftCollapsed : null,
      file_browser_visible: !!(browser && browser.isVisible),
      file_browser_width: browser ? Math.round(browser.node.getBoundingClientRect().width) : 0,
      notebook_width: panel ? Math.round(panel.getBoundingClientRect().width) : 0,
    };
  };

  // Open the file browser in the left sidebar, as a learner's JupyterLab shows it.
  api.openFileBrowser = () => {
    const app = window.jupyterapp;
    app.shell.activateById('filebrowser');
    app.shell.expandLeft();
    return api.layout();
  };

  // Every canvas and image in the notebook's outputs that is wider than its output area,
  // or reaches past its right edge (JupyterLab cuts it off there). Each with its cell
  // (0-based, as in the .ipynb), what it is, and by how many CSS pixels it overflows.
  api.overflows = (path) => {
    const p = api.panel(path);
    const out = [];
    let checked = 0;
    for (const area of p.node.querySelectorAll('.jp-OutputArea-output')) {
      const box = area.getBoundingClientRect();
      const limit = area.clientWidth;
      const elements = Array.from(area.querySelectorAll('canvas, img'))
        .filter((el) => !el.closest('.jupyter-matplotlib-canvas-div') ||
                el === el.closest('.jupyter-matplotlib-canvas-div').querySelector('canvas'));
      for (const el of elements) {
        if (!visible(el)) {
          continue;
        }
        checked += 1;
        const r = el.getBoundingClientRect();
        const over = Math.max(r.width - limit, r.right - box.right, box.left - r.left);
        if (over > 1) {
          const fig = el.closest('.jupyter-matplotlib');
          const header = fig && fig.querySelector('.jupyter-matplotlib-header');
          const inExplorer = !!(fig && fig.closest('.widget-vbox'));
          out.push({
            cell: cellIndexOf(p, el),
            kind: el.tagName === 'IMG' ? 'image' : (inExplorer ? 'explorer canvas' : 'figure canvas'),
            title: header ? header.textContent.trim() : (el.getAttribute('alt') || ''),
            width: Math.round(r.width),
            area_width: Math.round(limit),
            overflow: Math.round(over),
          });
        }
      }
    }
    return { checked, overflows: out };
  };

  window.__nnviz = api;
})();
