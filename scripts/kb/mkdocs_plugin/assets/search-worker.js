// The site's search box is Material's; this worker answers it from the Pagefind index of the
// page's language instead of Material's lunr index (which has no Ukrainian and mixes languages).
// Material's protocol: SETUP (0) → READY (1), then QUERY (2) → RESULT (3) with
// {items: [[page, ...sections], ...]}; items are rendered as HTML, so every text is escaped.
//
// Each query word is searched in every form the site knows for it: a Ukrainian word as the
// prefixes all forms of its glossary word share (аутсорсингом → аутсорсинг), an American spelling
// also as the British one the texts use (center → centre); Pagefind stems English itself. The
// results are then ranked: first the pages one of whose names (term, synonym, abbreviation, in
// either language; an article's title) the query is, in any form; then pages the query names in
// part; within each, concepts and articles before lists and other pages, and Pagefind's order.
// A page is dropped unless every query word really stands in it (Pagefind also answers
// "xqzvbn" with a page holding the letter "x").
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_PAGES = 20;        // results shown
const MAX_CANDIDATES = 30;   // results whose text is fetched, checked and ranked
const MAX_QUERIES = 8;       // alternative queries when a word has several forms
const TOP_SECTIONS = 2;      // sections shown under a page; the rest are folded
const TYPING_PAUSE = 150;    // ms without a new keystroke before a query is searched
const KIND_ORDER = { concept: 3, article: 3, category: 1, index: 1 };

