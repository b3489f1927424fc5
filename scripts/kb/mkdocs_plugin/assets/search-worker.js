// The site's search box is Material's; this worker answers it from the Pagefind index of the
// page's language instead of Material's lunr index (which has no Ukrainian and mixes languages).
// Material's protocol: SETUP (0) → READY (1), then QUERY (2) → RESULT (3) with
// {items: [[page, ...sections], ...]}; items are rendered as HTML, so every text is escaped.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_PAGES = 20;        // results whose text is fetched and shown
const MAX_QUERIES = 8;       // alternative prefix queries when a word's stem alternates
const TOP_SECTIONS = 2;      // sections shown under a page; the rest are folded
const TYPING_PAUSE = 150;    // ms without a new keystroke before a query is searched

const language = new URL(self.location.href).searchParams.get("lang") || "en";
const root = new URL("../../", self.location.href);  // this file is <root>/assets/kb/
const bundle = new URL(language === "en" ? "pagefind/" : `${language}/pagefind/`, root);
let ready = null;
let latest = 0;               // a slow answer to an older query is dropped

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`);
}

function normalise(word) {
  word = word.toLowerCase();
  return language === "uk" ? word.replace(/['’‘`]/g, "\u02bc") : word.replace(/[\u02bc’‘`]/g, "'");
}

// Each query word → the words to search for: the prefixes of all its forms when the glossary
// knows the word (аутсорсингом → аутсорсинг), otherwise the word as typed.
function alternatives(word, vocabulary) {
  const index = vocabulary.forms[word];
  return index === undefined ? [word] : vocabulary.prefixes[index].split(" ");
}

function queries(words) {
  let combinations = [[]];
  for (const options of words)
    combinations = combinations.flatMap(done => options.map(option => [...done, option])).slice(0, MAX_QUERIES);
  return combinations.map(words => words.join(" "));
}

// Share of the title's words the query matches, when it matches all query words: a concept
// named exactly by the query comes before pages that only mention it. Only for ordering, a long
// word the vocabulary does not know is compared without its last letters (outsourced ~ outsourcing).
function rankingStem(option) {
  return option.length >= 7 ? option.slice(0, -3) : option;
}

function titleMatch(title, words) {
  const titleWords = normalise(title).split(/[^\p{L}\p{N}\u02bc'-]+/u).filter(Boolean);
  const parts = titleWords.flatMap(word => [word, ...word.split("-")]);  // кол-центр, back-office → back
  const hits = words.filter(options => parts.some(w => options.some(o => w.startsWith(rankingStem(o))))).length;
  return titleWords.length && hits === words.length ? hits / titleWords.length : 0;
}

async function setUp() {
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options({ basePath: bundle.pathname, baseUrl: root.pathname });
  await pagefind.init();
  let vocabulary = { prefixes: [], forms: {} };
  if (language === "uk") {
    const response = await fetch(new URL("assets/kb/search-forms.uk.json", root));
    if (response.ok) vocabulary = await response.json();
  }
  return { pagefind, vocabulary };
}

function toItems(page, score, terms) {
  const title = escapeHTML(page.meta.title || page.url);
  const parent = { location: page.url, title, text: page.excerpt, score, terms };
  const sections = (page.sub_results || [])
    .filter(section => section.url.includes("#") && section.title !== page.meta.title)
    .map((section, rank) => ({
      location: section.url,
      title: escapeHTML(section.title),
      text: section.excerpt,
      score: rank < TOP_SECTIONS ? score : score / 2,
      terms
    }));
  return [parent, ...sections];
}

// Results of ``query`` for Material; null when ``outdated()`` says a newer query replaced it.
async function search(query, outdated) {
  const { pagefind, vocabulary } = await ready;
  const words = query.split(/\s+/).filter(Boolean).map(normalise).map(w => alternatives(w, vocabulary));
  if (!words.length) return [];
  const found = new Map();
  for (const result of await Promise.all(queries(words).map(q => pagefind.search(q)))) {
    for (const hit of result.results) {
      const known = found.get(hit.id);
      if (!known || hit.score > known.score) found.set(hit.id, hit);
    }
  }
  if (outdated()) return null;
  const hits = [...found.values()].sort((a, b) => b.score - a.score).slice(0, MAX_PAGES);
  const pages = await Promise.all(hits.map(hit => hit.data()));
  const ranked = pages
    .map((page, rank) => ({ page, rank, title: titleMatch(page.meta.title || "", words) }))
    .sort((a, b) => b.title - a.title || a.rank - b.rank);
  const terms = Object.fromEntries(words.flat().map(word => [word, true]));
  return ranked.map(({ page }, rank) => toItems(page, ranked.length - rank, terms));
}

self.addEventListener("message", async event => {
  const message = event.data;
  if (message.type === SETUP) {
    ready = ready || setUp();
    await ready;
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    // Material sends a query per keystroke: wait for a pause in typing, and drop a query as soon
    // as a newer one arrives, so only what the reader stopped at is searched and fetched.
    const id = ++latest;
    await new Promise(resolve => setTimeout(resolve, TYPING_PAUSE));
    if (id !== latest) return;
    const items = message.data.trim() ? await search(message.data, () => id !== latest) : [];
    if (items && id === latest) self.postMessage({ type: RESULT, data: { items } });
  }
});
