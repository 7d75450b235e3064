/* Timeline: filter events by theme with real toggle buttons; the filter lives in ?theme=. */
(function () {
  "use strict";

  var root = document.querySelector("[data-timeline]");
  var toolbar = root && root.querySelector("[data-timeline-filter]");
  if (!toolbar || !window.history.replaceState) {
    return;
  }
  var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("[data-theme-filter]"));
  var events = Array.prototype.slice.call(root.querySelectorAll("[data-timeline-event]"));
  var years = Array.prototype.slice.call(root.querySelectorAll("[data-timeline-year]"));
  var marks = Array.prototype.slice.call(root.querySelectorAll("[data-timeline-axis] [data-theme]"));
  var status = toolbar.querySelector("[data-timeline-status]");
  var themes = buttons.map(function (button) { return button.getAttribute("data-theme-filter"); });
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function known(theme) {
    return theme && themes.indexOf(theme) !== -1 ? theme : "";
  }

  function show(theme) {
    var count = 0;
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-theme-filter") === theme));
    });
    events.forEach(function (item) {
      item.hidden = theme !== "" && item.getAttribute("data-theme") !== theme;
      count += item.hidden ? 0 : 1;
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector("[data-timeline-event]:not([hidden])");
    });
    marks.forEach(function (mark) {
      if (theme !== "" && mark.getAttribute("data-theme") !== theme) {
        mark.setAttribute("data-dimmed", "");
      } else {
        mark.removeAttribute("data-dimmed");
      }
    });
    /* The page holds the message in each CLDR plural category of its language (data-one, data-few, ...). */
    var lang = document.documentElement.lang;
    var category = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(count) : (count === 1 ? "one" : "other");
    var text = status.getAttribute("data-" + category) || status.getAttribute("data-other");
    status.textContent = text.replace("{n}", count.toLocaleString(lang));
  }

  function remember(theme) {
    var url = new URL(window.location.href);
    if (theme) {
      url.searchParams.set("theme", theme);
    } else {
      url.searchParams.delete("theme");
    }
    window.history.replaceState(window.history.state, "", url.href);
  }

  function choose(theme) {
    show(theme);
    remember(theme);
  }

  /* A link to an event the filter hides (from the axis, a section or the map) clears the filter. */
  function revealTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) { /* a malformed escape (#%) names no event */
      return;
    }
    var target = id && document.getElementById(id);
    if (target && root.contains(target) && target.closest("[hidden]")) {
      choose("");
      target.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
    }
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      choose(button.getAttribute("data-theme-filter"));
    });
  });
  window.addEventListener("hashchange", revealTarget);

  var requested = new URL(window.location.href).searchParams.get("theme");
  show(known(requested));
  if (requested !== null && !known(requested)) {
    remember("");
  }
  toolbar.hidden = false;
  revealTarget();
})();
