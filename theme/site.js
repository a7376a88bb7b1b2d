// gongwen: progressive enhancement only. Every page reads and navigates without this file.
// It adds a citation box for the clause in the address bar's #fragment, with a copy button,
// and keeps the #fragment when the reader switches language.
(function () {
  "use strict";
  var box = null;
  var strings = {};
  try { strings = JSON.parse(document.getElementById("ui-strings").textContent); } catch (e) { strings = {}; }
  function ui(key) { return key in strings ? strings[key] : key; }

  function citation(el) {
    var doc = document.querySelector("[data-doc]");
    var title = doc ? doc.getAttribute("data-doc") : document.title;
    // The clause's address alone: no query (`?q=` from a search) and no other fragment.
    var url = location.origin + location.pathname + "#" + el.id;
    return { text: title + ui("cite_join") + el.getAttribute("data-cite"), url: url };
  }

  function close() {
    if (box) { box.remove(); box = null; }
    document.body.style.paddingBottom = "";
  }

  function show(el) {
    close();
    var c = citation(el);
    box = document.createElement("div");
    box.className = "cite-box";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", ui("cite_box"));
    var p = document.createElement("p");
    p.textContent = c.text + " " + c.url;
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = ui("cite_copy");
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = ui("cite_copied"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(c.text + " " + c.url).then(done, function () {});
      }
    });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.textContent = ui("close");
    shut.addEventListener("click", close);
    box.appendChild(p);
    box.appendChild(copy);
    box.appendChild(shut);
    document.body.appendChild(box);
    // The box sits over the foot of the window: room below the page, so that the text and
    // the previous/next links can still be scrolled clear of it.
    document.body.style.paddingBottom = box.offsetHeight + 32 + "px";
  }

  function onHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.hasAttribute("data-cite")) { show(el); } else { close(); }
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.pl");
    if (a && location.hash === a.getAttribute("href")) { onHash(); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
  // The language switcher keeps the reader at the same clause: the other language's page
  // has the same ids.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-lang-switch]");
    if (a && location.hash) { a.href = a.href.split("#")[0] + location.hash; }
  });
  // The document's outline beside the text: open where there is room for it, and the
  // section being read marked in it as the reader scrolls.
  var nav = document.querySelector("nav.doc-nav details");
  if (nav) {
    var wide = window.matchMedia("(min-width: 75rem)");
    var fit = function () { nav.open = wide.matches; };
    fit();
    if (wide.addEventListener) { wide.addEventListener("change", fit); }
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); });
    var pending = false;
    var mark = function () {
      pending = false;
      var current = -1;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top <= 120) { current = i; }
      }
      links.forEach(function (a, i) {
        if (i === current) { a.setAttribute("aria-current", "location"); } else { a.removeAttribute("aria-current"); }
      });
    };
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }
  window.addEventListener("hashchange", onHash);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onHash);
  } else {
    onHash();
  }
})();
