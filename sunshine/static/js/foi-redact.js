// Drawing redaction boxes on the page images (progressive enhancement: the box form works by
// typing page and coordinates without this). Pointer events, so a finger works as a mouse.
// The image shows the page's crop box; its data-width/data-height are the page size in PDF
// points, so a drawn rectangle converts to points with the origin at the top-left corner.
(function () {
  var form = document.getElementById("rel-box-form");
  if (!form) return;
  function field(name) { return form.querySelector("[name=" + name + "]"); }
  function round(v) { return Math.round(v * 100) / 100; }
  document.querySelectorAll(".rel-page").forEach(function (figure) {
    var img = figure.querySelector("img");
    var start = null;
    var rect = null;
    function point(event) {
      var box = img.getBoundingClientRect();
      return {
        x: Math.min(Math.max(event.clientX - box.left, 0), box.width),
        y: Math.min(Math.max(event.clientY - box.top, 0), box.height),
        w: box.width,
        h: box.height,
      };
    }
    img.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      img.setPointerCapture(event.pointerId);
      start = point(event);
      if (rect) rect.remove();
      rect = document.createElement("div");
      rect.className = "rel-draw";
      figure.appendChild(rect);
    });
    img.addEventListener("pointermove", function (event) {
      if (!start) return;
      var p = point(event);
      rect.style.left = img.offsetLeft + Math.min(start.x, p.x) + "px";
      rect.style.top = img.offsetTop + Math.min(start.y, p.y) + "px";
      rect.style.width = Math.abs(p.x - start.x) + "px";
      rect.style.height = Math.abs(p.y - start.y) + "px";
    });
    img.addEventListener("pointerup", function (event) {
      if (!start) return;
      var p = point(event);
      var sx = parseFloat(figure.dataset.width) / p.w;
      var sy = parseFloat(figure.dataset.height) / p.h;
      if (Math.abs(p.x - start.x) < 3 || Math.abs(p.y - start.y) < 3) {
        start = null;
        if (rect) { rect.remove(); rect = null; }
        return;
      }
      field("page").value = figure.dataset.page;
      field("x0").value = round(Math.min(start.x, p.x) * sx);
      field("y0").value = round(Math.min(start.y, p.y) * sy);
      field("x1").value = round(Math.max(start.x, p.x) * sx);
      field("y1").value = round(Math.max(start.y, p.y) * sy);
      start = null;
      form.classList.add("rel-filled");
      form.scrollIntoView({ behavior: "smooth", block: "center" });
      field("ground").focus({ preventScroll: true });
    });
  });
})();
