/* The article view's behaviour: the record panel, the kind toggles, a self-check.
   Only textContent is ever assigned, never innerHTML: record fields come from the article. */
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var text = document.getElementById("text");
  var KIND = { indicator: "Indicator", decision: "Decision", place: "Place" };

  function fragments(rid) {
    return document.querySelectorAll('mark.hl[data-rid="' + rid + '"]');
  }

  function setActive(rids) {
    var old = document.querySelectorAll("mark.hl-active");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl-active");
    rids.forEach(function (rid) {
      var f = fragments(rid);
      for (var j = 0; j < f.length; j++) f[j].classList.add("hl-active");
    });
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  function show(rids) {
    if (!rids.length) return;
    body.textContent = "";
    rids.forEach(function (rid) {
      var r = records[rid];
      if (!r) return;
      var box = el("div", "rec");
      var h = el("h3");
      h.appendChild(el("span", "kind " + r.kind, KIND[r.kind] || r.kind));
      h.appendChild(el("span", "", r.label));
      box.appendChild(h);
      var dl = el("dl");
      r.fields.forEach(function (kv) {
        if (kv[1] === "" || kv[1] === null) return;
        dl.appendChild(el("dt", "", kv[0]));
        dl.appendChild(el("dd", kv[0] === "warning" ? "warning" : "", kv[1]));
      });
      box.appendChild(dl);
      body.appendChild(box);
    });
    setActive(rids);
    panel.classList.add("open");
  }

  /* The records under a point: the innermost mark first, then those enclosing it. */
  function ridsAt(node) {
    var rids = [];
    while (node && node !== text) {
      if (node.nodeType === 1 && node.dataset && node.dataset.rid && rids.indexOf(node.dataset.rid) < 0) {
        rids.push(node.dataset.rid);
      }
      node = node.parentNode;
    }
    return rids;
  }

  if (text) {
    var handler = function (ev) { var r = ridsAt(ev.target); if (r.length) show(r); };
    text.addEventListener("click", handler);
    text.addEventListener("mouseover", handler);
    text.addEventListener("focusin", handler);
  }

  var close = document.getElementById("panel-close");
  if (close) close.addEventListener("click", function () { panel.classList.remove("open"); setActive([]); });

  /* A table row's link scrolls to the highlight and opens its record. */
  var links = document.querySelectorAll("a[data-goto]");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (ev) {
      var rid = this.getAttribute("data-goto");
      var m = document.getElementById("hl-" + rid);
      if (!m) return;
      ev.preventDefault();
      m.scrollIntoView({ block: "center" });
      show(ridsAt(m));
      try { history.replaceState(null, "", "#hl-" + rid); } catch (e) { /* file: URLs may refuse */ }
    });
  }

  /* page.html#hl-I3 opens with record I3 shown (links to a record can be shared). */
  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#hl-") !== 0) return;
    var m = document.getElementById(h.slice(1));
    if (m) show(ridsAt(m));
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  var toggles = document.querySelectorAll("input[data-toggle]");
  for (var t = 0; t < toggles.length; t++) {
    toggles[t].addEventListener("change", function () {
      document.body.classList.toggle("hide-" + this.getAttribute("data-toggle"), !this.checked);
    });
  }

  /* Self-check, visible in the page: records with a highlight, per kind. */
  var status = document.getElementById("js-status");
  var total = 0, parts = [];
  ["indicator", "decision", "place"].forEach(function (k) {
    var n = document.querySelectorAll('mark.hl[data-head][data-kind="' + k + '"]').length;
    status.setAttribute("data-" + k, String(n));
    total += n;
    parts.push(n + " " + k + (n === 1 ? "" : "s"));
  });
  status.setAttribute("data-total", String(total));
  status.textContent = "Highlighted: " + parts.join(", ") + ".";
  document.documentElement.setAttribute("data-ready", "1");
})();
