/* Reading: the map and timeline follow the section in view; deep links and hover show their places.
   Everything is in the HTML already; this only adds and removes highlight classes. */
(function () {
  "use strict";

  var map = document.querySelector("[data-map]");
  if (!map || !("IntersectionObserver" in window) || !window.Element.prototype.closest) {
    return;
  }
  document.documentElement.classList.add("ex-js");
  function smoothFromNowOn() {
    window.requestAnimationFrame(function () { document.documentElement.classList.add("ex-smooth"); });
  }
  if (document.readyState === "complete") {
    smoothFromNowOn();
  } else {
    window.addEventListener("load", smoothFromNowOn);
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-section]"));
  var status = map.querySelector("[data-map-status]");
  var HOVERABLE = "[data-place-link], [data-timeline-event], a[data-places]";
  var inView = [];   /* sections crossing the reading line, in document order */
  var chosen = null; /* the section a link (#section) asked for, preferred while it is in view */
  var linked = null; /* the state a deep link (#event-…, #place-…) asked for, shown when no section is */
  var hoverEl = null; /* the event or place link under the pointer or focus, and its state */
  var hovered = null;
  var tapped = null; /* on phones: the state a tapped place or event link shows, until the reader goes back */
  var marked = [];   /* elements carrying a highlight class now */

  /* The id a URL fragment names; a malformed escape (#%, #%zz) names none, rather than throwing. */
  function fragmentId() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return "";
    }
  }

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function placeLabel(id) {
    return map.querySelector('[data-place="' + id + '"] text');
  }

  /* A copy of what `el` says, for the status line: an edition's untranslated words keep their lang and dir there. */
  function piece(el) {
    var span = document.createElement("span");
    Array.prototype.forEach.call(el.childNodes, function (node) { span.appendChild(node.cloneNode(true)); });
    if (el.hasAttribute("lang")) {  /* a map label */
      span.setAttribute("lang", el.getAttribute("lang"));
      if (el.hasAttribute("direction")) {
        span.setAttribute("dir", el.getAttribute("direction"));
      }
    }
    return span;
  }

  /* A state: the places and routes lit on the map, the items marked elsewhere, a one-line description. */
  function sectionState(section) {
    var theme = section.getAttribute("data-section");
    return {
      places: words(section.getAttribute("data-places")),
      theme: theme,
      items: [section].concat(
        Array.prototype.slice.call(document.querySelectorAll('[data-timeline-event][data-theme="' + theme + '"], [data-timeline-axis] [data-theme="' + theme + '"]'))
      ),
      label: section.querySelector("h2")
    };
  }

  function eventState(item) {
    return {
      places: words(item.getAttribute("data-places")),
      theme: null,
      items: [item],
      label: item.querySelector("h4")
    };
  }

  function placeState(id, item) {
    return { places: [id], theme: null, items: item ? [item] : [], label: null };
  }

  function stateFor(el) {
    if (!el) {
      return null;
    }
    if (el.hasAttribute("data-section")) {
      return sectionState(el);
    }
    if (el.hasAttribute("data-timeline-event")) {
      return eventState(el);
    }
    if (el.hasAttribute("data-place-link")) {
      return placeState(el.getAttribute("data-place-link"), null);
    }
    if (el.hasAttribute("data-place") && !map.contains(el)) {
      return placeState(el.getAttribute("data-place"), el);
    }
    if (el.hasAttribute("data-places")) {
      return { places: words(el.getAttribute("data-places")), theme: null, items: [], label: el };
    }
    return null;
  }

  function mark(el, name) {
    el.classList.add(name);
    marked.push([el, name]);
  }

  function render() {
    var current = inView.indexOf(chosen) !== -1 ? chosen : inView[inView.length - 1];
    var state = hovered || tapped || (current ? sectionState(current) : linked);
    marked.forEach(function (pair) { pair[0].classList.remove(pair[1]); });
    marked = [];
    if (!state) {
      status.textContent = "";
      return;
    }
    state.places.forEach(function (id) {
      var group = map.querySelector('g[data-place="' + id + '"]');
      if (group) {
        mark(group, "is-highlighted");
      }
    });
    if (state.theme) {
      Array.prototype.forEach.call(map.querySelectorAll('g[data-route][data-theme="' + state.theme + '"]'), function (route) {
        mark(route, "is-highlighted");
      });
    }
    state.items.forEach(function (el) { mark(el, "is-current"); });
    /* The label, then the places' names, between the language's colon and list separator where they are not English's. */
    var names = state.places.map(placeLabel).filter(function (el) { return text(el); });
    var shown = state.label && text(state.label) ? [state.label].concat(names) : names;
    status.textContent = "";
    shown.forEach(function (el, i) {
      if (i) {
        var between = i === 1 && shown[0] === state.label ? status.getAttribute("data-colon") || ": " : status.getAttribute("data-separator") || ", ";
        status.appendChild(document.createTextNode(between));
      }
      status.appendChild(piece(el));
    });
  }

  /* The reading band runs from 10% to 34% down the viewport; the last section to reach it is current
     (or the one a link asked for, while it is still in the band). */
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var at = inView.indexOf(entry.target);
      if (entry.isIntersecting && at === -1) {
        inView.push(entry.target);
      } else if (!entry.isIntersecting && at !== -1) {
        inView.splice(at, 1);
      }
    });
    inView.sort(function (a, b) { return sections.indexOf(a) - sections.indexOf(b); });
    render();
  }, { rootMargin: "-10% 0px -66% 0px" });
  sections.forEach(function (section) { observer.observe(section); });

  /* Deep links: #section, #event-…, #place-… land with the map showing what they point to. */
  function follow() {
    var id = fragmentId();
    var target = id && document.getElementById(id);
    var isSection = Boolean(target && target.hasAttribute("data-section"));
    chosen = isSection ? target : null;
    linked = target && !isSection ? stateFor(target) : null;
    render();
  }
  window.addEventListener("hashchange", follow);
  follow();

  /* Pointer or keyboard focus on an event or a place link shows its places, then the map goes back. */
  function hover(event) {
    var el = event.target.closest ? event.target.closest(HOVERABLE) : null;
    if (el && map.contains(el)) {
      el = null;
    }
    if (el !== hoverEl) {
      hoverEl = el;
      hovered = stateFor(el);
      render();
    }
  }
  function leave(event) {
    if (!event.relatedTarget && hoverEl) {
      hoverEl = null;
      hovered = null;
      render();
    }
  }
  /* Phones: the map is not beside the text, so a tapped place or event link lights its places on the map,
     brings the map into view and offers the way back to the link. Without JavaScript the link goes to its list. */
  var back = document.createElement("button");
  var returnTo = null;
  back.type = "button";
  back.className = "ex-map-back";
  back.setAttribute("data-map-back", "");
  back.textContent = map.getAttribute("data-back");
  back.hidden = true;
  map.insertBefore(back, status);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-place-link], a[data-places]") : null;
    if (!link || map.contains(link) || window.getComputedStyle(map).position === "sticky") {
      return;
    }
    event.preventDefault();
    returnTo = link;
    tapped = stateFor(link);
    render();
    back.hidden = false;
    map.scrollIntoView({ block: "start" });
  });
  back.addEventListener("click", function () {
    back.hidden = true;
    tapped = null;
    render();
    if (returnTo) {
      returnTo.scrollIntoView({ block: "center" });
      returnTo.focus({ preventScroll: true });
    }
  });

  document.addEventListener("mouseover", hover);
  document.addEventListener("focusin", hover);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
})();
