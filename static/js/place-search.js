// The place filter's autocomplete: as the analyst types a name (English or Arabic, any spelling the
// gazetteer knows), up to ten places from /places/search/ with their level, governorate and P-code.
// Choosing one fills in "Name (P-code, level in governorate)", which the server reads as that P-code.
// Without this script the server resolves the typed name itself.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-place-search");
    var timer = null, results = [], active = -1, request = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      results = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(place) {
      input.value = place.label;
      close();
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function span(className, text) {
      var element = document.createElement("span");
      element.className = className;
      element.textContent = text;
      return element;
    }

    function show(places) {
      list.textContent = "";
      results = places;
      active = -1;
      if (!places.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "No place of that name in the gazetteer";
        list.appendChild(none);
      }
      places.forEach(function (place, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.pcode = place.pcode;
        option.appendChild(span("name", place.name));
        if (place.name_ar) {
          var arabic = span("name-ar", place.name_ar);
          arabic.lang = "ar";
          arabic.dir = "rtl";
          option.appendChild(arabic);
        }
        var where = place.level_label;
        if (place.governorate && place.level !== "admin1") where += " in " + place.governorate + " governorate";
        option.appendChild(span("where", where + " · " + place.pcode));
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
          choose(place);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function lookup() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      var mine = ++request;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === request && document.activeElement === input) show(data.results || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { highlight(active + 1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { highlight(active - 1); event.preventDefault(); }
      else if (event.key === "Enter" && active >= 0 && results[active]) { choose(results[active]); event.preventDefault(); }
      else if (event.key === "Escape") { close(); event.preventDefault(); }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-place-search]").forEach(setup);
})();
