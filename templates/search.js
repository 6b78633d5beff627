// jobsmith search: finds jobs across the whole board as one types, from the index the build
// writes under search/HASH/ (its format is described in src/targets/search.rs). Without this
// script the form stays hidden, and the listing and the taxonomy pages remain the way to browse.
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
  const FACETS = { workplace: "workplaces", country: "countries", skill: "skills" };
  const PAGE = 20;
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const UNAVAILABLE = "Search is not available right now; the pages below list every job.";

  // Each part of the index is fetched once; a failed fetch is forgotten, so it can be retried.
  const files = new Map();
  function load(name) {
    if (!files.has(name)) {
      const part = fetch(root.dataset.index + name).then((response) => {
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return response.json();
      });
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

  // Marks the jobs having a word that starts with `word`: 2 where it is in the title, else 1.
  async function find(word, index) {
    const marks = new Uint8Array(index.jobs);
    const key = word.slice(0, 2);
    if (!index.shardSet.has(key)) return marks;
    const shard = await load(`w/${key}.json`);
    for (const found in shard) {
      if (!found.startsWith(word)) continue;
      const postings = shard[found];
      let job = 0;
      for (let i = 0; i < postings.length; i++) {
        job += postings[i] >> 1;
        const mark = (postings[i] & 1) + 1;
        if (marks[job] < mark) marks[job] = mark;
      }
    }
    return marks;
  }

  // Marks the jobs of one workplace, country or skill.
  async function only(kind, slug, index) {
    const allowed = new Uint8Array(index.jobs);
    let job = 0;
    for (const delta of await load(`f/${kind}/${slug}.json`)) {
      job += delta;
      allowed[job] = 1;
    }
    return allowed;
  }

  // Every job that has all the query's words and passes every filter: jobs with more of the
  // words in their title first, newer first among equals (numbers follow the listing order).
  async function search(state, index) {
    const query = words(state.q);
    const filters = FILTERS.filter((kind) => state[kind]);
    const [marks, allowed] = await Promise.all([
      Promise.all(query.map((word) => find(word, index))),
      Promise.all(filters.map((kind) => only(kind, state[kind], index))),
    ]);
    const ranks = query.map(() => []).concat([[]]);
    next: for (let job = 0; job < index.jobs; job++) {
      let inTitle = 0;
      for (const m of marks) {
        if (!m[job]) continue next;
        inTitle += m[job] - 1;
      }
      for (const a of allowed) if (!a[job]) continue next;
      ranks[inTitle].push(job);
    }
    return ranks.reverse().flat();
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  // One result, shown as templates/job_row.html shows a job.
  function row(doc, index) {
    const [title, path, company, location, workplace, date, salary, country, skills] = doc;
    const [kind, label] = index.workplaces[workplace];
    const meta = element("p", { class: "job-meta" }, element("span", { class: "company" }, company), ` · ${location}`);
    if (country !== null) {
      const [slug, name] = index.countries[country];
      meta.append(" (", element("a", { href: `${base}locations/${slug}/` }, name), ")");
    }
    const [year, month, day] = date.split("-");
    meta.append(" · ", element("a", { class: `badge badge-${kind}`, href: `${base}types/${kind}/` }, label),
      " · ", element("time", { datetime: date }, `${Number(day)} ${MONTHS[month - 1]} ${year}`));
    if (salary) meta.append(" · ", element("span", { class: "salary" }, salary));
    const item = element("li", { class: "job" },
      element("h2", { class: "job-title" }, element("a", { href: base + path }, title)), meta);
    if (skills.length) {
      item.append(element("ul", { class: "skills", "aria-label": "Skills" }, ...skills.map((n) => {
        const [slug, name] = index.skills[n];
        return element("li", {}, element("a", { href: `${base}skills/${slug}/` }, name));
      })));
    }
    return item;
  }

  // The rows of some ranked jobs, once their document chunks are loaded.
  async function rows(jobs, index) {
    const chunks = [...new Set(jobs.map((job) => Math.floor(job / index.chunk)))];
    const docs = new Map(await Promise.all(chunks.map(async (n) => [n, await load(`d/${n}.json`)])));
    return jobs.map((job) => row(docs.get(Math.floor(job / index.chunk))[job % index.chunk], index));
  }

  function current() {
    const state = { q: input.value };
    for (const kind of FILTERS) state[kind] = form.elements[kind].value;
    return state;
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "" };
    for (const kind of FILTERS) state[kind] = params.get(kind) || "";
    return state;
  }

  const active = (state) => words(state.q).length > 0 || FILTERS.some((kind) => state[kind]);

  // Puts the state in the address: a new history entry when a search starts or a filter
  // changes, the same entry while the query is typed.
  function remember(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const kind of FILTERS) if (state[kind]) params.set(kind, state[kind]);
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
      results.hidden = more.hidden = true;
      listing.hidden = false;
      status.textContent = "";
      return;
    }
    try {
      const index = await ready;
      const found = await search(state, index);
      const first = await rows(found.slice(0, PAGE), index);
      if (mine !== generation) return;
      ranked = found;
      shown = first.length;
      results.replaceChildren(...first);
      results.hidden = shown === 0;
      more.hidden = shown >= ranked.length;
      listing.hidden = true;
      status.textContent = describe(ranked.length, state, index);
    } catch {
      if (mine === generation) status.textContent = UNAVAILABLE;
    }
  }

  async function showMore() {
    const mine = generation;
    try {
      const next = await rows(ranked.slice(shown, shown + PAGE), await ready);
      if (mine !== generation || next.length === 0) return;
      results.append(...next);
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

  // Shows the state of the address in the form; unknown filter values fall back to "Any".
  function restore() {
    const state = fromUrl();
    input.value = state.q;
    for (const kind of FILTERS) {
      const select = form.elements[kind];
      select.value = state[kind];
      if (select.selectedIndex < 0) select.value = "";
    }
  }

  const ready = load("index.json").then((index) => {
    if (index.format !== 1) throw new Error(`index format ${index.format}`);
    index.shardSet = new Set(index.shards);
    for (const kind of FILTERS) fill(form.elements[kind], index[FACETS[kind]]);
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
  for (const kind of FILTERS) form.elements[kind].addEventListener("change", () => update("push"));
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
