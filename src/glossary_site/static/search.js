// Search box: loaded by the small script in base.html when the reader first focuses the
// box, types "/" or arrives with ?q=. Names first (names.json: an exact title or alias,
// a plural, a prefix, a one-letter typo), then Pagefind's full-text ranking, without
// duplicates. Results are plain links; the count is announced through a status region.
const LIMIT = 10;
const GUESSES = 5; // terms the 404 page suggests
const DELAY = 120; // ms between keystrokes before searching

const norm = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
  .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const compact = (text) => norm(text).replace(/ /g, "");

// "databases" → "database", "policies" → "policy", "logs" → "log"; "ss", "us", "is" stay.
function singular(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 4 && /(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

// Whether a and b differ by at most one insertion, deletion, substitution or swap.
function oneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1)
      || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

// How well one name matches the query: 0 exact, 1 plural, 2 prefix, 3 whole words of
// the name, 4 a one-letter typo, 5 a typo of one word, 6 the start of a later word;
// Infinity: no match.
function tier(name, query) {
  const { c, n } = name;
  if (c === query.c) return 0;
  if (singular(c) === singular(query.c)) return 1;
  if (query.c.length >= 2 && c.startsWith(query.c)) return 2;
  const words = n.split(" ");
  if (words.length > 1 && ` ${n} `.includes(` ${query.n} `)) return 3;
  if (query.c.length >= 4 && (oneEdit(c, query.c) || oneEdit(singular(c), singular(query.c)))) return 4;
  if (query.c.length >= 5 && words.some((w) => w.length >= 5 && oneEdit(w, query.c))) return 5;
  if (query.n.length >= 3 && words.slice(1).some((w) => w.startsWith(query.n))) return 6;
  return Infinity;
}

function nameMatches(terms, text) {
  const query = { c: compact(text), n: norm(text) };
  const found = [];
  for (const term of terms) {
    let best = null;
    term.names.forEach((name, kind) => {
      const t = tier(name, query);
      const key = [t, Math.min(kind, 1), term.deprecated, name.c.length];
      if (t < Infinity && (!best || compareKeys(key, best) < 0)) best = key;
    });
    if (best) found.push({ term, key: best });
  }
  found.sort((a, b) => compareKeys(a.key, b.key) || a.term.title.localeCompare(b.term.title));
  return found.map((hit) => hit.term);
}

const compareKeys = (a, b) => a.reduce((diff, x, i) => diff || x - b[i], 0);

const STOP = new Set("a an and are as at be by for from how in is it of on or over that the to what when which who why with".split(" "));

// Pagefind's results for every word of the query; when no page has them all, the pages
// that have the most of them (then the best summed score), so that a reader's own words
// for a concept still find it.
async function fullText(pagefind, query) {
  const found = await pagefind.search(query);
  if (found.results.length) return found.results;
  const words = [...new Set(norm(query).split(" ").filter((w) => w.length > 2 && !STOP.has(w)))];
  if (words.length < 2) return [];
  const pages = new Map();
  for (const word of words) {
    const { results } = await pagefind.search(word);
    const top = results[0]?.score || 1;
    for (const hit of results) {
      const seen = pages.get(hit.id) ?? { hit, words: 0, score: 0 };
      seen.words += 1;
      seen.score += hit.score / top;
      pages.set(hit.id, seen);
    }
  }
  return [...pages.values()].filter((p) => p.words > 1)
    .sort((a, b) => b.words - a.words || b.score - a.score).map((p) => p.hit);
}

// FNV-1a of the slug's UTF-8 bytes, as search/shards.py computes it: which teaser file.
function bucket(slug, count) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(slug)) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0) & (count - 1);
}

async function getJSON(url) {
  // Revalidated on every visit: the terms change with each build, not with the assets.
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// A term's slug when names.json leaves it out: its ASCII title in lower case, each run of
// other characters a "-" (as search/documents.py's simple_slug).
const simpleSlug = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

// names.json: the full-text shards to merge, the number of teaser files, every term's names.
async function loadNames(root) {
  const { shards, teasers, terms } = await getJSON(new URL("pagefind/names.json", root));
  return {
    shards, teasers,
    terms: terms.map(([title, aliases, deprecated, slug = simpleSlug(title)]) => ({
      slug, title, deprecated,
      names: [title, ...aliases, slug].map((text) => ({ c: compact(text), n: norm(text) })),
    })),
  };
}

// The words a search starts with: ?q= of the address, or on the 404 page (data-prefill)
// the last part of the missing path ("/archive/kubernets/" → "kubernets").
function firstQuery(form) {
  const asked = new URLSearchParams(location.search).get("q");
  if (asked || !form.dataset.prefill) return { query: asked ?? "", fromPath: false };
  const base = new URL(form.dataset.root, document.baseURI).pathname;
  let path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  try { path = decodeURIComponent(path); } catch { /* keep it encoded */ }
  const last = path.replace(/(index)?\.html?$/, "").split("/").filter(Boolean).pop() ?? "";
  return { query: last.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" "), fromPath: true };
}

// The browser's plural rules of the page's language (English for a tag it does not know).
function pluralRules(language) {
  try { return new Intl.PluralRules(language); } catch { return new Intl.PluralRules("en"); }
}

