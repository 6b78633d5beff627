// jobsmith's script, on every page. First it says the relative dates again from the reader's
// clock: the build wrote "3 days ago" and the "New" badges from its own clock (`ago` in
// src/date.rs, whose rules this follows). Then, on listing pages, the search: it finds jobs across
// the whole board as one types, from the index the build writes under search/HASH/ (its format is
// described in src/targets/search.rs). Without this script the form stays hidden, and the listing
// and the taxonomy pages remain the way to browse.
const DAY = 86400000;
function refreshDates() {
  const today = Math.floor(Date.now() / DAY);
  const ago = (n, unit) => `${n} ${unit}s ago`;
  for (const time of document.querySelectorAll("time[data-ago]")) {
    const days = today - Math.floor(Date.parse(time.dateTime) / DAY);
    time.textContent = days < 1 ? "today" : days < 2 ? "yesterday" : days < 14 ? ago(days, "day")
      : days < 60 ? ago(Math.floor(days / 7), "week") : days < 730 ? ago(Math.floor(days / 30), "month")
      : ago(Math.floor(days / 365), "year");
  }
  for (const badge of document.querySelectorAll("[data-until]")) {
    if (Date.parse(badge.dataset.until) / DAY < today) badge.hidden = true;
  }
}
refreshDates();

