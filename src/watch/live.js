// gongwen serve: live reload. Added to every HTML page by the preview server (never
// written into the output folder). After a rebuild the page reloads where the reader was:
// at the anchor of the URL if there is one, else at the same scroll offset. A failed rebuild
// shows its error over the page until the next good one.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "/";
  var KEY = "gongwen-live:" + location.pathname;

  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  function restore() {
    var saved = sessionStorage.getItem(KEY);
    if (saved === null) return;
    sessionStorage.removeItem(KEY);
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
    else window.scrollTo(0, Number(saved) || 0);
  }
  if (document.readyState === "complete") restore();
  else window.addEventListener("load", restore);

  function overlay(message) {
    var box = document.getElementById("gongwen-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "gongwen-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("h2");
      title.textContent = "构建失败 · build failed (the page shows the last good build)";
      title.style.cssText = "color:#ff8080;font-size:16px;margin:0 0 1rem";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = message;
  }

  var source = new EventSource(base + "__gongwen/events");
  source.addEventListener("open", function () {
    document.documentElement.dataset.live = "connected";
  });
  source.addEventListener("reload", function () {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  });
  source.addEventListener("failed", function (e) {
    if (e.data) overlay(JSON.parse(e.data));
  });
})();
