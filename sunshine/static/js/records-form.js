/* Show the reason and ground only for 依申请公开 / 不予公开 (the page works without this). */
(function () {
  var radios = document.querySelectorAll('input[name="disclosure_mode"]');
  if (!radios.length) return;
  var blocks = document.querySelectorAll(".rec-withheld");
  function update() {
    var chosen = document.querySelector('input[name="disclosure_mode"]:checked');
    var hide = !chosen || chosen.value === "proactive";
    for (var i = 0; i < blocks.length; i++) {
      var invalid = blocks[i].classList.contains("field-invalid");
      blocks[i].hidden = hide && !invalid;
    }
  }
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", update);
  update();
})();