const language = new URL(self.location.href).searchParams.get("lang") || "en";
const root = new URL("../../", self.location.href);  // this file is <root>/assets/kb/
const bundle = new URL(language === "en" ? "pagefind/" : `${language}/pagefind/`, root);
const CYRILLIC = /[\u0400-\u04ff]/;
const TOKEN = /[^\p{L}\p{N}\u02bc'’-]+/u;
let ready = null;
let latest = 0;               // a slow answer to an older query is dropped
// Material's SETUP carries no such option; a caller asking whole queries, not keystrokes (the
// search evaluation), may set the pause to 0.
let typingPause = TYPING_PAUSE;

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`);
}

function normalise(word) {
  word = word.toLowerCase();
  return CYRILLIC.test(word) ? word.replace(/['’‘`]/g, "\u02bc") : word.replace(/[\u02bc’‘`]/g, "'");
}

function tokens(text) {
  return normalise(text).split(TOKEN).filter(Boolean);
}

// A query word → the words to search for, best first.
function alternatives(word, vocabulary) {
  if (CYRILLIC.test(word)) {
    const index = vocabulary.uk.forms[word];
    return index === undefined ? [word] : vocabulary.uk.prefixes[index].split(" ");
  }
  const variants = vocabulary.en.variants;
  // The list holds the words the texts use; a plural or third person adds an s to one of them.
  const british = variants[word] || (word.endsWith("s") && variants[word.slice(0, -1)] ? variants[word.slice(0, -1)] + "s" : "");
  return british ? [british, word] : [word];
}

// Words of a question around a term ("what is", "що таке", "definition of"): dropped when the
// whole query finds nothing, so that the term in it is searched alone.
const FILLER = new Set([
  "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "by", "is", "are", "was",
  "what", "what's", "whats", "who", "which", "when", "where", "why", "how", "does", "do", "mean",
  "means", "meaning", "definition", "define", "term", "explained", "explain", "example", "examples",
  "vs", "versus",
  "що", "таке", "це", "означає", "значення", "визначення", "термін", "поняття", "як", "коли",
  "чому", "навіщо", "де", "хто", "який", "яка", "яке", "які", "потрібен", "потрібна", "потрібне",
  "потрібні", "потрібно", "в", "у", "на", "з", "із", "зі", "для", "про", "і", "й", "та", "чи",
]);

function queries(words) {
  let combinations = [[]];
  for (const options of words)
    combinations = combinations.flatMap(done => options.map(option => [...done, option])).slice(0, MAX_QUERIES);
  return combinations.map(words => words.join(" "));
}

function sharedPrefix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// Whether a word of a page or name is a form of the query word ``option``: it starts with it,
// or, for a longer word, shares all but its last letters (outsourced ~ outsourcing, vendors ~
// vendor), as Pagefind's English stemming would.
function wordMatches(option, word) {
  if (word.startsWith(option)) return true;
  const shared = sharedPrefix(option, word);
  return option.length >= 5 && shared >= 4 && shared >= option.length - 3;
}

function anyMatches(options, word) {
  return options.some(option => wordMatches(option, word)) || word.split("-").some(part => options.includes(part));
}

// How well the query names the page: 3.5 when it is one of the page's names word for word, 3
// when it is one in other forms (every word in order), between 2 and 3 when all its words are in one name: more when they cover
// more of it and when they include its head word (the first in Ukrainian, the last in English:
// "постачальник послуг", "service provider"); 0 otherwise.
function nameScore(names, words) {
  let best = 0;
  for (const name of names) {
    const nameWords = tokens(name);
    if (!nameWords.length) continue;
    if (nameWords.length === words.length && words.every((options, i) => options.includes(nameWords[i])))
      return 3.5;  // the name itself, word for word ("RPA" before "RPAAI")
    if (nameWords.length === words.length && words.every((options, i) => options.some(o => wordMatches(o, nameWords[i]))))
      best = Math.max(best, 3);
    if (!words.every(options => nameWords.some(word => anyMatches(options, word)))) continue;
    const head = CYRILLIC.test(name) ? nameWords[0] : nameWords[nameWords.length - 1];
    const coverage = Math.min(1, words.length / nameWords.length);
    const named = 2 + coverage / 2 + (words.some(options => anyMatches(options, head)) ? 0.4 : 0);
    best = Math.max(best, Math.min(named, 2.99));
  }
  return best;
}

function standsIn(page, words) {
  const pageWords = new Set(tokens(`${page.meta.title || ""} ${page.content || ""}`));
  return words.every(options => [...pageWords].some(word => anyMatches(options, word)));
}

async function loadJSON(name, fallback) {
  try {
    const response = await fetch(new URL(`assets/kb/${name}`, root));
    return response.ok ? await response.json() : fallback;
  } catch {
    return fallback;
  }
}

async function setUp() {
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options({ basePath: bundle.pathname, baseUrl: root.pathname });
  await pagefind.init();
  // Both vocabularies on both sites: each site's pages also name their concepts in the other
  // language.
  const [uk, en] = await Promise.all([
    loadJSON("search-forms.uk.json", { prefixes: [], forms: {} }),
    loadJSON("search-forms.en.json", { variants: {} }),
  ]);
  return { pagefind, vocabulary: { uk, en } };
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
// When no page holds every word, the query is asked again without the words of a question
// around it, and then (three words or more) with one word left out at a time, every page still
// holding all the others; a query of unknown words still finds nothing.
async function search(query, outdated) {
  const { vocabulary } = await ready;
  const all = tokens(query);
  const content = all.filter(word => !FILLER.has(word));
  // "definition of contracting out": every concept page holds "definition", so the query is
  // asked both whole and without its question words, and a page named by either comes first.
  const tries = content.length && content.length < all.length ? [all, content] : [all];
  const found = await searchWords(tries, vocabulary, outdated);
  if (found === null || found.length) return found;
  if (content.length < 3) return [];
  const shorter = content.map((_, left) => content.filter((_, i) => i !== left));
  return searchWords(shorter, vocabulary, outdated);
}

// The pages every word of one of ``wordLists`` stands in, ranked.
async function searchWords(wordLists, vocabulary, outdated) {
  const best = new Map();
  for (const list of wordLists) {
    const found = await searchOne(list.map(word => alternatives(word, vocabulary)), outdated);
    if (found === null) return null;
    for (const entry of found) {
      const known = best.get(entry.page.url);
      if (!known || entry.name > known.name) best.set(entry.page.url, entry);
    }
  }
  const ranked = [...best.values()];
  ranked.sort((a, b) => b.name - a.name || b.kind - a.kind || a.rank - b.rank);
  const shown = ranked.slice(0, MAX_PAGES);
  const terms = {};
  for (const list of wordLists)
    for (const word of list) for (const option of alternatives(word, vocabulary)) terms[option] = true;
  return shown.map(({ page }, rank) => toItems(page, shown.length - rank, terms));
}

async function searchOne(words, outdated) {
  const { pagefind } = await ready;
  if (!words.length) return [];
  const found = new Map();
  for (const result of await Promise.all(queries(words).map(q => pagefind.search(q)))) {
    for (const hit of result.results) {
      const known = found.get(hit.id);
      if (!known || hit.score > known.score) found.set(hit.id, hit);
    }
  }
  if (outdated()) return null;
  const hits = [...found.values()].sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
  const pages = await Promise.all(hits.map(hit => hit.data()));
  const ranked = pages
    .map((page, rank) => ({ page, rank }))
    .filter(({ page }) => standsIn(page, words))
    .map(entry => ({
      ...entry,
      name: nameScore((entry.page.meta.names || "").split(" | ").concat(entry.page.meta.title || ""), words),
      kind: KIND_ORDER[entry.page.meta.kind] || 0,
    }))
    .sort((a, b) => b.name - a.name || b.kind - a.kind || a.rank - b.rank);
  return ranked;
}

self.addEventListener("message", async event => {
  const message = event.data;
  if (message.type === SETUP) {
    const pause = message.data && message.data.kbTypingPause;
    if (typeof pause === "number" && pause >= 0) typingPause = pause;
    ready = ready || setUp();
    await ready;
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    // Material sends a query per keystroke: wait for a pause in typing, and drop a query as soon
    // as a newer one arrives, so only what the reader stopped at is searched and fetched.
    const id = ++latest;
    await new Promise(resolve => setTimeout(resolve, typingPause));
    if (id !== latest) return;
    const items = message.data.trim() ? await search(message.data, () => id !== latest) : [];
    if (items && id === latest) self.postMessage({ type: RESULT, data: { items } });
  }
});
