// 年度报告: insert a computed fact into a section's text at the cursor (or at the end).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-ar-insert]");
  if (!button) return;
  var area = document.getElementById(button.getAttribute("data-ar-insert"));
  var item = button.closest("li");
  if (!area || !item) return;
  var text = item.querySelector(".ar-fact-text").textContent.trim();
  var at = typeof area.selectionStart === "number" ? area.selectionStart : area.value.length;
  var before = area.value.slice(0, at);
  var after = area.value.slice(at);
  var glue = before && !before.endsWith("\n") ? "\n" : "";
  area.value = before + glue + text + (after && !after.startsWith("\n") ? "\n" : "") + after;
  area.focus();
  var end = (before + glue + text).length;
  area.setSelectionRange(end, end);
});