(() => {
  "use strict";
  const root = document.getElementById("search");
  if (!root || !window.fetch || !window.URLSearchParams) return;
  const form = root.querySelector("form");
  const input = form.elements.q;
  const status = root.querySelector("[role=status]");
  const results = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
  // The page's own list, hidden while results are shown (a template may leave it out).
  const listing = document.getElementById("listing") || {};
  const base = root.dataset.base;
  const FILTERS = ["workplace", "country", "skill"];
  // Every field of the form kept in the address: the filters, the salary floor, the order.
  const FIELDS = FILTERS.concat(["salary", "sort"]);
  const FACETS = { workplace: "workplaces", country: "countries", skill: "skills" };
  const PAGE = 20;
  // Results of a first screen, on a phone or a laptop: shown before the rest of the page.
  const FIRST = 6;
  const UNAVAILABLE = "Search is not available right now; the pages below list every job.";

  function json(response) {
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    return response.json();
  }
  // The manifest names the folder of this build's parts. It is asked for anew on every page
  // load: a copy kept from an earlier visit could name a folder a later build removed.
  const manifest = fetch(root.dataset.index + "index.json", { cache: "no-cache" }).then(json);
  // Each part of the index is fetched once; a failed fetch is forgotten, so it can be retried.
  const files = new Map();
  function load(name) {
    if (!files.has(name)) {
      const part = manifest.then((index) => fetch(root.dataset.index + index.parts + name)).then(json);
      part.catch(() => files.delete(name));
      files.set(name, part);
    }
    return files.get(name);
  }

  // Folds text as the index does (`fold` in src/targets/search.rs): accents dropped, lower case,
  // C++ and C# spelled out; then cuts it into words of ASCII letters and digits.
  const LETTERS = { "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[ßæøœłđðþı]/g, (c) => LETTERS[c])
      .replace(/\+\+/g, "pp").replace(/([a-z])#/g, "$1sharp")
      .split(/[^a-z0-9]+/).filter(Boolean);
  }

  // Marks the jobs having a word that starts with `word`: 2 where it is in the title, else 1
  // (descriptions count for words of three letters or more); `jobs` lists the marked ones.
  async function find(word, index) {
    const marks = new Uint8Array(index.jobs);
    const jobs = [];
    const key = word.slice(0, 2);
    const described = word.length >= 3 && index.describedSet.has(word.slice(0, 3));
    const [shard, text] = await Promise.all([
      index.shardSet.has(key) ? load(`w/${key}.json`) : {},
      described ? load(`t/${word.slice(0, 3)}.json`) : {},
    ]);
    for (const found in text) {
      if (!found.startsWith(word)) continue;
      const deltas = text[found];
      let job = 0;
      for (let i = 0; i < deltas.length; i++) {
        job += deltas[i];
        if (!marks[job]) jobs.push(job);
        marks[job] = 1;
      }
    }
    for (const found in shard) {
      if (!found.startsWith(word)) continue;
      const postings = shard[found];
      let job = 0;
      for (let i = 0; i < postings.length; i++) {
        job += postings[i] >> 1;
        const mark = (postings[i] & 1) + 1;
        if (!marks[job]) jobs.push(job);
        if (marks[job] < mark) marks[job] = mark;
      }
    }
    return { marks, jobs };
  }

  // Marks the jobs of one workplace, country or skill.
  async function only(kind, slug, index) {
    const allowed = new Uint8Array(index.jobs);
    const deltas = await load(`f/${kind}/${slug}.json`);
    let job = 0;
    for (let i = 0; i < deltas.length; i++) {
      job += deltas[i];
      allowed[job] = 1;
    }
    return allowed;
  }

  // Marks the jobs paying at least `floor` a year in the board's main currency.
  async function paying(floor) {
    const pay = await load("s.json");
    const allowed = new Uint8Array(pay.length);
    for (let job = 0; job < pay.length; job++) allowed[job] = pay[job] >= floor ? 1 : 0;
    return allowed;
  }

  // Every job that has all the query's words and passes every filter: jobs with more of the
  // words in their title first, newer first among equals (numbers follow the listing order);
  // or newest first, or best paid first, as `state.sort` asks. Only the jobs of the rarest word
  // are tried, in order, rather than every job of the board.
  async function search(state, index) {
    const query = words(state.q);
    const filters = FILTERS.filter((kind) => state[kind]);
    const [found, allowed, pay] = await Promise.all([
      Promise.all(query.map((word) => find(word, index))),
      Promise.all(filters.map((kind) => only(kind, state[kind], index))
        .concat(state.salary ? [paying(Number(state.salary))] : [])),
      state.sort === "pay" ? load("s.json") : null,
    ]);
    const marks = found.map((f) => f.marks);
    const rarest = found.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a), found[0] || null);
    const candidates = rarest ? Uint32Array.from(rarest.jobs).sort() : null;
    const ranks = query.map(() => []).concat([[]]);
    const count = candidates ? candidates.length : index.jobs;
    next: for (let i = 0; i < count; i++) {
      const job = candidates ? candidates[i] : i;
      let inTitle = 0;
      for (let w = 0; w < marks.length; w++) {
        const mark = marks[w][job];
        if (!mark) continue next;
        inTitle += mark - 1;
      }
      for (let f = 0; f < allowed.length; f++) if (!allowed[f][job]) continue next;
      ranks[inTitle].push(job);
    }
    const ranked = ranks.reverse().flat();
    if (state.sort === "new") return ranked.sort((a, b) => a - b);
    if (pay) return ranked.sort((a, b) => pay[b] - pay[a] || a - b);
    return ranked;
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  // One result: its listing row (templates/job_row.html), as the build made it.
  function row(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content.firstElementChild || element("li", {});
  }

  // The rows of some ranked jobs, once their document chunks are loaded.
  async function rows(jobs, index) {
    const chunks = [...new Set(jobs.map((job) => Math.floor(job / index.chunk)))];
    const docs = new Map(await Promise.all(chunks.map(async (n) => [n, await load(`d/${n}.json`)])));
    return jobs.map((job) => row(docs.get(Math.floor(job / index.chunk))[job % index.chunk]));
  }

  function current() {
    const state = { q: input.value };
    for (const kind of FIELDS) state[kind] = form.elements[kind].value;
    return state;
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "" };
    for (const kind of FIELDS) state[kind] = params.get(kind) || "";
    return state;
  }

  const active = (state) => words(state.q).length > 0 || FILTERS.concat(["salary"]).some((kind) => state[kind]);

  // Puts the state in the address: a new history entry when a search starts or a filter
  // changes, the same entry while the query is typed.
  function remember(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const kind of FIELDS) if (state[kind]) params.set(kind, state[kind]);
    const search = params.toString() ? `?${params}` : "";
    if (search === location.search) return;
    const url = location.pathname + search + location.hash;
    if (push || (active(state) && !active(fromUrl()))) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  function describe(count, state, index) {
    const parts = words(state.q).length ? [`“${state.q.trim()}”`] : [];
    for (const kind of FILTERS) {
      const facet = index[FACETS[kind]].find(([slug]) => slug === state[kind]);
      if (facet) parts.push(facet[1]);
    }
    if (state.salary) parts.push(`${money(Number(state.salary))} ${index.currency} a year or more`);
    const what = parts.join(", ");
    if (count === 0) return `No jobs match ${what}.`;
    return `${count} ${count === 1 ? "job matches" : "jobs match"} ${what}.`;
  }

  let generation = 0;
  let ranked = [];
  let shown = 0;

  async function update(how) {
    const state = current();
    if (how !== "restore") remember(state, how === "push");
    const mine = ++generation;
    if (!active(state)) {
      results.replaceChildren();
      results.removeAttribute("aria-busy");
      results.hidden = more.hidden = true;
      listing.hidden = false;
      status.textContent = "";
      return;
    }
    try {
      const index = await ready;
      const found = await search(state, index);
      // A key pressed meanwhile starts its own search: this one fetches no rows.
      if (mine !== generation) return;
      // The first screen's rows are fetched first and shown as soon as they are in; then the
      // rest of the page (the list says it is busy until then).
      const page = found.slice(0, PAGE);
      const first = await rows(page.slice(0, FIRST), index);
      if (mine !== generation) return;
      ranked = found;
      shown = first.length;
      results.replaceChildren(...first);
      refreshDates();
      results.hidden = shown === 0;
      listing.hidden = true;
      status.textContent = describe(ranked.length, state, index);
      more.hidden = true;
      if (page.length > FIRST) results.setAttribute("aria-busy", "true");
      const rest = await rows(page.slice(FIRST), index);
      if (mine !== generation) return;
      results.append(...rest);
      results.removeAttribute("aria-busy");
      refreshDates();
      shown += rest.length;
      more.hidden = shown >= ranked.length;
    } catch {
      if (mine === generation) {
        results.removeAttribute("aria-busy");
        status.textContent = UNAVAILABLE;
      }
    }
  }

  async function showMore() {
    const mine = generation;
    try {
      const next = await rows(ranked.slice(shown, shown + PAGE), await ready);
      if (mine !== generation || next.length === 0) return;
      results.append(...next);
      refreshDates();
      shown += next.length;
      more.hidden = shown >= ranked.length;
      next[0].querySelector("a").focus();
    } catch {
      status.textContent = UNAVAILABLE;
    }
  }

  function fill(select, facets) {
    for (const [slug, name, count] of facets) {
      if (count > 0) select.append(element("option", { value: slug }, `${name} (${count})`));
    }
  }

  // 120000 as "120k", as the rows write amounts.
  const money = (amount) => (amount >= 10000 ? `${Math.round(amount / 1000)}k` : amount.toLocaleString("en"));

  // Shows the state of the address in the form; unknown values fall back to the first option.
  function restore() {
    const state = fromUrl();
    input.value = state.q;
    for (const kind of FIELDS) {
      const select = form.elements[kind];
      select.value = state[kind];
      if (select.selectedIndex < 0) select.value = "";
    }
  }

  const ready = manifest.then((index) => {
    if (index.format !== 3) throw new Error(`index format ${index.format}`);
    index.shardSet = new Set(index.shards);
    index.describedSet = new Set(index.described);
    for (const kind of FILTERS) fill(form.elements[kind], index[FACETS[kind]]);
    const salary = form.elements.salary;
    for (const step of index.steps) salary.append(element("option", { value: step }, `${money(step)} ${index.currency}+`));
    if (!index.steps.length) salary.closest(".search-field").hidden = true;
    return index;
  });

  form.hidden = false;
  restore();
  ready.then(() => {
    if (generation > 0) return;
    restore();
    if (active(current())) update("restore");
  }, () => {
    status.textContent = UNAVAILABLE;
  });
  input.addEventListener("input", () => update("type"));
  for (const kind of FIELDS) form.elements[kind].addEventListener("change", () => update("push"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update("type");
  });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", () => {
    restore();
    update("restore");
  });
})();
