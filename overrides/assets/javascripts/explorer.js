// Live attention explorer (issues 7, 8 and 18). Each <div class="ag-explorer"> holds a static
// figure (what readers without JavaScript see) and its data as JSON, written at build time by
// snippets/explorer.py: inline, or on the site in the file its data-src names
// (hooks/explorer_data.py keeps those bytes out of the page's first view). This script replaces the static figure with linked views of the
// weights (query/key tokens, a heat map drawn like the static figure, lines, a table) and
// controls that recompute them; where the data allow it, the reader can type a sentence of
// their own, embedded by the toy spelling embedding of snippets/toy_embedding.py.
// Pages without an explorer pay for one querySelectorAll.
(() => {
  "use strict";
  const roots = document.querySelectorAll(".ag-explorer");
  if (!roots.length) return;
  const SVG = "http://www.w3.org/2000/svg";

  // --- The toy embedding: the same steps as snippets/toy_embedding.py ---------------------
  const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
  const tokenize = (text) => text.normalize("NFC").toLowerCase().match(TOKEN) || [];
  function fnv1a(text) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h;
  }
  function trigramVector(gram, dim) {
    let state = fnv1a(gram) || 1;
    const values = new Array(dim);
    for (let c = 0; c < dim; c++) {
      state = (state ^ (state << 13)) >>> 0;
      state = (state ^ (state >>> 17)) >>> 0;
      state = (state ^ (state << 5)) >>> 0;
      values[c] = state / 2 ** 31 - 1;
    }
    return values;
  }
  function toyEmbed(tokens, dim) {
    return tokens.map((token) => {
      const chars = [..."<" + token + ">"];
      const total = new Array(dim).fill(0);
      let count = 0;
      for (let i = 0; i + 3 <= chars.length; i++, count++) {
        const v = trigramVector(chars.slice(i, i + 3).join(""), dim);
        for (let c = 0; c < dim; c++) total[c] += v[c];
      }
      return total.map((x) => x / Math.sqrt(count));
    });
  }

  // May query i attend to key j? Only if every mask switched on allows it.
  const isAllowed = (data, state, i, j) =>
    state.masks.every((name) => !data.masks[name] || data.masks[name][i][j]);

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

  // The block's data: fetched from data-src (the site) or read from its inline JSON.
  function load(root) {
    if (!root.dataset.src) {
      return Promise.resolve(JSON.parse(root.querySelector("script.ag-explorer-data").textContent));
    }
    return fetch(new URL(root.dataset.src, location.href)).then((response) => {
      if (!response.ok) throw new Error(`explorer data ${root.dataset.src}: ${response.status}`);
      return response.json();
    });
  }

  function mount(root, index, original) {
    const s = original.strings;
    if (!original.q) { // the typed explorer: this browser embeds its default sentence
      const tokens = tokenize(original.typed.queries);
      const x = toyEmbed(tokens, original.typed.dim);
      Object.assign(original, { queries: tokens, keys: tokens, q: [x], k: [x] });
    }
    // The figures' colour map (viridis, from snippets/figures/_style.py): 256 entries.
    const cmap = original.cmap.match(/.{6}/g).map((hex) => `#${hex}`);
    const lut = (f) => Math.min(Math.max(Math.floor(f * 256), 0), 255);
    const colour = (f) => cmap[lut(f)];
    // A cell's number in whichever end of the map contrasts more with the cell (>= 3.6:1).
    const luminance = (hex) => {
      const [r, g, b] = [1, 3, 5].map((k) => {
        const c = parseInt(hex.slice(k, k + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [darkEnd, brightEnd] = [luminance(cmap[0]), luminance(cmap[255])];
    const textFor = cmap.map((hex) => {
      const l = luminance(hex);
      return (l + 0.05) / (darkEnd + 0.05) >= (brightEnd + 0.05) / (l + 0.05) ? cmap[0] : cmap[255];
    });
    const textOn = (f) => textFor[lut(f)];
    const id = (suffix) => `ag-x${index}-${suffix}`;
    const defaults = () => ({
      t: original.temperatures.indexOf(original.defaults.temperature),
      scaled: original.defaults.scaled,
      masks: original.defaults.masks.slice(),
      head: original.defaults.head,
      q: 0,
    });
    let data = original;
    let state = defaults();
    let weights = [];
    let preview = null; // the query under the pointer, shown until the pointer leaves
    let typed = false;

    // Controls
    const slider = el("input", {
      type: "range", id: id("t"), min: 0, max: original.temperatures.length - 1, step: 1,
    });
    const tOut = el("output", { for: id("t") });
    const check = (name, label) => {
      const box = el("input", { type: "checkbox", id: id(name), "data-name": name });
      return [box, el("div", { class: "ag-x-check" }, box, el("label", { for: id(name) }, label))];
    };
    const scaleLabel = el("span");
    const [scaleBox, scaleRow] = check("scaled", scaleLabel);
    const maskBoxes = Object.keys(original.masks).map((name) => check(name, s[`mask.${name}`]));
    // A head selector only when the data hold more than one head.
    const headBox = el("select", { id: id("head"), "data-name": "head" },
      ...original.q.map((_, h) => el("option", { value: h }, String(h + 1))));
    const headRow = original.q.length > 1
      ? [el("div", { class: "ag-x-range" }, el("label", { for: id("head") }, s.head), headBox)]
      : [];
    const reset = el("button", { type: "button", class: "ag-x-reset" }, s.reset);
    const controls = el("fieldset", { class: "ag-x-controls" },
      el("legend", {}, s.controls), ...headRow,
      el("div", { class: "ag-x-range" },
        el("label", { for: id("t") }, s.temperature), slider, tOut,
        ...(original.compact ? [reset] : [])),
      ...(original.compact ? [] : [scaleRow, ...maskBoxes.map(([, row]) => row), reset]));

    // Your own sentence(s): one field when queries and keys come from one sentence, else two.
    let form = null;
    const fields = [];
    const formError = el("p", { class: "ag-x-error", id: id("err"), role: "alert" });
    if (original.typed) {
      const spec = original.typed;
      const field = (name, label, value) => {
        const input = el("input", {
          // room for the longest words: a cut mid-word would go unnoticed; too many tokens get
          // the error message instead
          type: "text", id: id(name), name, maxlength: 300, autocomplete: "off",
          spellcheck: "false", "aria-describedby": id("err"),
        });
        input.value = value;
        fields.push(input);
        return el("div", { class: "ag-x-field" }, el("label", { for: id(name) }, label), input);
      };
      form = el("form", { class: "ag-x-typed" },
        field("queries", spec.mode === "self" ? s["typed.self"] : s["typed.queries"],
          spec.queries),
        ...(spec.mode === "cross" ? [field("keys", s["typed.keys"], spec.keys)] : []),
        el("button", { type: "submit" }, s["typed.apply"]), formError);
    }

    const status = el("p", { class: "ag-x-status", "aria-live": "polite" });
    const caption = el("figcaption", {});
    const views = el("div", { class: "ag-x-body" });
    const help = el("p", { id: id("help"), class: "ag-x-help" }, s.help);
    // Compact (the home page): the diagram first, your own sentence after it.
    const live = el("figure", {
      class: `ag-figure ag-x${original.compact ? " ag-x-compact" : ""}`, "aria-label": s.label,
    }, ...(original.compact
      ? [controls, help, views, ...(form ? [form] : []), status, caption]
      : [...(form ? [form] : []), controls, help, views, status, caption]));
    // Filled by build(): the token-dependent parts.
    let radios = [], keyItems = [], cells = [], sums = [], groups = [], valueCells = [];
    let frame = null, lines = null, queryGroup = null, scaleTicks = [], heat = null;
    let C = 36, TH = 0, LW = 0;

    function build() {
      const m = data.queries.length;
      const n = data.keys.length;
      // Tokens: the queries are a radio group (roving focus), the keys show their weights.
      radios = data.queries.map((token, i) =>
        el("button", { type: "button", role: "radio", "data-q": i }, token));
      queryGroup = el("div", {
        class: "ag-x-queries", role: "radiogroup", "aria-labelledby": id("ql"),
        "aria-describedby": id("help"),
      }, ...radios);
      keyItems = data.keys.map((token) => {
        const value = el("span", { class: "ag-x-value" });
        const bar = el("span", { class: "ag-x-bar", "aria-hidden": "true" });
        const item = el("li", {}, el("span", { class: "ag-x-token" }, token), value, bar);
        return { item, value, bar };
      });

      // Heat map, drawn like the static figure: the colour map, the weight in each cell,
      // a Σ column of row sums and a colour scale underneath.
      C = n > 7 ? 30 : 36;
      const longest = Math.max(...data.queries.map((t) => t.length), 2);
      LW = Math.min(8 + 7.5 * longest, 96);
      TH = Math.min(10 + 6 * Math.max(...data.keys.map((t) => t.length), 2), 64);
      const SX = LW + n * C + 6; // the Σ column
      const SW = 44;
      const barY = TH + m * C + 12;
      const width = SX + SW;
      const height = barY + 34;
      heat = svg("svg", {
        viewBox: `0 0 ${width} ${height}`, width, height, class: "ag-x-heat", "aria-hidden": "true",
      });
      data.keys.forEach((token, j) => {
        const x = LW + j * C + C / 2;
        heat.append(svg("text", { x, y: TH - 6, transform: `rotate(-50 ${x} ${TH - 6})` }, token));
      });
      heat.append(svg("text", { x: SX + SW / 2, y: TH - 10, class: "ag-x-sigma" }, "Σ"));
      cells = data.queries.map((token, i) => {
        const y = TH + i * C;
        const row = svg("g", { "data-q": i },
          svg("rect", { x: 0, y, width: SX + SW, height: C, class: "ag-x-hit" }),
          svg("text", { x: LW - 6, y: y + C / 2, class: "ag-x-rowlabel" }, token));
        heat.append(row);
        return data.keys.map((_, j) => {
          const rect = svg("rect", { x: LW + j * C, y, width: C, height: C, class: "ag-x-cell" });
          const text = svg("text", { x: LW + j * C + C / 2, y: y + C / 2, class: "ag-x-num" });
          row.append(rect, text);
          return { rect, text };
        });
      });
      sums = data.queries.map((_, i) => {
        const text = svg("text", { x: SX + SW / 2, y: TH + i * C + C / 2, class: "ag-x-num" });
        heat.append(text);
        return text;
      });
      frame = svg("rect", { x: LW, width: n * C, height: C, class: "ag-x-frame" });
      heat.append(frame);
      // Colour scale: 0 to the largest weight shown, as the static figure's colour bar.
      const gradient = svg("linearGradient", { id: id("cmap") });
      for (let k = 0; k <= 16; k++) {
        gradient.append(svg("stop", { offset: k / 16, "stop-color": colour(k / 16 - 1e-9) }));
      }
      heat.append(svg("defs", {}, gradient),
        svg("rect", { x: LW, y: barY, width: n * C, height: 8, fill: `url(#${id("cmap")})` }));
      scaleTicks = [0, 0.5, 1].map((f) => {
        const text = svg("text", { x: LW + f * n * C, y: barY + 18, class: "ag-x-tick" });
        heat.append(text);
        return text;
      });
      heat.append(svg("text", { x: LW - 6, y: barY + 4, class: "ag-x-rowlabel" }, s.scale));

      // Bipartite view: queries on the left, keys on the right, one line per pair.
      const R = 22; const X0 = 84; const X1 = 236;
      const rows = Math.max(m, n);
      const yOf = (k, count) => 12 + (k + (rows - count) / 2) * R;
      lines = svg("svg", {
        viewBox: `0 0 320 ${rows * R + 4}`, width: 320, height: rows * R + 4,
        class: "ag-x-lines", "aria-hidden": "true",
      });
      groups = data.queries.map((token, i) => {
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
      valueCells = data.queries.map(() => data.keys.map(() => el("td")));
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

      views.replaceChildren(
        el("div", { class: "ag-x-tokens" },
          el("p", { id: id("ql"), class: "ag-x-label" }, s.queries), queryGroup,
          ...(original.compact ? [] : [
            el("p", { id: id("kl"), class: "ag-x-label" }, s.keys),
            el("ol", { class: "ag-x-keys", "aria-labelledby": id("kl") },
              ...keyItems.map((k) => k.item))])),
        el("div", { class: "ag-x-views" },
          el("div", {}, el("p", { class: "ag-x-label" }, s.heatmap), heat),
          ...(original.compact ? [] : [
            el("div", {}, el("p", { class: "ag-x-label" }, s.lines), lines)])),
        details);
      queryGroup.addEventListener("keydown", onKey);
      for (const view of [queryGroup, heat, lines]) {
        view.addEventListener("pointerleave", () => { preview = null; paint(); });
      }
    }

    // Draws the shown query (the previewed one, else the chosen one). Never announces.
    function paint() {
      const i = preview ?? state.q;
      radios.forEach((radio, k) => {
        radio.setAttribute("aria-checked", k === state.q);
        radio.tabIndex = k === state.q ? 0 : -1;
        radio.classList.toggle("ag-x-preview", k === preview && k !== state.q);
      });
      keyItems.forEach(({ item, value, bar }, j) => {
        const w = weights[i][j];
        value.textContent = fmt(w);
        bar.style.width = `${(100 * w).toFixed(2)}%`;
        item.classList.toggle("ag-x-masked", !isAllowed(data, state, i, j));
      });
      frame.setAttribute("y", TH + i * C);
      groups.forEach(({ group }, k) => group.classList.toggle("ag-x-on", k === i));
      lines.append(groups[i].group); // the shown query's lines are drawn on top
    }

    // The live region says what was chosen, once it is chosen: not on hover, not mid-drag.
    function announce() {
      const i = state.q;
      let best = 0;
      weights[i].forEach((w, j) => { if (w > weights[i][best]) best = j; });
      status.textContent = s.status.replace("{query}", data.queries[i])
        .replace("{weight}", fmt(weights[i][best])).replace("{key}", data.keys[best]);
    }

    function recompute() {
      weights = attentionWeights(data, state);
      const t = data.temperatures[state.t].toFixed(1);
      tOut.textContent = t;
      slider.setAttribute("aria-valuetext", `T = ${t}`);
      let vmax = 0;
      weights.forEach((row) => row.forEach((w) => { vmax = Math.max(vmax, w); }));
      vmax = vmax || 1;
      weights.forEach((row, i) => {
        row.forEach((w, j) => {
          const allowed = isAllowed(data, state, i, j);
          const { rect, text } = cells[i][j];
          rect.classList.toggle("ag-x-masked", !allowed);
          rect.style.fill = allowed ? colour(w / vmax) : "";
          text.textContent = allowed ? w.toFixed(2) : "";
          text.style.fill = textOn(w / vmax);
          groups[i].edges[j].style.strokeWidth = 10 * w;
          valueCells[i][j].textContent = fmt(w);
        });
        sums[i].textContent = fmt(row.reduce((a, b) => a + b, 0));
      });
      scaleTicks.forEach((tick, k) => { tick.textContent = (vmax * k / 2).toFixed(2); });
      paint();
    }

    function commit(i, focus) {
      const m = data.queries.length;
      state.q = (i + m) % m;
      preview = null;
      paint();
      announce();
      if (focus) radios[state.q].focus();
    }

    function syncControls() {
      slider.value = state.t;
      scaleBox.checked = state.scaled;
      headBox.value = state.head;
      for (const [box] of maskBoxes) box.checked = state.masks.includes(box.dataset.name);
      scaleLabel.textContent = s.scaled.replace("{d}", data.q[0][0].length);
      caption.textContent = typed ? s["typed.caption"] : s.caption;
    }

    // Data for typed sentences: toy embeddings as queries and keys (no projections).
    function typedData(queryTokens, keyTokens) {
      const spec = original.typed;
      const q = toyEmbed(queryTokens, spec.dim);
      const k = spec.mode === "self" ? q : toyEmbed(keyTokens, spec.dim);
      const masks = {};
      for (const name of Object.keys(original.masks)) {
        masks[name] = queryTokens.map((_, i) => keyTokens.map((_, j) =>
          name === "causal" ? j <= i : true)); // no <pad> among typed keys
      }
      return { ...original, queries: queryTokens, keys: keyTokens, q: [q], k: [k], masks };
    }

    function applyTyped(event) {
      event.preventDefault();
      const spec = original.typed;
      const tokens = fields.map((f) => tokenize(f.value));
      const [queryTokens, keyTokens] = spec.mode === "self" ? [tokens[0], tokens[0]] : tokens;
      const bad = tokens.find((t) => t.length === 0 || t.length > spec.max);
      formError.textContent = bad
        ? s["typed.error"].replace("{max}", spec.max) : "";
      fields.forEach((f, k) => f.setAttribute("aria-invalid", String(tokens[k] === bad)));
      if (bad) return;
      data = typedData(queryTokens, keyTokens);
      typed = true;
      state.head = 0;
      state.q = Math.min(state.q, queryTokens.length - 1);
      rebuild();
    }

    function rebuild() {
      build();
      syncControls();
      recompute();
      announce();
    }

    const pick = (event) => {
      const target = event.target.closest("[data-q]");
      return target && live.contains(target) ? Number(target.dataset.q) : null;
    };
    live.addEventListener("click", (event) => {
      const i = pick(event);
      if (i !== null) commit(i, false);
    });
    live.addEventListener("pointerover", (event) => {
      const i = pick(event);
      if (i !== null && i !== preview) { preview = i; paint(); }
    });
    const moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    function onKey(event) {
      let next = null;
      const from = Number(event.target.dataset.q); // the focused token, chosen or not
      if (event.key in moves) next = from + moves[event.key];
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = data.queries.length - 1;
      if (next === null) return;
      event.preventDefault();
      commit(next, true);
    }
    // Dragging the slider redraws at once; the new state is announced when it is let go.
    slider.addEventListener("input", () => { state.t = Number(slider.value); recompute(); });
    slider.addEventListener("change", announce);
    const onChange = (update) => () => { update(); recompute(); announce(); };
    scaleBox.addEventListener("change", onChange(() => { state.scaled = scaleBox.checked; }));
    headBox.addEventListener("change", onChange(() => { state.head = Number(headBox.value); }));
    for (const [box] of maskBoxes) {
      box.addEventListener("change", onChange(() => {
        state.masks = maskBoxes.filter(([b]) => b.checked).map(([b]) => b.dataset.name);
      }));
    }
    reset.addEventListener("click", () => {
      data = original;
      typed = false;
      state = defaults();
      preview = null;
      if (original.typed) {
        fields[0].value = original.typed.queries;
        if (fields[1]) fields[1].value = original.typed.keys;
        formError.textContent = "";
        fields.forEach((f) => f.removeAttribute("aria-invalid"));
      }
      rebuild();
    });
    if (form) form.addEventListener("submit", applyTyped);

    // The static figure, if the block holds one, gives way to the live figure, which shows
    // the same weights and more. (Material's figure style overrides a bare `hidden`.)
    const fallback = root.querySelector("figure, .ag-explorer-nojs");
    root.insertBefore(live, fallback);
    if (fallback) {
      fallback.hidden = true;
      fallback.style.display = "none";
    }
    rebuild();
    // Debug and test hook: the current weights (m × n), the chosen query and head, the tokens.
    root.agExplorer = {
      weights: () => weights.map((row) => row.slice()), query: () => state.q,
      head: () => state.head, shown: () => preview ?? state.q,
      tokens: () => [data.queries.slice(), data.keys.slice()],
    };
  }

  // The stylesheet sits next to this script's folder; load it only on pages that need it.
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("../stylesheets/explorer.css", document.currentScript.src).href;
  // Data and stylesheet download in parallel; an explorer whose data fail to arrive keeps
  // its static figure.
  const data = [...roots].map((root) => load(root).catch((error) => {
    console.error(error);
    return null;
  }));
  const styled = new Promise((resolve) => { link.onload = link.onerror = resolve; });
  document.head.append(link);
  styled.then(() => Promise.all(data)).then((all) => roots.forEach((root, index) => {
    if (all[index]) mount(root, index, all[index]);
  }));
})();
