// carepath serve: the page follows the plan file. It asks the server for the next version of the
// file (the answer waits until there is one) and, when it comes, fetches this page again and puts
// its content in place: no reload, the keyboard focus kept where it can be. A form someone has
// started typing in is left alone: a note says the file changed, and saving it will be refused
// with the new version shown, so nothing typed is lost silently.
(function () {
  "use strict";
  var body = document.body;
  var note = document.getElementById("changed");
  var dirty = false;
  document.addEventListener("input", function (e) {
    if (e.target && e.target.closest && e.target.closest("form.edit")) dirty = true;
  });
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function say(text) { if (note) note.textContent = text; }
  async function refresh(v) {
    if (dirty) {
      body.dataset.version = v;
      say("The plan file changed on disk. Saving this form will show you the new version first.");
      return;
    }
    var r = await fetch(location.pathname + location.search, { cache: "no-store", credentials: "same-origin" });
    if (!r.ok && r.status !== 422) return;
    var doc = new DOMParser().parseFromString(await r.text(), "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) return;
    var focused = document.activeElement && document.activeElement.id;
    main.innerHTML = fresh.innerHTML;
    body.dataset.version = doc.body.dataset.version || v;
    document.title = doc.title;
    if (focused) {
      var again = document.getElementById(focused);
      if (again) again.focus();
    }
    say("Updated from the plan file at " + new Date().toLocaleTimeString() + ".");
  }
  async function follow() {
    for (;;) {
      try {
        var r = await fetch("/events?v=" + encodeURIComponent(body.dataset.version), { cache: "no-store", credentials: "same-origin" });
        if (!r.ok) { await sleep(2000); continue; }
        var v = (await r.text()).trim();
        if (v && v !== body.dataset.version) await refresh(v);
      } catch (e) {
        await sleep(2000);
      }
    }
  }
  follow();
})();
