/* 要闻 carousel on the portal's home page (templates/portal/home.html).
   Without this file the slides are a horizontal scroll-snap list with numbered links.
   With it: previous/next buttons, a pause button, the arrow keys, and a turn every 7 s that
   stops while the pointer or the keyboard focus is inside, after a press of 暂停, and never
   starts when the visitor prefers reduced motion (WCAG 2.2.2). No inline script (CSP). */
(function () {
  "use strict";
  var INTERVAL = 7000;

  function setup(root) {
    var track = root.querySelector("[data-carousel-track]");
    var slides = Array.prototype.slice.call(root.querySelectorAll(".carousel-slide"));
    var dots = Array.prototype.slice.call(root.querySelectorAll("[data-carousel-dot]"));
    var prev = root.querySelector("[data-carousel-prev]");
    var next = root.querySelector("[data-carousel-next]");
    var pause = root.querySelector("[data-carousel-pause]");
    if (!track || slides.length < 2) return;
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var paused = reduce; // the visitor's choice (or reduced motion): no automatic turn
    var hold = false; // pointer or focus inside
    var timer = null;

    function current() {
      var width = track.clientWidth || 1;
      return Math.max(0, Math.min(slides.length - 1, Math.round(track.scrollLeft / width)));
    }
    function go(index) {
      var n = (index + slides.length) % slides.length;
      track.scrollTo({ left: n * track.clientWidth, behavior: reduce ? "auto" : "smooth" });
      mark(n);
    }
    function mark(n) {
      dots.forEach(function (dot, i) {
        if (i === n) dot.setAttribute("aria-current", "true");
        else dot.removeAttribute("aria-current");
      });
    }
    function tick() {
      if (!paused && !hold && !document.hidden) go(current() + 1);
    }
    function showPaused() {
      pause.textContent = paused ? pause.dataset.labelPlay : pause.dataset.labelPause;
      pause.setAttribute("aria-pressed", paused ? "true" : "false");
    }

    [prev, next, pause].forEach(function (b) { if (b) b.hidden = false; });
    root.classList.add("carousel-js");
    prev.addEventListener("click", function () { go(current() - 1); });
    next.addEventListener("click", function () { go(current() + 1); });
    pause.addEventListener("click", function () { paused = !paused; showPaused(); });
    dots.forEach(function (dot, i) {
      dot.addEventListener("click", function (event) { event.preventDefault(); go(i); });
    });
    root.addEventListener("keydown", function (event) {
      if (event.target.closest("button")) return;
      if (event.key === "ArrowLeft") { event.preventDefault(); go(current() - 1); }
      if (event.key === "ArrowRight") { event.preventDefault(); go(current() + 1); }
    });
    root.addEventListener("mouseenter", function () { hold = true; });
    root.addEventListener("mouseleave", function () { hold = false; });
    root.addEventListener("focusin", function () { hold = true; });
    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) hold = false;
    });
    track.addEventListener("scroll", function () { mark(current()); }, { passive: true });
    mark(0);
    showPaused();
    timer = window.setInterval(tick, INTERVAL);
    root.dataset.carouselReady = timer ? "1" : "0";
  }

  document.querySelectorAll("[data-carousel]").forEach(setup);
})();
