// Glossary links on a touch screen: there is no hover to show a definition, and a tap follows
// the link at once. So the first tap on a glossary link shows the concept's short definition
// under it, with a link to the concept's page; a second tap on the same link follows it, and a
// tap elsewhere or Escape closes the definition.
"use strict";

(function () {
  var LABELS = { en: "Open the concept’s page", uk: "Відкрити сторінку поняття" };
  var definitions = new WeakMap();
  var open = null;

  // Material moves a link's title into its tooltip while the link is hovered or focused, so the
  // definitions are read once, before any tap.
  document.querySelectorAll("a.kb-term[title]").forEach(function (link) {
    definitions.set(link, link.getAttribute("title"));
  });

  function touchScreen() {
    return window.matchMedia("(hover: none)").matches || window.matchMedia("(pointer: coarse)").matches;
  }

  function close() {
    if (!open) return;
    open.popover.remove();
    open.link.removeAttribute("aria-expanded");
    open = null;
  }

  function show(link) {
    close();
    var language = document.documentElement.lang === "uk" ? "uk" : "en";
    var popover = document.createElement("span");
    popover.className = "kb-definition";
    popover.setAttribute("role", "note");
    var text = document.createElement("span");
    text.textContent = definitions.get(link) || "";
    var follow = document.createElement("a");
    follow.href = link.href;
    follow.textContent = LABELS[language];
    popover.append(text, " ", follow);
    link.after(popover);
    link.setAttribute("aria-expanded", "true");
    open = { link: link, popover: popover };
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.kb-term");
    if (open && (!link || link !== open.link) && !open.popover.contains(event.target)) close();
    if (!link || !touchScreen() || !definitions.get(link)) return;
    if (open && open.link === link) return; // the second tap follows the link
    event.preventDefault();
    show(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();

// The preview (mkdocs serve) keeps the last good pages while the glossary is invalid and lists
// kb validate's problems in a file beside this script: they are shown over the page, as text.
(function () {
  var marker = document.getElementById("kb-preview-problems");
  if (!marker || !window.fetch) return;
  var TITLE = {
    en: "The glossary has problems; these pages are the last good build:",
    uk: "У глосарії є помилки; ці сторінки — з останньої вдалої збірки:",
  };
  fetch(marker.getAttribute("data-src"), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (problems) {
      if (!Array.isArray(problems) || problems.length === 0) return;
      var language = document.documentElement.lang === "uk" ? "uk" : "en";
      var box = document.createElement("div");
      box.className = "kb-preview-problems";
      box.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.textContent = TITLE[language];
      var list = document.createElement("pre");
      list.textContent = problems.map(String).join("\n");
      box.appendChild(title);
      box.appendChild(list);
      document.body.appendChild(box);
    })
    .catch(function () {});
})();
