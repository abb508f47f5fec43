/* Search as you type on the kiosk: the server renders (and escapes) the results. */
(function () {
  "use strict";
  var input = document.getElementById("kiosk-q");
  var results = document.getElementById("kiosk-results");
  if (!input || !results || !window.fetch) {
    return;
  }
  var form = input.form;
  var timer = null;
  var latest = 0;

  function search() {
    var query = input.value.trim();
    var params = new URLSearchParams({ q: query, ajax: "1" });
    var ticket = ++latest;
    var url = form.getAttribute("action") + "?" + params.toString();
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (ticket !== latest) {
          return; // an older answer arrived after a newer one
        }
        results.innerHTML = html;
        var clean = new URLSearchParams({ q: query });
        window.history.replaceState(null, "", form.getAttribute("action") + "?" + clean.toString());
      })
      .catch(function () { /* keep the last results; the form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
})();
