// The web page of `geoalign serve`: an actor's ties as of a date, drawn with cytoscape.
// Everything shown comes from the JSON API beside this file; no rule is computed here.
"use strict";

(() => {
  const COLOURS = {
    alliance: "#1b7837", military_cooperation: "#4d9221", intelligence_cooperation: "#7fbc41",
    political_cooperation: "#2166ac", military_support: "#4393c3", diplomatic_support: "#74add1",
    arms_transfer: "#542788", basing: "#8073ac", membership: "#35978f",
    energy_cooperation: "#bf812d", economic_cooperation: "#dfc27d", health_cooperation: "#80cdc1",
    sanctions: "#d6604d", non_sanctioning: "#f4a582", terrorist_designation: "#b2182b",
    asylum: "#c51b7d", hostility: "#67001f",
  };
  const NODE_COLOURS = { country: "#3b4a5a", organization: "#8c6d31", person: "#6b6ecf" };
  const DAY_MS = 86400000;
  const $ = (id) => document.getElementById(id);
  const state = { actor: "Russia", day: 0, kinds: null, first: 0, centre: null, seq: 0, timer: 0 };
  const names = new Map(); // actor id -> name, for the ids answers give
  let directed = new Set(); // the kinds whose a acts on b, from the API's document

  // -- small helpers ---------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  async function getJSON(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of params || []) if (value !== null) query.append(key, value);
    const response = await fetch(query.size ? `${path}?${query}` : path);
    const body = await response.json();
    if (!response.ok) {
      const close = (body.suggestions || []).map((s) => s.name || s.id).join(", ");
      throw new Error(body.detail + (close && !body.detail.includes("mean") ? ` (${close}?)` : ""));
    }
    return body;
  }

  // The first and last day (UTC milliseconds) of an EDTF date as the API writes it:
  // YYYY[-MM[-DD]], a decade 201X, a range [A..B] (either side open), perhaps qualified;
  // an open side is -/+Infinity; null for a form this page does not place on the axis.
  function bounds(text) {
    const plain = (text || "").replace(/[?~%]$/, "");
    const range = /^\[([^.\]]*)\.\.([^.\]]*)\]$/.exec(plain);
    if (range) {
      const [lo, hi] = [range[1] ? bounds(range[1]) : [-Infinity], range[2] ? bounds(range[2]) : [0, Infinity]];
      return lo && hi ? [lo[0], hi[1]] : null;
    }
    const decade = /^(\d{3})X$/.exec(plain);
    if (decade) return [Date.UTC(Number(`${decade[1]}0`), 0, 1), Date.UTC(Number(`${decade[1]}9`), 11, 31)];
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(plain);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) - 1 : null, m[3] ? Number(m[3]) : null];
    if (d !== null) return [Date.UTC(y, mo, d), Date.UTC(y, mo, d)];
    if (mo !== null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 0)];
    return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
  }

  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const chosenDate = () => iso(state.first + state.day * DAY_MS);

  // -- the graph -------------------------------------------------------------------------

  const cy = cytoscape({
    container: $("graph"),
    elements: [],
    minZoom: 0.3,
    maxZoom: 1.6,
    style: [
      { selector: "node", style: {
        label: "data(name)", "background-color": "data(colour)", color: "#222",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22,
        "text-wrap": "wrap", "text-max-width": 110 } },
      { selector: "node.centre", style: { width: 34, height: 34, "font-weight": "bold" } },
      { selector: "edge", style: {
        width: 3, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "curve-style": "bezier", "arrow-scale": 0.9 } },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
      { selector: "edge.faded", style: { opacity: 0.3 } },
      { selector: "edge.possible", style: { "line-style": "dashed" } },
      { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#000" } },
    ],
  });
  window.geoalign = { cy };
  const legend = [
    ...Object.entries(NODE_COLOURS).map(([t, c]) => el("li", {}, el("b", { style: `background:${c}` }), t)),
    el("li", {}, el("i", { class: "faded" }), "faded: known only as of an earlier date"),
    el("li", {}, el("i", { class: "dashed" }), "dashed: only possibly in force"),
  ];

  // `answer` holds every tie possibly in force, each saying whether definitely or possibly.
  function draw(answer) {
    const day = state.first + state.day * DAY_MS;
    const nodes = [node(answer.actor, "centre")];
    const edges = [];
    for (const { actor, ties } of answer.allies) {
      nodes.push(node(actor, ""));
      for (const tie of ties) {
        const newest = Math.max(...tie.quotes.map((q) => (bounds(q.source.published) || [0, 0])[1]));
        const classes = [directed.has(tie.kind) ? "directed" : "", newest < day ? "faded" : "",
          tie.certainty === "possible" ? "possible" : ""];
        edges.push({ group: "edges", classes: classes.join(" "), data: {
          id: tie.id, source: tie.a, target: tie.b, colour: COLOURS[tie.kind] || "#777", tie,
        } });
      }
    }
    cy.batch(() => {
      cy.elements().remove();
      cy.add([...nodes, ...edges]);
    });
    cy.layout({ name: "concentric", animate: false, minNodeSpacing: 40,
      concentric: (n) => (n.hasClass("centre") ? 2 : 1), levelWidth: () => 1 }).run();
    cy.fit(undefined, 30);
    const drawn = [...new Set(edges.map((e) => e.data.tie.kind))].sort();
    $("legend").replaceChildren(...legend, ...drawn.map((kind) => el("li", {},
      el("i", { style: `background:${COLOURS[kind] || "#777"}` }), kind.replaceAll("_", " "))));
  }

  function node(actor, classes) {
    return { group: "nodes", classes,
      data: { id: actor.id, name: actor.name, type: actor.type, colour: NODE_COLOURS[actor.type] } };
  }

  async function update() {
    const seq = ++state.seq;
    const graph = $("graph");
    const asOf = chosenDate();
    graph.dataset.state = "loading";
    $("as-of-label").value = asOf;
    writeHash();
    try {
      if (state.kinds !== null && state.kinds.length === 0) throw new Error("choose a kind of tie");
      const params = [["actor", state.actor], ["as_of", asOf], ["certainty", "possible"]];
      for (const kind of state.kinds || []) params.push(["kind", kind]);
      const answer = await getJSON("api/allies", params);
      if (seq !== state.seq) return; // a later move of the slider has taken over
      if (state.kinds === null) checkKinds(answer.kinds);
      state.centre = answer.actor;
      $("actor").value = answer.actor.name;
      draw(answer);
      const ties = cy.edges().length;
      const possible = cy.edges(".possible").length;
      $("status").textContent = `${answer.actor.name} (${answer.actor.id}) as of ${asOf}: ` +
        `${answer.allies.length} actor(s), ${ties} tie(s) in force, ${possible} of them only possibly`;
      Object.assign(graph.dataset, { state: "ready", actor: answer.actor.id, asOf });
    } catch (error) {
      if (seq !== state.seq) return;
      cy.elements().remove();
      $("status").textContent = error.message;
      Object.assign(graph.dataset, { state: "error", asOf });
    }
  }

  function later() {
    clearTimeout(state.timer);
    $("as-of-label").value = chosenDate();
    state.timer = setTimeout(update, 120); // one request once the slider rests
  }

  // -- evidence and timeline -------------------------------------------------------------

  function citations(quotes) {
    return el("ol", { class: "citations" }, ...quotes.map((q) => {
      const s = q.source;
      const who = q.claimed_by ? `claimed by ${names.get(q.claimed_by) || q.claimed_by}` +
        `${q.claimed_on ? ` on ${q.claimed_on}` : ""}; ` : "";
      const where = `${who}${q.confidence}; ${s.title}. ${s.publisher}, ${s.published} [${s.id}]`;
      const cite = /^https?:\/\//.test(s.url || "")
        ? el("a", { href: s.url, rel: "noopener noreferrer" }, where) : where;
      return el("li", {}, el("blockquote", {}, q.quote), el("cite", {}, cite));
    }));
  }

  function showTie(tie) {
    const arrow = directed.has(tie.kind) ? "→" : "–";
    const period = [tie.start ? `from ${tie.start}` : "start unknown",
      tie.end ? `to ${tie.end}` : tie.ended_by ? `ended (says ${tie.ended_by})` : "no end known"];
    const [a, b] = [names.get(tie.a) || tie.a, names.get(tie.b) || tie.b];
    $("details").replaceChildren(
      el("h2", {}, "Evidence"),
      el("h3", { "data-id": tie.id }, `${a} ${arrow} ${b}: ${tie.kind.replaceAll("_", " ")}`),
      el("p", { class: "meta" }, `${period.join(", ")}; ${tie.confidence}; ` +
        `${tie.certainty} in force (${tie.reason})`),
      el("p", {}, tie.summary),
      citations(tie.quotes),
    );
  }

  async function showTimeline(other) {
    const box = $("timeline");
    const me = state.centre;
    box.dataset.state = "loading";
    try {
      const answer = await getJSON("api/timeline", [["a", me.id], ["b", other.id], ["certainty", "possible"]]);
      const day = state.first + state.day * DAY_MS;
      const items = answer.events.map((e) => {
        const span = bounds(e.date);
        const classes = [span && span[0] > day ? "later" : "", e.certainty === "possible" ? "possible" : ""];
        return el("li", { "data-id": e.id, class: classes.join(" ").trim() },
          el("time", {}, e.date), " ", el("span", { class: "kind" }, e.kind.replaceAll("_", " ")),
          el("p", {}, e.summary), citations(e.quotes));
      });
      const centre = el("button", { type: "button" }, `Centre on ${other.name}`);
      centre.addEventListener("click", () => recentre(other.name));
      box.replaceChildren(el("h2", {}, "Timeline"),
        el("h3", {}, `${me.name} and ${other.name}: ${answer.events.length} event(s)`), centre,
        strip(answer.events, day), items.length ? el("ol", { class: "events" }, ...items)
          : el("p", { class: "hint" }, "No event between them in the data."));
      box.dataset.state = "ready";
    } catch (error) {
      box.replaceChildren(el("h2", {}, "Timeline"), el("p", {}, error.message));
      box.dataset.state = "error";
    }
  }

  // The events on an axis, with the chosen date marked.
  function strip(events, day) {
    const spans = events.map((e) => bounds(e.date)).filter(Boolean)
      .filter(([a, b]) => Number.isFinite(a) || Number.isFinite(b))
      .map(([a, b]) => [Number.isFinite(a) ? a : b, Number.isFinite(b) ? b : a]);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 300 24");
    svg.setAttribute("class", "strip");
    if (!spans.length) return svg;
    const lo = Math.min(...spans.map((s) => s[0]));
    const hi = Math.max(lo + DAY_MS, ...spans.map((s) => s[1]));
    const x = (ms) => 5 + (290 * (ms - lo)) / (hi - lo);
    const mark = (tag, attrs) => {
      const shape = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
      svg.append(shape);
    };
    mark("line", { x1: 5, x2: 295, y1: 12, y2: 12, class: "axis" });
    for (const [a, b] of spans) mark("rect", { x: x(a), y: 7, width: Math.max(2, x(b) - x(a)), height: 10 });
    if (day >= lo && day <= hi) mark("line", { x1: x(day), x2: x(day), y1: 2, y2: 22, class: "now" });
    return svg;
  }

  // -- controls --------------------------------------------------------------------------

  function checkKinds(kinds) {
    for (const box of $("kinds").querySelectorAll("input")) box.checked = kinds.includes(box.value);
  }

  function recentre(name) {
    state.actor = name;
    $("actor").value = name;
    update();
  }

  function writeHash() {
    const params = new URLSearchParams([["actor", state.actor], ["as_of", chosenDate()]]);
    for (const kind of state.kinds || []) params.append("kind", kind);
    history.replaceState(null, "", `#${params}`);
  }

  async function start() {
    const [data, sources, api] = await Promise.all(
      [getJSON("api/export"), getJSON("api/sources"), getJSON("api/openapi.json")]);
    directed = new Set(api.components.schemas.RelationshipKind["x-directed"]);
    const actors = [...data.countries, ...data.organizations, ...data.persons];
    for (const actor of actors) names.set(actor.id, actor.name);
    $("actors").replaceChildren(...actors.map((a) => el("option", { value: a.name }, a.id)));
    const kinds = [...new Set(data.relationships.map((r) => r.kind))].sort();
    $("kinds").replaceChildren(...kinds.map((kind) => el("label", {},
      el("input", { type: "checkbox", value: kind }), el("i", { style: `background:${COLOURS[kind] || "#777"}` }),
      kind.replaceAll("_", " "))));
    const years = [...data.relationships.flatMap((r) => [r.start, r.end]), ...data.events.map((e) => e.date)]
      .map((d) => bounds(d)).filter(Boolean).map((b) => b[0]).filter(Number.isFinite);
    const horizon = bounds(sources.horizon) || [Date.now(), Date.now()];
    state.first = Date.UTC(new Date(Math.min(horizon[0], ...years)).getUTCFullYear(), 0, 1);
    const slider = $("as-of");
    slider.max = String(Math.round((horizon[1] - state.first) / DAY_MS));
    // The address keeps the view (#actor=RUS&as_of=2024-12-07&kind=...), to share or reload.
    const readHash = () => {
      const wanted = new URLSearchParams(location.hash.slice(1));
      state.actor = wanted.get("actor") || state.actor;
      state.kinds = wanted.getAll("kind").length ? wanted.getAll("kind") : null;
      const asOf = bounds(wanted.get("as_of")) || horizon;
      state.day = Math.max(0, Math.min(Number(slider.max), Math.round((asOf[0] - state.first) / DAY_MS)));
      slider.value = String(state.day);
      $("actor").value = state.actor;
    };
    readHash();
    window.addEventListener("hashchange", () => { readHash(); update(); });
    slider.addEventListener("input", () => { state.day = Number(slider.value); later(); });
    $("actor").addEventListener("change", () => recentre($("actor").value.trim()));
    $("controls").addEventListener("submit", (event) => { event.preventDefault(); recentre($("actor").value.trim()); });
    $("kinds").addEventListener("change", () => {
      state.kinds = [...$("kinds").querySelectorAll("input:checked")].map((box) => box.value);
      update();
    });
    cy.on("tap", "edge", (event) => {
      const tie = event.target.data("tie");
      showTie(tie);
      const other = tie.a === state.centre.id ? tie.b : tie.a;
      showTimeline({ id: other, name: names.get(other) || other });
    });
    cy.on("tap", "node", (event) => {
      const data = event.target.data();
      if (data.id !== state.centre.id) showTimeline({ id: data.id, name: data.name });
    });
    cy.on("dbltap", "node", (event) => recentre(event.target.data("name")));
    await update();
  }

  start().catch((error) => {
    $("status").textContent = `The page could not start: ${error.message}`;
    $("graph").dataset.state = "error";
  });
})();
