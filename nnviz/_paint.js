// The training playground, painted in the page from the numbers nnviz/_paint.py sends.
// An ES module for anywidget: no imports, nothing fetched. One canvas, three panels:
// the plane (boundary grid + points), the network graph, the train/test loss curves.
// Every change of the numbers asks for one paint at the next animation frame, so many
// messages between two screen refreshes cost one paint. The root element counts what it
// did in data attributes: data-painted (paints), data-epochs (loss points held),
// data-paint-ms (the mean time of a paint), data-wait-ms (mean time from a message's
// arrival to the paint that shows it); root.nnvizPing() times a round trip to the kernel.
// The parts, each a named function: paintPlane, paintGraph, paintLoss (one panel each),
// paintAll (the three and the counters), receiveLosses (the loss curve's increments),
// pointerEvents (clicks, hover, an edge's weight, + / - on the graph) and shareLink (the
// page's address #nnviz=...); render only wires them to the model.

const FONT = '12px "DejaVu Sans", Verdana, sans-serif';
const TITLE_FONT = '13px "DejaVu Sans", Verdana, sans-serif';
const BLUE = '#0072B2', ORANGE = '#E69F00', VERMILLION = '#D55E00', GREY = '#999999', BLACK = '#000000';
const YELLOW = '#F0E442';
const PT = 100 / 72;   // matplotlib points to pixels at 100 dpi

// Panels in CSS pixels: [left, top, width, height] of each axes box.
const PLANE = [58, 30, 330, 318];
const GRAPH = [420, 30, 390, 318];
const LOSS = [58, 412, 740, 138];

function bytes(view) {
  if (!view) return new Uint8Array(0);
  if (view instanceof Uint8Array) return view;
  if (view instanceof DataView) return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  if (view instanceof ArrayBuffer) return new Uint8Array(view);
  if (view.buffer) return new Uint8Array(view.buffer, view.byteOffset || 0, view.byteLength);
  return new Uint8Array(0);
}

function floats(view) {
  const b = bytes(view);
  const copy = new Uint8Array(b.length - (b.length % 4));
  copy.set(b.subarray(0, copy.length));
  return new Float32Array(copy.buffer);
}

// About n round ticks from lo to hi (matplotlib's MaxNLocator in spirit).
function ticks(lo, hi, n) {
  const span = hi - lo;
  if (!(span > 0) || !isFinite(span)) return [lo];
  const raw = span / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * span; v += step) {
    out.push(Math.abs(v) < 1e-12 * span ? 0 : v);
  }
  return out;
}

function label(v) {
  if (Math.abs(v) >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(4)));
}

function text(ctx, s, x, y, align, base, font) {
  ctx.font = font || FONT;
  ctx.fillStyle = BLACK;
  ctx.textAlign = align || 'center';
  ctx.textBaseline = base || 'alphabetic';
  ctx.fillText(s, x, y);
}

// A box's axes: frame, ticks and tick labels; returns the data -> pixel functions.
function axes(ctx, box, xlim, ylim, opts) {
  const [L, T, W, H] = box;
  const px = (x) => L + (x - xlim[0]) / (xlim[1] - xlim[0]) * W;
  const py = (y) => T + H - (y - ylim[0]) / (ylim[1] - ylim[0]) * H;
  if (opts.frame !== false) {
    ctx.strokeStyle = BLACK;
    ctx.lineWidth = 0.8 * PT;
    ctx.strokeRect(L, T, W, H);
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    for (const v of ticks(xlim[0], xlim[1], opts.nx || 5)) {
      if (v < xlim[0] || v > xlim[1]) continue;
      ctx.moveTo(px(v), T + H); ctx.lineTo(px(v), T + H + 4);
      text(ctx, label(v), px(v), T + H + 16);
    }
    for (const v of ticks(ylim[0], ylim[1], opts.ny || 5)) {
      if (v < ylim[0] || v > ylim[1]) continue;
      ctx.moveTo(L, py(v)); ctx.lineTo(L - 4, py(v));
      text(ctx, label(v), L - 6, py(v), 'right', 'middle');
    }
    ctx.stroke();
  }
  return { px, py };
}

function marker(ctx, kind, x, y, r) {
  ctx.beginPath();
  if (kind === 1) { ctx.rect(x - r, y - r, 2 * r, 2 * r); } else { ctx.arc(x, y, r, 0, 2 * Math.PI); }
  ctx.fill();
  ctx.stroke();
}

