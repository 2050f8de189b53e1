// Live attention explorer (issues 7 and 8). Each <div class="ag-explorer"> holds a static figure
// (what readers without JavaScript see) and its data as JSON, written at build time by
// snippets/explorer.py. This script replaces the static figure with linked views of the
// weights (query/key tokens, heat map, lines, table) and controls that recompute them.
// Pages without an explorer pay for one querySelectorAll.
(() => {
  "use strict";
  const roots = document.querySelectorAll(".ag-explorer");
  if (!roots.length) return;
  const SVG = "http://www.w3.org/2000/svg";

  // May query i attend to key j? Only if every mask switched on allows it.
  const isAllowed = (data, state, i, j) => state.masks.every((name) => data.masks[name][i][j]);

  // Same steps, in the same order, as snippets.explorer.numpy_weights: the chosen head's
  // scores q·k, times 1/sqrt(d_k) if scaled, divided by T; softmax over the allowed keys only.
  function attentionWeights(data, state) {
    const q = data.q[state.head];
    const k = data.k[state.head];
    const scale = state.scaled ? 1 / Math.sqrt(q[0].length) : 1;
    const t = data.temperatures[state.t];
    return q.map((qi, i) => {
      const allowed = k.map((_, j) => isAllowed(data, state, i, j));
      const z = k.map((kj) => {
        let dot = 0;
        for (let c = 0; c < kj.length; c++) dot += qi[c] * kj[c];
        return (dot * scale) / t;
      });
      let max = -Infinity;
      z.forEach((v, j) => { if (allowed[j] && v > max) max = v; });
      const e = z.map((v, j) => (allowed[j] ? Math.exp(v - max) : 0));
      const total = e.reduce((a, b) => a + b, 0);
      return e.map((v) => (total > 0 ? v / total : 0)); // all keys masked: zero weights
    });
  }

  // Tiny DOM builders: el("tag", {attr: value}, children...)
  function make(ns, tag, attrs, kids) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const kid of kids) node.append(kid);
    return node;
  }
  const el = (tag, attrs, ...kids) => make(null, tag, attrs, kids);
  const svg = (tag, attrs, ...kids) => make(SVG, tag, attrs, kids);
  const fmt = (w) => w.toFixed(3);

  function mount(root, index) {
    const data = JSON.parse(root.querySelector("script.ag-explorer-data").textContent);
    const s = data.strings;
    const m = data.queries.length;
    const n = data.keys.length;
    const id = (suffix) => `ag-x${index}-${suffix}`;
    const state = {
      t: data.temperatures.indexOf(data.defaults.temperature),
      scaled: data.defaults.scaled,
      masks: data.defaults.masks.slice(),
      head: data.defaults.head,
      q: 0,
    };
    let weights = [];

    // Controls
    const slider = el("input", {
      type: "range", id: id("t"), min: 0, max: data.temperatures.length - 1, step: 1,
      value: state.t,
    });
    const tOut = el("output", { for: id("t") });
    const check = (name, label, on) => {
      const box = el("input", { type: "checkbox", id: id(name), "data-name": name });
      box.checked = on;
      return [box, el("div", { class: "ag-x-check" }, box, el("label", { for: id(name) }, label))];
    };
    const [scaleBox, scaleRow] = check("scaled", s.scaled, state.scaled);
    const maskBoxes = Object.keys(data.masks).map((name) =>
      check(name, s[`mask.${name}`], state.masks.includes(name)));
    // A head selector only when the data hold more than one head.
    const headBox = el("select", { id: id("head"), "data-name": "head" },
      ...data.q.map((_, h) => el("option", { value: h }, String(h + 1))));
    headBox.value = state.head;
    const headRow = data.q.length > 1
      ? [el("div", { class: "ag-x-range" }, el("label", { for: id("head") }, s.head), headBox)]
      : [];
    const controls = el("fieldset", { class: "ag-x-controls" },
      el("legend", {}, s.controls), ...headRow,
      el("div", { class: "ag-x-range" },
        el("label", { for: id("t") }, s.temperature), slider, tOut),
      scaleRow, ...maskBoxes.map(([, row]) => row));

    // Tokens: the queries are a radio group (roving focus), the keys show their weights.
    const radios = data.queries.map((token, i) =>
      el("button", { type: "button", role: "radio", "data-q": i }, token));
    const queryGroup = el("div", {
      class: "ag-x-queries", role: "radiogroup", "aria-labelledby": id("ql"),
      "aria-describedby": id("help"),
    }, ...radios);
    const keyItems = data.keys.map((token) => {
      const value = el("span", { class: "ag-x-value" });
      const bar = el("span", { class: "ag-x-bar", "aria-hidden": "true" });
      const item = el("li", {}, el("span", { class: "ag-x-token" }, token), value, bar);
      return { item, value, bar };
    });
    const status = el("p", { class: "ag-x-status", "aria-live": "polite" });

    // Heat map: one <g data-q> per query row, cells filled in proportion to the weight.
    const C = 24; const LW = 70; const TH = 48;
    // Both views get their viewBox size in pixels, so their labels share one text size.
    const sized = (w, h) => ({ viewBox: `0 0 ${w} ${h}`, width: w, height: h });
    const heat = svg("svg", {
      ...sized(LW + n * C + 4, TH + m * C + 4), class: "ag-x-heat", "aria-hidden": "true",
    });
    data.keys.forEach((token, j) => {
      const x = LW + j * C + C / 2;
      heat.append(svg("text", { x, y: TH - 6, transform: `rotate(-50 ${x} ${TH - 6})` }, token));
    });
    const cells = data.queries.map((token, i) => {
      const y = TH + i * C;
      const row = svg("g", { "data-q": i },
        svg("rect", { x: 0, y, width: LW + n * C, height: C, class: "ag-x-hit" }),
        svg("text", { x: LW - 6, y: y + C / 2, class: "ag-x-rowlabel" }, token));
      heat.append(row);
      return data.keys.map((_, j) => {
        const cell = svg("rect", { x: LW + j * C + 1, y: y + 1, width: C - 2, height: C - 2 });
        row.append(cell);
        return cell;
      });
    });
    const frame = svg("rect", { x: LW, width: n * C, height: C, class: "ag-x-frame" });
    heat.append(frame);

    // Bipartite view: queries on the left, keys on the right, one line per pair.
    const R = 22; const X0 = 84; const X1 = 236;
    const rows = Math.max(m, n);
    const yOf = (k, count) => 12 + (k + (rows - count) / 2) * R;
    const lines = svg("svg", {
      ...sized(320, rows * R + 4), class: "ag-x-lines", "aria-hidden": "true",
    });
    const groups = data.queries.map((token, i) => {
      const group = svg("g", { "data-q": i });
      const edges = data.keys.map((_, j) => {
        const line = svg("line", { x1: X0, y1: yOf(i, m), x2: X1, y2: yOf(j, n) });
        group.append(line);
        return line;
      });
      lines.append(group,
        svg("text", { x: X0 - 8, y: yOf(i, m), class: "ag-x-rowlabel", "data-q": i }, token));
      return { group, edges };
    });
    data.keys.forEach((token, j) =>
      lines.append(svg("text", { x: X1 + 8, y: yOf(j, n) }, token)));

    // Table of the current weights
    const valueCells = data.queries.map(() => data.keys.map(() => el("td")));
    const table = el("table", {},
      el("caption", {}, s["table.caption"]),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, s.query_key),
        ...data.keys.map((token) => el("th", { scope: "col" }, token)))),
      el("tbody", {}, ...data.queries.map((token, i) =>
        el("tr", {}, el("th", { scope: "row" }, token), ...valueCells[i]))));
    const details = el("details", { class: "ag-figure-data" },
      el("summary", {}, s["table.summary"]),
      el("div", { class: "ag-x-scroll", tabindex: 0, role: "region",
        "aria-label": s["table.summary"] }, table));

    const live = el("figure", { class: "ag-figure ag-x", "aria-label": s.label },
      controls,
      el("p", { id: id("help"), class: "ag-x-help" }, s.help),
      el("div", { class: "ag-x-tokens" },
        el("p", { id: id("ql"), class: "ag-x-label" }, s.queries), queryGroup,
        el("p", { id: id("kl"), class: "ag-x-label" }, s.keys),
        el("ol", { class: "ag-x-keys", "aria-labelledby": id("kl") },
          ...keyItems.map((k) => k.item))),
      status,
      el("div", { class: "ag-x-views" },
        el("div", {}, el("p", { class: "ag-x-label" }, s.heatmap), heat),
        el("div", {}, el("p", { class: "ag-x-label" }, s.lines), lines)),
      el("figcaption", {}, s.caption),
      details);

    function paintSelection() {
      const i = state.q;
      radios.forEach((radio, k) => {
        radio.setAttribute("aria-checked", k === i);
        radio.tabIndex = k === i ? 0 : -1;
      });
      let best = 0;
      keyItems.forEach(({ item, value, bar }, j) => {
        const w = weights[i][j];
        value.textContent = fmt(w);
        bar.style.width = `${(100 * w).toFixed(2)}%`;
        item.classList.toggle("ag-x-masked", !isAllowed(data, state, i, j));
        if (w > weights[i][best]) best = j;
      });
      frame.setAttribute("y", TH + i * C);
      groups.forEach(({ group }, k) => group.classList.toggle("ag-x-on", k === i));
      lines.append(groups[i].group); // the chosen query's lines are drawn on top
      status.textContent = s.status.replace("{query}", data.queries[i])
        .replace("{weight}", fmt(weights[i][best])).replace("{key}", data.keys[best]);
    }

    function recompute() {
      weights = attentionWeights(data, state);
      const t = data.temperatures[state.t].toFixed(1);
      tOut.textContent = t;
      slider.setAttribute("aria-valuetext", `T = ${t}`);
      weights.forEach((row, i) => row.forEach((w, j) => {
        cells[i][j].style.fillOpacity = w;
        cells[i][j].classList.toggle("ag-x-masked", !isAllowed(data, state, i, j));
        groups[i].edges[j].style.strokeWidth = 10 * w;
        valueCells[i][j].textContent = fmt(w);
      }));
      paintSelection();
    }

    function select(i, focus) {
      state.q = (i + m) % m;
      paintSelection();
      if (focus) radios[state.q].focus();
    }

    slider.addEventListener("input", () => { state.t = Number(slider.value); recompute(); });
    scaleBox.addEventListener("change", () => { state.scaled = scaleBox.checked; recompute(); });
    headBox.addEventListener("change", () => { state.head = Number(headBox.value); recompute(); });
    for (const [box] of maskBoxes) {
      box.addEventListener("change", () => {
        state.masks = maskBoxes.filter(([b]) => b.checked).map(([b]) => b.dataset.name);
        recompute();
      });
    }
    const pick = (event) => {
      const target = event.target.closest("[data-q]");
      if (target && live.contains(target)) select(Number(target.dataset.q), false);
    };
    live.addEventListener("click", pick);
    live.addEventListener("pointerover", pick);
    const moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    queryGroup.addEventListener("keydown", (event) => {
      let next = null;
      const from = Number(event.target.dataset.q); // the focused token, chosen or not
      if (event.key in moves) next = from + moves[event.key];
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = m - 1;
      if (next === null) return;
      event.preventDefault();
      select(next, true);
    });

    // The static figure, if the block holds one, gives way to the live figure, which shows
    // the same weights and more. (Material's figure style overrides a bare `hidden`.)
    const fallback = root.querySelector("figure");
    root.insertBefore(live, fallback);
    if (fallback) {
      fallback.hidden = true;
      fallback.style.display = "none";
    }
    recompute();
    // Debug and test hook: the current weights (m × n), the chosen query and head.
    root.agExplorer = {
      weights: () => weights.map((row) => row.slice()), query: () => state.q,
      head: () => state.head,
    };
  }

  // The stylesheet sits next to this script's folder; load it only on pages that need it.
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("../stylesheets/explorer.css", document.currentScript.src).href;
  link.onload = link.onerror = () => roots.forEach(mount);
  document.head.append(link);
})();
