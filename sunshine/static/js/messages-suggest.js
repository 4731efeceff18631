/* 网民留言: show the category suggestion while the citizen types (progressive enhancement:
   without this script the "获取分类建议" button asks the server in a normal POST). */
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("message-form");
    if (!form || !window.fetch || !window.FormData) return;
    var out = document.getElementById("msg-suggestion");
    var subject = form.querySelector("[name=subject]");
    var body = form.querySelector("[name=body]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    var timer = null, last = "";
    function show(data) {
      if (!data || !data.category) { out.textContent = ""; return; }
      var p = document.createElement("p");
      var agency = data.agency ? data.agency.name : "";
      p.textContent = "系统建议：分类“" + data.category + "”" +
        (agency ? "，建议承办单位“" + agency + "”。" : "。");
      out.textContent = "";
      out.appendChild(p);
    }
    function ask() {
      var text = subject.value + "\n" + body.value;
      if (text === last || text.trim().length < 6) return;
      last = text;
      var data = new FormData();
      data.append("subject", subject.value);
      data.append("body", body.value);
      fetch(form.getAttribute("data-suggest-url"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" }
      }).then(function (r) { return r.ok ? r.json() : null; }).then(show).catch(function () {});
    }
    function later() { clearTimeout(timer); timer = setTimeout(ask, 600); }
    subject.addEventListener("input", later);
    body.addEventListener("input", later);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