// Graph geometry, as NetworkGraphDrawer lays it out: one column per layer, 1.6 apart.
function graphLayout(sizes) {
  const tallest = Math.max(...sizes);
  const half = 0.36;
  const positions = sizes.map((size, layer) => {
    const ys = [];
    for (let k = 0; k < size; k++) ys.push((tallest - 1) / 2 + ((size - 1 - k) - (size - 1) / 2));
    return { x: layer * 1.6, ys };
  });
  const xlim = [-half - 0.6, positions[positions.length - 1].x + half + 0.7];
  const ylim = [-half - 0.2, tallest - 1 + half + 0.2];
  const [L, T, W, H] = GRAPH;
  const sx = W / (xlim[1] - xlim[0]), sy = H / (ylim[1] - ylim[0]);
  const side = Math.min(sx, sy, 88) * 2 * half;      // square pictures, at most 63 px
  const px = (x) => L + (x - xlim[0]) * sx;
  const py = (y) => T + H - (y - ylim[0]) * sy;
  const cells = [];
  positions.forEach((p, layer) => p.ys.forEach((y, j) => cells.push({ layer, j, cx: px(p.x), cy: py(y) })));
  return { positions, px, py, side, cells };
}

function paintPicture(ctx, scratch, values, n, table, x, y, w, h, smooth) {
  if (n < 2 || values.length < n * n) return;
  const img = scratch.ctx.createImageData(n, n);
  for (let r = 0; r < n; r++) {            // row 0 is the bottom of the plane
    for (let c = 0; c < n; c++) {
      const v = values[r * n + c], o = 4 * ((n - 1 - r) * n + c);
      img.data[o] = table[3 * v]; img.data[o + 1] = table[3 * v + 1]; img.data[o + 2] = table[3 * v + 2];
      img.data[o + 3] = 255;
    }
  }
  scratch.canvas.width = n; scratch.canvas.height = n;
  scratch.ctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.imageSmoothingQuality = 'low';
  ctx.drawImage(scratch.canvas, x, y, w, h);
}

