/* Counter intake: reload the table of papers when the procedure changes.
   Without this script the "Hiện thành phần hồ sơ" button does the same. */
(function () {
  "use strict";
  var select = document.getElementById("form-widgets-procedure");
  if (!select || !window.fetch || !window.DOMParser) {
    return;
  }
  var form = select.form;
  var latest = 0;

  function hideButton(hidden) {
    var button = form.querySelector(".counter-papers-show-wrap");
    if (button) {
      button.hidden = hidden !== false;
    }
  }

  function reload() {
    var params = new URLSearchParams({ procedure: select.value, ajax: "papers" });
    var ticket = ++latest;
    var url = window.location.pathname + "?" + params.toString();
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var current = document.getElementById("counter-papers");
        if (ticket !== latest || !current) {
          return; // an older answer
        }
        var fresh = new DOMParser()
          .parseFromString(html, "text/html")
          .getElementById("counter-papers");
        if (fresh) {
          current.replaceWith(document.importNode(fresh, true));
          hideButton();
        } else {
          hideButton(false); // no table came: the button still works
        }
      })
      .catch(function () { hideButton(false); });
  }

  hideButton();
  select.addEventListener("change", reload);
})();
