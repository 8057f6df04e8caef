// Provenance panel: links marked data-provenance open the figures and quotes behind a number beside
// the page instead of leaving it. Without JavaScript the same links open the full provenance page.
(function () {
  "use strict";
  var panel = document.getElementById("provenance-panel");
  var layout = document.getElementById("provenance-layout");

  function open(href) {
    if (!panel) { window.location.href = href; return; }
    var url = new URL(href, window.location.href);
    url.searchParams.set("partial", "1");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        // The server renders and escapes this fragment; it carries no script.
        panel.innerHTML = html;
        var close = document.createElement("button");
        close.type = "button";
        close.className = "button secondary";
        close.textContent = "Close";
        close.addEventListener("click", function () {
          panel.hidden = true;
          panel.innerHTML = "";
          if (layout) { layout.classList.remove("has-panel"); }
        });
        panel.insertBefore(close, panel.firstChild);
        panel.hidden = false;
        if (layout) { layout.classList.add("has-panel"); }
        var heading = panel.querySelector("h2");
        if (heading) { heading.focus(); }
        if (window.matchMedia("(max-width: 60rem)").matches) { panel.scrollIntoView({ behavior: "smooth" }); }
      })
      .catch(function () { window.location.href = href; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-provenance]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    open(link.href);
  });

  window.sitrepProvenance = open;
})();
