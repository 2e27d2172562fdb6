/* dipdiff HTML report: the filter and n/p navigation between changes. No network, no storage. */
(function () {
  "use strict";
  var bar = document.getElementById("bar");
  var rows = Array.prototype.slice.call(document.querySelectorAll("main .row"));
  var filter = document.getElementById("filter");
  var position = document.getElementById("position");
  var none = document.getElementById("none");
  var current = null;

  function matches(row, value) {
    if (value === "changes") {
      return row.getAttribute("data-change") === "1";
    }
    if (value.indexOf("shift:") === 0) {
      return row.getAttribute("data-shifts").split(" ").indexOf(value.slice(6)) >= 0;
    }
    return true;
  }

  function stops() {
    return rows.filter(function (row) {
      return !row.hidden && row.getAttribute("data-stop") === "1";
    });
  }

  function barHeight() {
    return bar.getBoundingClientRect().height;
  }

  function update() {
    var list = stops();
    var n = current ? list.indexOf(current) : -1;
    position.textContent = (n >= 0 ? n + 1 : "–") + " / " + list.length;
  }

  function select(row) {
    if (current) {
      current.classList.remove("current");
      current.removeAttribute("aria-current");
    }
    current = row;
    if (row) {
      row.classList.add("current");
      row.setAttribute("aria-current", "true");
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "start" });
    }
    update();
  }

  function step(delta) {
    var list = stops();
    if (!list.length) {
      return;
    }
    var n = current ? list.indexOf(current) : -1;
    if (n < 0) {
      // Nothing selected yet: start from what is on screen under the header.
      var top = barHeight() + 1;
      n = delta > 0 ? list.length - 1 : 0;
      for (var i = 0; i < list.length; i += 1) {
        var y = list[i].getBoundingClientRect().top;
        if (delta > 0 && y >= top) { n = i; break; }
        if (delta < 0 && y < top - 2) { n = i; }
      }
    } else {
      n = Math.min(Math.max(n + delta, 0), list.length - 1);
    }
    select(list[n]);
  }

  function applyFilter() {
    var value = filter.value;
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, value);
      shown += row.hidden ? 0 : 1;
    });
    none.hidden = shown > 0;
    document.body.setAttribute("data-filter", value);
    if (current && current.hidden) {
      select(null);
    } else {
      update();
    }
  }

  function fitBar() {
    document.documentElement.style.setProperty("--bar", barHeight() + "px");
  }

  filter.addEventListener("change", applyFilter);
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA)$/.test(target.tagName))) {
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "n" || key === "p") {
      event.preventDefault();
      step(key === "n" ? 1 : -1);
    }
  });
  window.addEventListener("resize", fitBar);
  fitBar();
  // A reloaded page may keep the chosen filter: apply whatever the control shows.
  applyFilter();
}());
