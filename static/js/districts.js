// Districts page: the map (district boundaries served by Sitrep, no tile server) coloured by the
// chosen figure, and the sortable table. Clicking a district opens its place page.
(function () {
  "use strict";
  var numbers = new Intl.NumberFormat("en-GB");
  var source = document.getElementById("map-data");
  var mapElement = document.getElementById("district-map");
  var palette = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  var noneColour = "#f2f2f2";

  function classBreaks(values) {
    var max = Math.max.apply(null, values.concat([0]));
    if (max <= 0) { return []; }
    // Five equal steps up to the largest value, rounded up to readable numbers.
    return palette.map(function (_, i) { return Math.ceil(max * (i + 1) / palette.length); });
  }

  function colourFor(value, breaks) {
    if (!value) { return noneColour; }
    for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { return palette[i]; } }
    return palette[palette.length - 1];
  }

  if (source && mapElement && window.L) {
    var data = JSON.parse(source.textContent);
    var figure = data.figure;
    var values = data.values;
    var lows = Object.keys(values).map(function (p) { return (values[p][figure] || [0])[0]; });
    var breaks = classBreaks(lows);
    var map = window.L.map(mapElement, { zoomSnap: 0.25, attributionControl: true, keyboard: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: OCHA (HDX)");

    fetch(data.boundaries, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = window.L.geoJSON(collection, {
          style: function (feature) {
            var row = values[feature.properties.pcode] || {};
            var pair = row[figure];
            return { color: "#555", weight: 1, fillOpacity: 0.85, fillColor: colourFor(pair ? pair[0] : 0, breaks) };
          },
          onEachFeature: function (feature, path) {
            var pcode = feature.properties.pcode;
            var pair = (values[pcode] || {})[figure];
            var text = feature.properties.name + ": " + (pair && pair[1]
              ? (pair[0] === pair[1] ? numbers.format(pair[0]) : numbers.format(pair[0]) + "–" + numbers.format(pair[1]))
              : "none reported");
            // A string would be set as HTML; a place name is text, whatever characters it holds.
            var tip = document.createElement("span");
            tip.textContent = text;
            path.bindTooltip(tip, { sticky: true });
            path.on("click", function () { window.location.href = data.place_url.replace("PCODE", pcode) + (data.query ? "?" + data.query : ""); });
            path.on("mouseover", function () { path.setStyle({ weight: 3 }); });
            path.on("mouseout", function () { path.setStyle({ weight: 1 }); });
          },
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        mapElement.dataset.ready = "true";
      });

    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = window.L.DomUtil.create("div", "map-legend");
      var title = document.createElement("strong");
      title.textContent = data.figure_label + " (conservative)";
      box.appendChild(title);
      var entries = [[noneColour, "none reported"]];
      breaks.forEach(function (upper, i) {
        var lower = i === 0 ? 1 : breaks[i - 1] + 1;
        if (upper >= lower) { entries.push([palette[i], numbers.format(lower) + (upper > lower ? "–" + numbers.format(upper) : "")]); }
      });
      entries.forEach(function (entry) {
        var line = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = entry[0];
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(entry[1]));
        box.appendChild(line);
      });
      return box;
    };
    legend.addTo(map);

    var select = document.getElementById("figure-select");
    if (select) {
      // Changing the figure reloads with it in the URL, so the view stays shareable.
      select.addEventListener("change", function () { select.form.submit(); });
    }
  }

  // Sortable table: sorting puts every district in one list (the governorate stays in its column).
  var table = document.getElementById("district-table");
  if (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var numeric = button.dataset.sort === "number";
        var ascending = th.getAttribute("aria-sort") === "descending" || (th.getAttribute("aria-sort") === "none" && !numeric);
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var bodies = table.querySelectorAll("tbody:not(.totals)");
        var rows = [];
        bodies.forEach(function (body) {
          body.querySelectorAll("tr").forEach(function (row) {
            if (row.classList.contains("group")) { row.hidden = true; } else { rows.push(row); }
          });
        });
        function key(row) {
          var value = row.children[column].dataset.value || "";
          return numeric ? parseFloat(value) : value.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { bodies[0].appendChild(row); });
      });
    });
  }
})();
