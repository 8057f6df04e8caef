// Review queue keys: j/k move, v verify, r reject, c correct. The buttons work without this script.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  if (!items.length) return;
  var KEY = "sitrep-review-position";
  var current = 0;

  function select(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) {
      item.classList.toggle("current", i === current);
      item.setAttribute("aria-current", i === current ? "true" : "false");
    });
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }

  function submit(selector) {
    var form = items[current].querySelector(selector);
    if (!form) return;
    // After the page reloads the reviewed item is gone, so the next one sits at the same position.
    try { sessionStorage.setItem(KEY, String(current)); } catch (e) { /* private mode: start at the top */ }
    form.submit();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "v": submit("form.review-verify"); break;
      case "r": submit("form.review-reject"); break;
      case "c": window.location.href = items[current].querySelector("a.review-correct").href; break;
      default: return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, i) {
    item.addEventListener("click", function () { select(i); });
  });

  var saved = 0;
  try { saved = parseInt(sessionStorage.getItem(KEY) || "0", 10) || 0; sessionStorage.removeItem(KEY); } catch (e) { saved = 0; }
  select(saved);
})();
