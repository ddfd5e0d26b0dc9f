// carepath serve: follows the plan file. The server sends an event whenever the file changes on
// disk; the page then fetches itself again and swaps in the new content, keeping focus and
// anything typed into a form.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var events = new EventSource("/events");
  events.addEventListener("changed", function (e) {
    if (e.data === document.body.dataset.version) return;
    fetch(location.pathname + location.search, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var active = document.activeElement;
        var typing = active && active.closest && active.closest("form");
        document.body.dataset.version = doc.body.dataset.version;
        var note = document.getElementById("changed");
        if (typing) {
          if (note) note.textContent = "The plan file changed on disk; saving this form will show the new version first.";
          return;
        }
        var main = document.getElementById("main");
        var fresh = doc.getElementById("main");
        if (main && fresh) main.innerHTML = fresh.innerHTML;
        if (note) note.textContent = "Updated: the plan file changed on disk.";
      });
  });
})();
