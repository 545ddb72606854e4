// The newsflow console: plain JavaScript over the public query API (x-api-key), no libraries.
"use strict";
(() => {
  const KEY_NAME = "newsflow.readerKey";
  const DAYS = 30;
  const FILL_FIELDS = ["title", "authors", "published_at", "language", "lead_image"];
  const SHOWN_VERSIONS = 4; // side by side: the latest few, oldest first
  // Calls go next to the page: "/console" locally, "/<stage>/console" behind API Gateway.
  const BASE = location.pathname.replace(/console\/?$/, "");
  const $ = (selector) => document.querySelector(selector);

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "onclick") node.addEventListener("click", value);
      else if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function showError(message) {
    const box = $("#error");
    box.textContent = message;
    box.hidden = !message;
  }

  async function api(path) {
    const key = sessionStorage.getItem(KEY_NAME);
    const response = await fetch(BASE + path.replace(/^\//, ""), { headers: { "x-api-key": key || "" } });
    const body = await response.json().catch(() => null);
    if (response.status === 403 || response.status === 401) {
      sessionStorage.removeItem(KEY_NAME);
      showKeyForm();
      throw new Error("The API refused the key (" + response.status + "): enter a reader key.");
    }
    if (!response.ok) throw new Error((body && (body.detail || body.message)) || "HTTP " + response.status);
    return body;
  }

  // -- sources, their sparklines, fill rates and drift ------------------------------------------

  function sparkline(days) {
    const width = 120, height = 28;
    const counts = days.map((d) => d.articles);
    const top = Math.max(1, ...counts);
    const step = counts.length > 1 ? width / (counts.length - 1) : 0;
    const points = counts.map((c, i) => `${(i * step).toFixed(1)},${(height - 2 - (c / top) * (height - 4)).toFixed(1)}`);
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `articles per day over ${counts.length} days, at most ${top}`);
    const line = document.createElementNS(svg.namespaceURI, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.append(line);
    return svg;
  }

  function fillRates(days) {
    // Weighted by each day's articles: the window's share of stored versions with the field.
    const total = days.reduce((sum, d) => sum + d.articles, 0);
    const grid = el("div", { class: "fills" });
    for (const field of FILL_FIELDS) {
      const filled = days.reduce((sum, d) => sum + (d.fill_rates[field] ?? 0) * d.articles, 0);
      const rate = total ? filled / total : null;
      const percent = rate === null ? "–" : Math.round(rate * 100) + "%";
      grid.append(
        el("span", {}, field),
        el("span", { class: "bar" }, el("span", { style: `width:${rate === null ? 0 : rate * 100}%` })),
        el("span", { "data-field": field }, percent),
      );
    }
    return grid;
  }

  // Every source: the listing gives at most 100 a page (the rest used to be left out).
  async function allSources() {
    const records = [];
    let cursor = null;
    do {
      const page = await api("/sources?limit=100" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      records.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return records;
  }

  async function loadSources() {
    const records = await allSources();
    const body = $("#sources tbody");
    body.replaceChildren();
    const drift = [];
    $("#days-label").textContent = `last ${DAYS} days`;
    for (const record of records) {
      const id = record.source.id;
      const health = await api(`/sources/${encodeURIComponent(id)}/health?days=${DAYS}`);
      drift.push(...health.drift);
      const badge = el("span", { class: "badge" + (health.drift.length ? " alert" : "") }, health.drift.length);
      const row = el(
        "tr",
        { "data-source": id },
        el("td", {}, el("button", { class: "link", onclick: () => selectSource(id, row) }, record.source.name), el("br"), el("small", {}, id)),
        el("td", {}, sparkline(health.days), el("small", {}, `${health.days.reduce((s, d) => s + d.articles, 0)} articles`)),
        el("td", {}, fillRates(health.days)),
        el("td", {}, badge),
      );
      body.append(row);
    }
    if (!records.length) body.append(el("tr", {}, el("td", { colspan: 4, class: "empty" }, "no sources")));
    renderDrift(drift);
  }

  function renderDrift(events) {
    const list = $("#drift");
    list.replaceChildren();
    events.sort((a, b) => (a.day < b.day ? 1 : -1));
    for (const event of events) {
      const observed = event.field === "yield"
        ? `0 articles (baseline ${event.baseline}/day, ${event.discovered ?? "?"} new URLs)`
        : `${Math.round(event.observed * 100)}% (baseline ${Math.round(event.baseline * 100)}%)`;
      const samples = event.sample_article_ids.map((id) => el("button", { class: "link", onclick: () => openArticle(id) }, id.slice(0, 8)));
      list.append(el("li", { "data-source": event.source_id, "data-field": event.field },
        `${event.day} · ${event.source_id} · `, el("span", { class: "drift-field" }, event.field), ` ${observed} `,
        samples.length ? el("small", {}, "samples: ", ...samples.flatMap((s) => [s, " "])) : null));
    }
    if (!events.length) list.append(el("li", { class: "empty" }, "none"));
  }

  async function selectSource(id, row) {
    document.querySelectorAll("#sources tr.selected").forEach((r) => r.classList.remove("selected"));
    row.classList.add("selected");
    await loadArticles(id);
  }

  // -- articles -------------------------------------------------------------------------------

  // The listing's next_cursor, and the filter it belongs to (a cursor goes with its filters).
  let nextArticles = null;

  async function loadArticles(source, cursor = null) {
    const query = (source ? "&source=" + encodeURIComponent(source) : "") + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    const page = await api("/articles?limit=20" + query);
    $("#articles-filter").textContent = source ? `from ${source}` : "all sources";
    const list = $("#articles");
    if (!cursor) list.replaceChildren();
    nextArticles = page.next_cursor ? { source, cursor: page.next_cursor } : null;
    $("#more-articles").hidden = !nextArticles;
    for (const item of page.items) {
      list.append(el("li", { "data-article": item.article_id },
        el("button", { class: "link", onclick: () => openArticle(item.article_id) }, item.title || item.url),
        " ", el("small", {}, [item.source_id, item.published_at, "v" + item.version].filter(Boolean).join(" · "))));
    }
    if (!list.children.length) list.append(el("li", { class: "empty" }, "no articles"));
  }

  async function articleOf(detail) {
    if (detail.article) return detail.article;
    if (detail.article_link) {
      // A large article comes as a presigned link (no key: the link is the permission).
      const response = await fetch(detail.article_link.url);
      if (response.ok) return response.json();
    }
    return null;
  }

  function show(value) {
    if (value === null || value === undefined || value === "") return el("span", { class: "hint" }, "—");
    if (typeof value === "object") return el("pre", {}, JSON.stringify(value, null, 2));
    return String(value);
  }

  function keyValues(table, object) {
    table.replaceChildren();
    const entries = Object.entries(object || {});
    for (const [name, value] of entries) {
      table.append(el("tr", { "data-key": name }, el("th", {}, name), el("td", {}, show(value))));
    }
    if (!entries.length) table.append(el("tr", {}, el("td", { class: "empty" }, "none recorded")));
  }

  async function openArticle(id) {
    showError("");
    // The address names the article: it can be bookmarked, shared or reloaded (#article=ID).
    history.replaceState(null, "", "#article=" + encodeURIComponent(id));
    const detail = await api(`/articles/${encodeURIComponent(id)}`);
    const article = (await articleOf(detail)) || {};
    const { provenance, rights, ...fields } = article;
    $("#article-panel").hidden = false;
    $("#article-title").textContent = detail.title || detail.url;
    keyValues($("#article-fields"), fields);
    keyValues($("#article-provenance"), provenance);
    keyValues($("#article-rights"), rights);
    await loadVersions(id);
    $("#article-panel").scrollIntoView({ behavior: "smooth" });
  }

  async function loadVersions(id) {
    const versions = [];
    let cursor = null;
    do {
      const page = await api(`/articles/${encodeURIComponent(id)}/versions?limit=100` + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      versions.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const shown = versions.slice(-SHOWN_VERSIONS);
    const bodies = [];
    for (const v of shown) {
      const detail = await api(`/articles/${encodeURIComponent(id)}?version=${v.version}`);
      bodies.push((await articleOf(detail)) || {});
    }
    renderVersions(shown, bodies);
  }

  function renderVersions(shown, bodies) {
    const box = $("#versions");
    const names = [...new Set(bodies.flatMap((b) => Object.keys(b)))].filter((n) => n !== "provenance");
    const head = el("tr", {}, el("th", {}, "field"), ...shown.map((v) =>
      el("th", { "data-version": v.version }, `v${v.version} · ${v.created_at}`, el("br"), el("small", {}, "changed: " + (v.changed_fields.join(", ") || "—")))));
    const rows = names.map((name) => el("tr", { "data-field": name }, el("th", {}, name), ...bodies.map((body, i) => {
      // Highlighted: a value that differs from the version before it.
      const changed = i > 0 && JSON.stringify(body[name]) !== JSON.stringify(bodies[i - 1][name]);
      return el("td", { class: changed ? "changed" : null }, show(body[name]));
    })));
    box.replaceChildren(el("table", {}, el("thead", {}, head), el("tbody", {}, rows)));
    if (shown.length < 2) box.prepend(el("p", { class: "hint" }, "one stored version"));
  }

  // -- the key and start-up ---------------------------------------------------------------------

  function showKeyForm() {
    $("#key-form").hidden = false;
    $("#key-status").hidden = true;
  }

  async function start() {
    if (!sessionStorage.getItem(KEY_NAME)) {
      showKeyForm();
      return;
    }
    $("#key-form").hidden = true;
    $("#key-status").hidden = false;
    try {
      showError("");
      await loadSources();
      await loadArticles(null);
      const linked = new URLSearchParams(location.hash.slice(1)).get("article");
      if (linked) await openArticle(linked);
    } catch (error) {
      showError(error.message);
    }
  }

  $("#key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_NAME, $("#api-key").value.trim());
    $("#api-key").value = "";
    start();
  });
  // An address naming another article, typed or followed while the console is open, changes
  // only the fragment: open the article it names (openArticle's replaceState fires no event).
  window.addEventListener("hashchange", () => {
    const linked = new URLSearchParams(location.hash.slice(1)).get("article");
    if (linked && sessionStorage.getItem(KEY_NAME)) openArticle(linked).catch((error) => showError(error.message));
  });
  $("#more-articles").addEventListener("click", () => {
    if (nextArticles) loadArticles(nextArticles.source, nextArticles.cursor).catch((error) => showError(error.message));
  });
  $("#forget-key").addEventListener("click", () => {
    sessionStorage.removeItem(KEY_NAME);
    showKeyForm();
  });
  window.addEventListener("unhandledrejection", (event) => showError(String(event.reason && event.reason.message || event.reason)));
  start();
})();
