// The fee estimate inside the online FOI form, computed in place: "估算费用" asks
// /api/v1/foi/fee-estimate (the server's "本月第N件" is on the fieldset) instead of posting the
// form, and typing the pages refreshes it. Without this script the button posts the form and the
// server re-renders it with everything typed kept and the estimate shown; if the request fails,
// the script falls back to that.
(function () {
  var box = document.querySelector(".foi-apply-estimate");
  if (!box || !window.fetch) return;
  var button = box.querySelector("button[name=estimate]");
  var pages = box.querySelector("[name=pages]");
  var error = box.querySelector("[data-out=error]");
  var amounts = box.querySelector("[data-out=amounts]");
  var latest = 0; // answers can arrive out of order: only the newest request's is shown

  function show(data) {
    if (data.errors || data.detail) {
      var messages = [];
      Object.keys(data.errors || {}).forEach(function (k) { messages = messages.concat(data.errors[k]); });
      error.textContent = messages.join(" ") || String(data.detail || data.message || "");
      error.hidden = false;
      amounts.hidden = true;
      return;
    }
    ["items_this_month", "pages", "by_count", "by_volume"].forEach(function (key) {
      var out = box.querySelector("[data-out=" + key + "]");
      if (out) out.textContent = data[key];
    });
    error.hidden = true;
    amounts.hidden = false;
  }

  function estimate(fallback) {
    var ticket = ++latest;
    var url = box.dataset.api + "?items_this_month=" + encodeURIComponent(box.dataset.items) +
      "&pages=" + encodeURIComponent(pages.value.trim() || "0");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (r.ok || r.status === 422) return r.json();
        throw new Error(String(r.status));
      })
      .then(function (data) { if (ticket === latest) show(data); })
      .catch(function () {
        // The server can still answer with the whole page: post the form as without the script.
        if (fallback && button.form.requestSubmit) button.form.requestSubmit(button);
      });
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    estimate(true);
  });
  pages.addEventListener("input", function () { estimate(false); });
})();
