// gongwen: progressive enhancement only. Every page reads and navigates without this file.
// It adds a citation box for the clause in the address bar's #fragment, with a copy button.
(function () {
  "use strict";
  var box = null;

  function citation(el) {
    var doc = document.querySelector("[data-doc]");
    var title = doc ? doc.getAttribute("data-doc") : document.title;
    var url = location.href.split("#")[0] + "#" + el.id;
    return { text: title + el.getAttribute("data-cite"), url: url };
  }

  function close() {
    if (box) { box.remove(); box = null; }
  }

  function show(el) {
    close();
    var c = citation(el);
    box = document.createElement("div");
    box.className = "cite-box";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "引用本条");
    var p = document.createElement("p");
    p.textContent = c.text + " " + c.url;
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "复制引用";
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "已复制"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(c.text + " " + c.url).then(done, function () {});
      }
    });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.textContent = "关闭";
    shut.addEventListener("click", close);
    box.appendChild(p);
    box.appendChild(copy);
    box.appendChild(shut);
    document.body.appendChild(box);
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
  window.addEventListener("hashchange", onHash);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onHash);
  } else {
    onHash();
  }
})();
