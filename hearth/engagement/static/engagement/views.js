// Counts a visit of this post and shows its view figure. No cookies, no identifiers:
// the server keeps only a salted hash for the day. Prerendered pages wait until shown.
(function () {
  "use strict";
  var beacon = document.getElementById("view-beacon");
  if (!beacon) return;
  var url = beacon.getAttribute("data-url");
  var counter = document.querySelector("[data-view-count]");

  function show(answer) {
    if (!counter || !answer || typeof answer.views !== "number") return;
    counter.querySelector("[data-view-figure]").textContent =
      answer.views.toLocaleString("en-US") + (answer.views === 1 ? " view" : " views");
    counter.hidden = false;
  }

  function viaFetch() {
    return window.fetch(url, {
      method: "POST", keepalive: true, credentials: "same-origin", cache: "no-store",
      headers: { "Accept": "application/json" }
    }).then(function (response) { return response.ok ? response.json() : null; });
  }

  function send() {
    // sendBeacon cannot read an answer: when the figure is shown, fetch (keepalive)
    // carries the hit and brings the figure back, with sendBeacon as the fallback.
    if (counter && window.fetch) {
      viaFetch().then(show, function () {
        if (navigator.sendBeacon) navigator.sendBeacon(url);
      });
    } else if (!(navigator.sendBeacon && navigator.sendBeacon(url)) && window.fetch) {
      viaFetch().catch(function () {});
    }
  }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