export function start(form) {
  const { query: prefill, fromPath } = firstQuery(form);
  const root = new URL(form.dataset.root, document.baseURI);
  const suffix = form.dataset.suffix;
  // The page's words (data-ui, in the site's language): plural forms by Intl's category.
  const ui = JSON.parse(form.dataset.ui || "{}"), plural = pluralRules(document.documentElement.lang);
  const say = (key, values) => {
    const entry = ui[key] ?? "";
    const text = typeof entry === "string" ? entry : entry[plural.select(values.count)] ?? entry.other;
    return text.replace(/\{(\w+)\}/g, (whole, name) => name in values ? values[name] : whole);
  };
  const input = form.elements.q;
  const panel = form.querySelector(".search-results");
  const list = panel.querySelector("ol");
  const shown = panel.querySelector(".search-count");
  const status = document.getElementById("search-status");
  const names = loadNames(root).catch(() => ({ shards: [], teasers: 1, terms: [] }));
  // Pagefind's first shard at pagefind/, the others merged from pagefind/shard-<n>/.
  const ranking = { ranking: { metaWeights: { title: 10 } } };
  let pagefind = null;
  const engine = () => pagefind ??= import(new URL("pagefind/pagefind.js", root).href)
    .then(async (module) => {
      await module.options(ranking);
      const { shards } = await names;
      await Promise.all(shards.map((dir) => module.mergeIndex(new URL(`pagefind/${dir}/`, root).href, ranking)));
      return module;
    })
    .catch(() => null);
  engine();
  // Teaser files, fetched when a result shown needs one.
  const teaserFiles = new Map();
  async function teaserOf(slug) {
    const { teasers } = await names;
    const file = bucket(slug, teasers);
    if (!teaserFiles.has(file)) teaserFiles.set(file, getJSON(new URL(`pagefind/teasers/${file}.json`, root)).catch(() => ({})));
    return (await teaserFiles.get(file))[slug] ?? "";
  }
  let timer = 0;
  let serial = 0;

  async function search(text) {
    const mine = ++serial;
    const query = text.trim();
    if (!query) return [];
    const { terms } = await names;
    const first = nameMatches(terms, query);
    const seen = new Set(first.map((t) => t.slug));
    const results = first.map((t) => ({ slug: t.slug, title: t.title, teaser: null }));
    // When names alone overfill the list, full-text hits could only come after it: the
    // index (a part of every shard's) is not fetched.
    const module = first.length > LIMIT ? null : await engine();
    const hits = module ? await fullText(module, query) : [];
    if (mine !== serial) return null;
    // Fragments of as many pages as can fill the list once names' pages are left out.
    const wanted = hits.slice(0, LIMIT + first.length);
    const data = await Promise.all(wanted.map((hit) => hit.data().catch(() => null)));
    const bySlug = new Map(terms.map((t) => [t.slug, t]));
    for (const page of data) {
      const slug = page?.meta?.slug;
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      const term = bySlug.get(slug);
      results.push({ slug, title: term?.title ?? page.meta.title, teaser: page.meta.teaser ?? null });
    }
    results.more = results.length > LIMIT || (hits.length > wanted.length && results.length >= LIMIT);
    await Promise.all(results.slice(0, LIMIT).map(async (result) => {
      result.teaser ??= await teaserOf(result.slug);
    }));
    return mine === serial ? results : null;
  }

  function items(results, count) {
    return results.slice(0, count).map((result) => {
      const link = document.createElement("a");
      link.href = new URL(`${result.slug}/${suffix}`, root).href;
      const title = document.createElement("span");
      title.className = "search-title";
      title.textContent = result.title;
      const teaser = document.createElement("span");
      teaser.className = "search-teaser";
      teaser.textContent = result.teaser;
      link.append(title, teaser);
      const item = document.createElement("li");
      item.append(link);
      return item;
    });
  }

  function render(results, query) {
    list.replaceChildren(...items(results, LIMIT));
    const count = results.length;
    const said = say(count === 0 ? "search.none" : results.more ? "search.more" : "search.results",
      { count: results.more ? LIMIT : count, query });
    shown.textContent = said;
    status.textContent = said;
    open(true);
  }

  function update() {
    const query = input.value.trim();
    if (!query) { close(); return; }
    search(query).then((results) => { if (results) render(results, query); });
  }

  // The results cover the page under a backdrop (a click on it closes them).
  const backdrop = Object.assign(document.createElement("div"), { className: "search-backdrop", hidden: true });
  backdrop.addEventListener("click", () => close());
  document.body.append(backdrop);
  // While results are shown the rest of the page is inert (behind the backdrop).
  function open(shown) {
    panel.hidden = backdrop.hidden = !shown;
    document.documentElement.classList.toggle("search-open", shown);
    for (const part of document.querySelectorAll("body > :not(.site-header, .search-backdrop)")) part.inert = shown;
  }

  function close() {
    open(false);
    status.textContent = "";
  }

  const links = () => [...list.querySelectorAll("a")];

  addEventListener("keydown", (event) => { if (event.key === "Escape" && !panel.hidden) close(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, DELAY); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !panel.hidden && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : all[Math.min(next, all.length - 1)]).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
      close();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) return;
    const results = await search(query);
    if (results?.length) location.assign(new URL(`${results[0].slug}/${suffix}`, root).href);
    else if (results) render(results, query);
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) setTimeout(() => {
      if (!form.contains(document.activeElement)) open(false);
    }, 0);
  });
  input.addEventListener("focus", () => { if (input.value.trim() && list.children.length) open(true); });
  // On the 404 page the terms closest to the missing address are listed in the page.
  const guesses = document.getElementById("did-you-mean");
  if (prefill) input.value = prefill;
  if (fromPath && guesses) {
    search(prefill).then((results) => {
      if (!results?.length) return;
      guesses.querySelector("ol").replaceChildren(...items(results, GUESSES));
      guesses.hidden = false;
    });
  } else if (input.value.trim()) update();
}
