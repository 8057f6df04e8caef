// Overview and place pages: the incidents timeline and the trapped estimates, from the
// #timeline-data JSON the view hands over. The tables under each chart hold the same numbers.
(function () {
  "use strict";
  var source = document.getElementById("timeline-data");
  if (!source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var timeline = data.timeline;
  var numbers = new Intl.NumberFormat("en-GB");
  var colours = { killed: "#b2182b", injured: "#ef8a62", missing: "#8073ac", displaced: "#1b7837", trapped: "#2166ac" };
  var lineColours = ["#2166ac", "#b2182b", "#1b7837", "#8073ac", "#e08214", "#35978f"];

  function provenanceUrl(extra) {
    var url = new URL(data.provenance, window.location.href);
    Object.keys(extra).forEach(function (key) { url.searchParams.set(key, extra[key]); });
    return url.toString();
  }

  function edge(day, side) {
    return day ? Date.parse(day + "T00:00:00") + side * 12 * 3600 * 1000 : undefined;
  }

  function dayAxis() {
    return {
      // Half a day either side, so that the first and last day's bars are drawn whole.
      type: "time", offset: false, min: edge(data.start, -1), max: edge(data.end, 1),
      // Days for a few months; months (with the year) when the period runs longer.
      time: { minUnit: "day", tooltipFormat: "d MMM yyyy",
              displayFormats: { day: "d MMM", week: "d MMM", month: "MMM yyyy", quarter: "MMM yyyy", year: "yyyy" } },
      ticks: { maxRotation: 0, autoSkipPadding: 12 },
    };
  }

  // Bars per day for up to half a year; per week (from Monday) up to two years; per month beyond.
  var spanDays = data.start && data.end ? (Date.parse(data.end) - Date.parse(data.start)) / 86400000 + 1 : 0;
  var grouping = spanDays > 730 ? "month" : spanDays > 183 ? "week" : "day";

  function iso(time) { return new Date(time).toISOString().slice(0, 10); }

  function bucketOf(day) {
    if (grouping === "month") { return day.slice(0, 8) + "01"; }
    var time = Date.parse(day + "T00:00:00Z");
    var weekday = (new Date(time).getUTCDay() + 6) % 7;  // Monday 0
    return iso(time - weekday * 86400000);
  }

  function bucketEnd(first) {
    var time = Date.parse(first + "T00:00:00Z");
    if (grouping === "month") {
      var next = new Date(time); next.setUTCMonth(next.getUTCMonth() + 1);
      return iso(next.getTime() - 86400000);
    }
    return iso(time + 6 * 86400000);
  }

  function grouped(points) {
    if (grouping === "day") { return points; }
    var buckets = {}, order = [];
    points.forEach(function (p) {
      var key = bucketOf(p.date);
      if (!buckets[key]) { buckets[key] = { date: key, last: bucketEnd(key), low: 0, high: 0, incidents: 0 }; order.push(key); }
      buckets[key].low += p.low; buckets[key].high += p.high; buckets[key].incidents += p.incidents;
    });
    return order.map(function (key) { return buckets[key]; });
  }

  function incidentsConfig(series) {
    var points = grouped(timeline.incidents[series] || []);
    var kind = series.split("_")[0];
    var families = series.indexOf("_families") !== -1;
    var colour = colours[kind] || "#444444";
    var totals = (timeline.totals || []).filter(function (t) {
      return t.kind === kind && (t.unit === "families") === families;
    });
    return {
      type: "bar",
      data: {
        datasets: [
          { label: "Conservative figure", data: points.map(function (p) { return { x: p.date, y: p.low, point: p }; }),
            backgroundColor: colour, grouped: false, maxBarThickness: 28, order: 2 },
          { label: "Up to the highest figure reported",
            data: points.map(function (p) { return { x: p.date, y: [p.low, p.high], point: p }; }),
            backgroundColor: colour + "55", borderColor: colour, borderWidth: { top: 2, left: 0, right: 0, bottom: 0 },
            grouped: false, maxBarThickness: 28, order: 3 },
          { type: "scatter", label: "Reported running total (right axis)", yAxisID: "totals",
            data: totals.map(function (t) { return { x: t.date, y: t.value, total: t }; }),
            backgroundColor: "#1b1b1b", pointStyle: "rectRot", pointRadius: 6, pointHoverRadius: 8, order: 1 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "nearest", intersect: true },
        scales: {
          x: dayAxis(),
          y: { beginAtZero: true, title: { display: true, text: (families ? "families per " : "people per ") + grouping },
               ticks: { callback: function (v) { return numbers.format(v); } } },
          totals: { position: "right", beginAtZero: true, display: totals.length > 0, grid: { drawOnChartArea: false },
                    title: { display: true, text: "running totals" },
                    ticks: { callback: function (v) { return numbers.format(v); } } },
        },
        plugins: {
          legend: { position: "bottom", labels: { filter: function (entry, chartData) {
            return chartData.datasets[entry.datasetIndex].data.length > 0;
          } } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var raw = item.raw;
                if (raw.total) {
                  return "Total " + numbers.format(raw.total.value) + (raw.total.since ? " since " + raw.total.since : "") +
                    (raw.total.source ? " (" + raw.total.source + ")" : "");
                }
                var p = raw.point;
                var range = p.high !== p.low ? numbers.format(p.low) + "–" + numbers.format(p.high) : numbers.format(p.low);
                return range + " in " + p.incidents + " incident" + (p.incidents === 1 ? "" : "s") +
                  (p.last ? " (" + grouping + " of " + p.date + ")" : "");
              },
            },
          },
        },
        onClick: function (event, elements, chart) {
          if (!elements.length) { return; }
          var raw = chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
          if (!window.sitrepProvenance) { return; }
          if (raw.total) {
            // Running totals are dated by their report, as provenance dates them with cumulative=1.
            window.sitrepProvenance(provenanceUrl({ of: series, cumulative: "1", day: raw.total.date }));
          } else {
            window.sitrepProvenance(raw.point.last
              ? provenanceUrl({ of: series, cumulative: "0", date_after: raw.point.date, date_before: raw.point.last })
              : provenanceUrl({ of: series, cumulative: "0", day: raw.point.date }));
          }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
      },
    };
  }

  var canvas = document.getElementById("timeline-chart");
  var select = document.getElementById("series-select");
  var chart = null;
  function draw() {
    if (chart) { chart.destroy(); }
    chart = new window.Chart(canvas, incidentsConfig(select.value));
  }
  if (canvas && select) {
    select.addEventListener("change", draw);
    draw();
  }

  var trappedCanvas = document.getElementById("trapped-chart");
  if (trappedCanvas && timeline.trapped && timeline.trapped.length) {
    var byPlace = {};
    timeline.trapped.forEach(function (t) {
      var key = t.place_pcode || "";
      (byPlace[key] = byPlace[key] || { name: t.place_name || "Unplaced", points: [] }).points.push(t);
    });
    var datasets = Object.keys(byPlace).slice(0, lineColours.length).map(function (key, i) {
      return {
        label: byPlace[key].name, pcode: key, borderColor: lineColours[i], backgroundColor: lineColours[i],
        pointRadius: 5, pointHoverRadius: 7, tension: 0,
        // "Up to" estimates state no lower bound: they are the range's top (below), not a point of the line.
        data: byPlace[key].points.filter(function (t) { return t.value !== null; })
          .map(function (t) { return { x: t.date, y: t.value, estimate: t }; }),
      };
    });
    var upTo = timeline.trapped.filter(function (t) { return t.value === null; });
    if (upTo.length) {
      datasets.push({
        type: "scatter", label: "\"Up to\" estimates (the range's top)", pcode: "", borderColor: "#555555",
        backgroundColor: "#ffffff", pointStyle: "triangle", pointRadius: 6, pointHoverRadius: 8,
        data: upTo.map(function (t) { return { x: t.date, y: t.high, estimate: t }; }),
      });
    }
    new window.Chart(trappedCanvas, {
      type: "line",
      data: { datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: dayAxis(), y: { beginAtZero: true, title: { display: true, text: "people" },
                  ticks: { callback: function (v) { return numbers.format(v); } } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: function (item) {
            var t = item.raw.estimate;
            if (t.value === null) { return (t.place_name || "Unplaced") + ": up to " + numbers.format(t.high) + (t.source ? " (" + t.source + ")" : ""); }
            return item.dataset.label + ": " + numbers.format(t.value) + (t.high !== t.value ? "–" + numbers.format(t.high) : "") +
              (t.source ? " (" + t.source + ")" : "");
          } } },
        },
        onClick: function (event, elements, chart) {
          if (!elements.length || !window.sitrepProvenance) { return; }
          var dataset = chart.data.datasets[elements[0].datasetIndex];
          var t = dataset.data[elements[0].index].estimate;
          window.sitrepProvenance(provenanceUrl({ of: "trapped", day: t.date, at: t.place_pcode || dataset.pcode }));
        },
      },
    });
  }
})();