// One line of the loss plot, at most two points per pixel column (min and max).
function lossLine(ctx, values, count, px, py, colour, dash) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5 * PT;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let started = false, column = null, lo = 0, hi = 0;
  const flush = () => {
    if (column === null) return;
    const y1 = py(lo), y2 = py(hi);
    if (!started) { ctx.moveTo(column, y1); started = true; } else { ctx.lineTo(column, y1); }
    if (y2 !== y1) ctx.lineTo(column, y2);
  };
  for (let k = 0; k < count; k++) {
    const v = values[k];
    if (!isFinite(v)) { flush(); column = null; started = false; continue; }
    const x = Math.round(px(k + 1));
    if (x !== column) { flush(); column = x; lo = v; hi = v; } else { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  flush();
  ctx.stroke();
  ctx.setLineDash([]);
}


// 1. The plane: the boundary grid, the points (the learner's own large and ringed in yellow),
// the wrong ones ringed in black.
function paintPlane(ctx, scratch, model) {
  const titles = model.get('titles') || ['', '', ''];
  const colours = bytes(model.get('colours'));
  const plane = model.get('plane');
  const [L, T, W, H] = PLANE;
  const boundary = bytes(model.get('boundary'));
  const n = Math.round(Math.sqrt(boundary.length));
  if (colours.length >= 768) paintPicture(ctx, scratch, boundary, n, colours, L, T, W, H, true);
  const { px, py } = axes(ctx, PLANE, [plane[0], plane[1]], [plane[2], plane[3]], {});
  text(ctx, titles[0], L + W / 2, T - 8, 'center', 'alphabetic', TITLE_FONT);
  const names = model.get('axis_labels') || ['x1', 'x2'];
  text(ctx, names[0], L + W / 2, T + H + 32);
  ctx.save(); ctx.translate(14, T + H / 2); ctx.rotate(-Math.PI / 2); text(ctx, names[1], 0, 0, 'center', 'middle'); ctx.restore();
  const pts = floats(model.get('points'));
  const nTrain = model.get('n_train');
  const nAdded = model.get('n_added') || 0;
  const showTest = model.get('show_test') !== false;
  const wrong = bytes(model.get('wrong'));
  const count = Math.floor(pts.length / 3);
  // regression: each point filled with its value's colour on the range [lo, hi], a square
  // above the middle and a circle below; classes: orange circle 0, blue square 1
  const range = model.get('point_range') || [];
  const valued = range.length === 2;
  const table = valued ? bytes(model.get('neuron_colours')) : null;
  const mid = valued ? (range[0] + range[1]) / 2 : 0.5;
  ctx.save();
  ctx.beginPath(); ctx.rect(L, T, W, H); ctx.clip();
  // test points under the data's training points, the learner's own on top
  for (const kind of ['test', 'train', 'added']) {
    if (kind === 'test' && !showTest) continue;
    const test = kind === 'test', added = kind === 'added';
    ctx.lineWidth = (test ? 0.8 : added ? 2.2 : 1.0) * PT;
    ctx.strokeStyle = test ? '#ffffff' : BLACK;
    const r = (test ? Math.sqrt(20) : added ? Math.sqrt(70) : Math.sqrt(34)) * PT / 2;
    for (let k = 0; k < count; k++) {
      const is = k >= nTrain ? 'test' : (k >= nTrain - nAdded ? 'added' : 'train');
      if (is !== kind) continue;
      const v = pts[3 * k + 2];
      const cls = v > mid ? 1 : 0;
      if (valued) {
        const q = 3 * Math.round(255 * Math.min(1, Math.max(0, (v - range[0]) / ((range[1] - range[0]) || 1))));
        ctx.fillStyle = `rgb(${table[q]},${table[q + 1]},${table[q + 2]})`;
      } else ctx.fillStyle = cls ? BLUE : ORANGE;
      ctx.globalAlpha = test ? 0.9 : 1;
      marker(ctx, cls, px(pts[3 * k]), py(pts[3 * k + 1]), cls ? r * 0.886 : r);
      if (added) {
        ctx.save(); ctx.strokeStyle = YELLOW; ctx.lineWidth = 1.6 * PT;
        ctx.beginPath(); ctx.arc(px(pts[3 * k]), py(pts[3 * k + 1]), 6.5 * PT, 0, 2 * Math.PI); ctx.stroke();
        ctx.restore();
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = BLACK;
  ctx.lineWidth = 1.3 * PT;
  for (let k = 0; k < count; k++) {
    if (!wrong[k] || (k >= nTrain && !showTest)) continue;
    ctx.beginPath(); ctx.arc(px(pts[3 * k]), py(pts[3 * k + 1]), 5 * PT, 0, 2 * Math.PI); ctx.stroke();
  }
  ctx.restore();
}

// The small +/- buttons under the graph: one pair per hidden layer (a neuron more or less)
// and one pair for the layers (a hidden layer more or less).
function graphButtons(g, sizes) {
  const y = GRAPH[1] + GRAPH[3] + 6, s = 15, out = [];
  g.positions.forEach((p, layer) => {
    if (layer === 0 || layer === sizes.length - 1) return;
    const cx = g.px(p.x);
    out.push({ x: cx - s - 2, y, s, label: '−', layer, change: -1 });
    out.push({ x: cx + 2, y, s, label: '+', layer, change: +1 });
  });
  const right = GRAPH[0] + GRAPH[2];
  out.push({ x: right - 2 * s - 4, y, s, label: '−', layer: null, change: -1 });
  out.push({ x: right - s, y, s, label: '+', layer: null, change: +1 });
  return out;
}

// 2. The graph: edges by weight (or by |dL/dw| when gradients are sent), a picture in
// every neuron, the inputs' names, + / - under the hidden layers.
function paintGraph(ctx, scratch, model, state) {
  const titles = model.get('titles') || ['', '', ''];
  const neuronColours = bytes(model.get('neuron_colours'));
  const sizes = model.get('layer_sizes');
  const g = graphLayout(sizes);
  state.cells = g.cells;
  text(ctx, titles[1], GRAPH[0] + GRAPH[2] / 2, GRAPH[1] - 8, 'center', 'alphabetic', TITLE_FONT);
  const weights = floats(model.get('weights'));
  const grads = floats(model.get('gradients'));
  const widths = grads.length === weights.length && grads.length ? grads : weights;
  let biggest = 1e-12;
  for (const v of widths) biggest = Math.max(biggest, Math.abs(v));
  let e = 0;
  const half = g.side / 2;
  state.edges = [];
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const a = g.positions[layer], b = g.positions[layer + 1];
    for (let j = 0; j < b.ys.length; j++) {
      for (let k = 0; k < a.ys.length; k++, e++) {
        const v = weights[e] || 0;
        const x0 = g.px(a.x) + half, y0 = g.py(a.ys[k]), x1 = g.px(b.x) - half, y1 = g.py(b.ys[j]);
        ctx.strokeStyle = v >= 0 ? BLUE : VERMILLION;
        ctx.lineWidth = (0.3 + 3.2 * Math.abs(widths[e] || 0) / biggest) * PT;
        ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
        state.edges.push({ index: e, x0, y0, x1, y1, weight: v, from: [layer, k], to: [layer + 1, j] });
      }
    }
  }
  const pictures = bytes(model.get('neurons'));
  const m = 16;
  const selected = state.hover || model.get('selected') || [];
  g.cells.forEach((c, i) => {
    const x = c.cx - half, y = c.cy - half;
    if (neuronColours.length >= 768) {
      paintPicture(ctx, scratch, pictures.subarray(i * m * m, (i + 1) * m * m), m, neuronColours, x, y, g.side, g.side, false);
    }
    const on = selected.length === 2 && selected[0] === c.layer && selected[1] === c.j;
    ctx.strokeStyle = on ? BLACK : GREY;
    ctx.lineWidth = (on ? 2.5 : 0.6) * PT;
    ctx.strokeRect(x, y, g.side, g.side);
  });
  const inputs = model.get('input_labels') || [];
  g.cells.filter((c) => c.layer === 0).forEach((c, j) => text(ctx, inputs[j] || `x${j + 1}`, c.cx - half - 4, c.cy, 'right', 'middle'));
  const last = g.cells[g.cells.length - 1];
  if (last) text(ctx, 'out', last.cx + half + 4, last.cy, 'left', 'middle');
  state.buttons = model.get('editable') ? graphButtons(g, sizes) : [];
  for (const b of state.buttons) {
    ctx.strokeStyle = GREY; ctx.lineWidth = 1; ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(b.x, b.y, b.s, b.s); ctx.strokeRect(b.x, b.y, b.s, b.s);
    text(ctx, b.label, b.x + b.s / 2, b.y + b.s / 2 + 1, 'center', 'middle');
  }
  if (state.buttons.length) {
    const b = state.buttons[state.buttons.length - 2];
    text(ctx, 'layers', b.x - 4, b.y + b.s / 2 + 1, 'right', 'middle');
  }
}

// 3. The loss per epoch: train solid, test dashed.
function paintLoss(ctx, model, state) {
  const titles = model.get('titles') || ['', '', ''];
  const [xTop, yTop] = model.get('loss_axes');
  const lo = axes(ctx, LOSS, [0.5, xTop + 0.5], [0, yTop], { nx: 6, ny: 3 });
  text(ctx, titles[2], LOSS[0] + LOSS[2] / 2, LOSS[1] - 8, 'center', 'alphabetic', TITLE_FONT);
  text(ctx, 'epoch', LOSS[0] + LOSS[2] / 2, LOSS[1] + LOSS[3] + 32);
  ctx.save(); ctx.translate(14, LOSS[1] + LOSS[3] / 2); ctx.rotate(-Math.PI / 2); text(ctx, 'loss (MSE)', 0, 0, 'center', 'middle'); ctx.restore();
  ctx.save();
  ctx.beginPath(); ctx.rect(LOSS[0], LOSS[1], LOSS[2], LOSS[3]); ctx.clip();
  lossLine(ctx, state.train, state.train.length, lo.px, lo.py, BLUE, []);
  lossLine(ctx, state.test, state.test.length, lo.px, lo.py, ORANGE, [5.5 * PT, 2.4 * PT]);
  ctx.restore();
  if (!state.train.length && model.get('empty_note')) {
    ctx.fillStyle = GREY; ctx.font = FONT; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(model.get('empty_note'), LOSS[0] + LOSS[2] / 2, LOSS[1] + LOSS[3] / 2);
  }
}

// One paint of the whole canvas, and the counters the benchmarks and tests read.
function paintAll(ctx, scratch, model, state, root) {
  state.pending = false;
  const t0 = performance.now();
  const dpr = window.devicePixelRatio || 1;
  const w = model.get('width'), h = model.get('height');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  paintPlane(ctx, scratch, model);
  paintGraph(ctx, scratch, model, state);
  paintLoss(ctx, model, state);
  state.painted += 1;
  const k = Math.min(state.painted, 50);      // means over the last 50 paints or so
  state.paintMs += (performance.now() - t0 - state.paintMs) / k;
  if (state.arrived !== null) { state.waitMs += (t0 - state.arrived - state.waitMs) / k; state.arrived = null; }
  root.dataset.paintMs = state.paintMs.toFixed(2);
  root.dataset.waitMs = state.waitMs.toFixed(2);
  root.dataset.painted = String(state.painted);
  root.dataset.epochs = String(state.train.length);
}

// Losses arrive as increments: epochs start + 1, ... as float32 pairs (train, test), with
// the frame (loss_start, loss_chunk) or, when the page asked, in a message of their own.
// Returns the handlers to wire: onMessage, onChunk, onRun.
function receiveLosses(model, state, ask) {
  const addLosses = (run, start, view) => {
    if (run !== state.run) { state.run = run; state.train = []; state.test = []; }
    if (start > state.train.length) {       // a gap: ask for what is missing
      model.send({ type: 'need_losses', from: state.train.length });
      return;
    }
    state.train.length = start;
    state.test.length = start;
    const pairs = floats(view);
    for (let k = 0; k + 1 < pairs.length; k += 2) { state.train.push(pairs[k]); state.test.push(pairs[k + 1]); }
    ask();
  };
  return {
    onMessage: (msg, buffers) => {
      if (msg && msg.type === 'pong') { const f = state.pongs.shift(); if (f) f(); return; }
      if (msg && msg.type === 'losses') addLosses(msg.run, msg.start, buffers && buffers[0]);
    },
    onChunk: () => addLosses(model.get('run_id'), model.get('loss_start'), model.get('loss_chunk')),
    onRun: () => {
      if (model.get('run_id') !== state.run) { state.run = model.get('run_id'); state.train = []; state.test = []; ask(); }
    },
  };
}

function distanceToSegment(x, y, s) {
  const dx = s.x1 - s.x0, dy = s.y1 - s.y0, len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((x - s.x0) * dx + (y - s.y0) * dy) / len2));
  return Math.hypot(x - (s.x0 + t * dx), y - (s.y0 + t * dy));
}

// The page's events: a click on the plane (a point), on an edge (its weight), on + / -
// (neurons and layers); the pointer over a neuron (shown large) or an edge (its weight).
// Returns the listeners, to add and to remove.
function pointerEvents(canvas, model, state, ask) {
  const where = (event) => {
    const r = canvas.getBoundingClientRect();
    return [(event.clientX - r.left) * model.get('width') / r.width,
            (event.clientY - r.top) * model.get('height') / r.height];
  };
  const neuronAt = (x, y) => {
    const half = (graphLayout(model.get('layer_sizes')).side) / 2;
    const c = (state.cells || []).find((c) => c.layer > 0 && Math.abs(x - c.cx) <= half && Math.abs(y - c.cy) <= half);
    return c ? [c.layer, c.j] : null;
  };
  const edgeAt = (x, y) => {
    if (!model.get('editable') || neuronAt(x, y)) return null;
    let best = null, dist = 4;
    for (const s of state.edges || []) {
      const d = distanceToSegment(x, y, s);
      if (d <= dist) { best = s; dist = d; }
    }
    return best;
  };
  const buttonAt = (x, y) => (state.buttons || []).find((b) => x >= b.x && x <= b.x + b.s && y >= b.y && y <= b.y + b.s) || null;
  const inPlane = (x, y) => x >= PLANE[0] && x <= PLANE[0] + PLANE[2] && y >= PLANE[1] && y <= PLANE[1] + PLANE[3];
  const onClick = (event) => {
    const [x, y] = where(event);
    const b = buttonAt(x, y);
    if (b) { model.send({ type: 'layers', layer: b.layer, change: b.change }); return; }
    const edge = edgeAt(x, y);
    if (edge) {
      const typed = window.prompt(`weight from neuron ${edge.from[1] + 1} of layer ${edge.from[0]} to neuron ` +
        `${edge.to[1] + 1} of layer ${edge.to[0]} (now ${label(edge.weight)}):`, label(edge.weight));
      if (typed !== null && typed.trim() !== '' && isFinite(Number(typed))) {
        model.send({ type: 'weight', index: edge.index, value: Number(typed) });
      }
      return;
    }
    if (!inPlane(x, y)) return;
    const p = model.get('plane');
    model.send({ type: 'click',
                 x: p[0] + (x - PLANE[0]) / PLANE[2] * (p[1] - p[0]),
                 y: p[3] - (y - PLANE[1]) / PLANE[3] * (p[3] - p[2]) });
  };
  const onMove = (event) => {
    const [x, y] = where(event);
    const edge = edgeAt(x, y), b = buttonAt(x, y);
    canvas.style.cursor = (inPlane(x, y) && model.get('clickable')) ? 'crosshair' : (edge || b ? 'pointer' : 'default');
    const hover = neuronAt(x, y);
    const same = (hover === null && state.hover === null) ||
      (hover && state.hover && hover[0] === state.hover[0] && hover[1] === state.hover[1]);
    if (b) canvas.title = b.layer === null ? (b.change > 0 ? 'add a hidden layer' : 'remove the last hidden layer')
      : `${b.change > 0 ? 'add a neuron to' : 'remove a neuron from'} layer ${b.layer}`;
    else if (edge) canvas.title = `weight ${label(edge.weight)}: click to set it`;
    if (!same) {
      state.hover = hover;
      canvas.title = hover ? (hover[0] === model.get('layer_sizes').length - 1 ? "the network's output"
        : `layer ${hover[0]}, neuron ${hover[1] + 1}: shown large on the left`) : (b || edge ? canvas.title : '');
      model.send({ type: 'hover', neuron: hover });
      ask();
    } else if (!hover && !b && !edge) {
      canvas.title = '';
    }
  };
  const onLeave = () => {
    if (state.hover !== null) { state.hover = null; model.send({ type: 'hover', neuron: null }); ask(); }
  };
  return { click: onClick, mousemove: onMove, mouseleave: onLeave };
}

// A link that opens the playground in a given state: the page's address ends with
// #nnviz=<state>. On the first view, a state in the address is sent to the kernel; when
// the kernel shares a state, the address shows it (copy the address: that is the link).
function shareLink(model) {
  const found = (window.location.hash || '').match(/nnviz=([^&]+)/);
  if (found && !window.nnvizStateRead) {
    window.nnvizStateRead = true;
    model.send({ type: 'state', state: decodeURIComponent(found[1]) });
  }
  return () => {
    const state = model.get('share');
    if (state && window.history && window.history.replaceState) {
      window.history.replaceState(window.history.state, '', `#nnviz=${state}`);
    }
  };
}

function render({ model, el }) {
  const root = document.createElement('div');
  root.className = 'nnviz-paint';
  root.dataset.painted = '0';
  root.dataset.epochs = '0';
  const canvas = document.createElement('canvas');
  canvas.className = 'nnviz-paint-canvas';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'The training playground: the decision boundary with the points, the network as a graph, and the loss per epoch');
  root.appendChild(canvas);
  el.appendChild(root);
  const ctx = canvas.getContext('2d');
  const scratchCanvas = document.createElement('canvas');
  const scratch = { canvas: scratchCanvas, ctx: scratchCanvas.getContext('2d') };
  const state = { train: [], test: [], run: model.get('run_id'), hover: null, painted: 0, pending: false,
                  arrived: null, paintMs: 0, waitMs: 0, pongs: [], cells: [], edges: [], buttons: [] };

  const size = () => {
    const w = model.get('width'), h = model.get('height'), dpr = window.devicePixelRatio || 1;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  };
  size();
  const ask = () => {       // many changes before the next screen refresh: one paint
    if (state.arrived === null) state.arrived = performance.now();
    if (!state.pending) {
      state.pending = true;
      requestAnimationFrame(() => paintAll(ctx, scratch, model, state, root));
    }
  };
  const losses = receiveLosses(model, state, ask);
  const onSize = () => { size(); ask(); };
  const onShare = shareLink(model);
  const TRAITS = ['plane', 'boundary', 'weights', 'gradients', 'neurons', 'points', 'n_train', 'n_added', 'point_range',
                  'wrong', 'selected', 'titles', 'axis_labels', 'input_labels', 'loss_axes', 'empty_note',
                  'layer_sizes', 'colours', 'neuron_colours', 'show_test', 'editable'];
  const wiring = [['msg:custom', losses.onMessage], ['change:loss_chunk', losses.onChunk],
                  ['change:run_id', losses.onRun], ['change:width', onSize], ['change:height', onSize],
                  ['change:share', onShare], ...TRAITS.map((name) => [`change:${name}`, ask])];
  for (const [event, f] of wiring) model.on(event, f);
  const listeners = pointerEvents(canvas, model, state, ask);
  for (const [event, f] of Object.entries(listeners)) canvas.addEventListener(event, f);
  root.nnvizPing = () => new Promise((resolve) => {
    const t0 = performance.now();
    state.pongs.push(() => resolve(performance.now() - t0));
    model.send({ type: 'ping' });
  });
  model.send({ type: 'need_losses', from: 0 });
  ask();
  return () => {
    for (const [event, f] of wiring) model.off(event, f);
    for (const [event, f] of Object.entries(listeners)) canvas.removeEventListener(event, f);
  };
}

export default { render };
