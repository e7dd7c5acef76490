// Proof of work for a public form (hearth/core/proof_of_work.py, the ALTCHA v1 scheme):
// fetch a challenge from this site, find the number whose SHA-256 with the salt matches,
// and put the answer in the form's hidden field. Nothing to see or click; a form sent
// before the answer is found waits for it. No request leaves this site.
(function () {
  "use strict";
  var BATCH = 200;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var start = 0; start <= challenge.maxNumber; start += BATCH) {
      var tries = [];
      for (var n = start; n < start + BATCH && n <= challenge.maxNumber; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n)));
      }
      var digests = await Promise.all(tries);
      for (var k = 0; k < digests.length; k++) {
        if (hex(digests[k]) === challenge.challenge) return start + k;
      }
    }
    return null;
  }

  async function answer(url) {
    var response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    var challenge = await response.json();
    var number = await solve(challenge);
    if (number === null) return "";
    return btoa(JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: number,
      salt: challenge.salt,
      signature: challenge.signature
    }));
  }

  function guard(field) {
    if (field.dataset.proofStarted) return;
    field.dataset.proofStarted = "1";
    var form = field.form;
    var ready = answer(field.dataset.proofUrl).then(
      function (value) { field.value = value; },
      function () { field.value = ""; } // the server then asks to send again
    );
    form.addEventListener("submit", function (event) {
      if (field.value || form.dataset.proofWaited) return;
      event.preventDefault();
      var submitter = event.submitter;
      form.setAttribute("aria-busy", "true");
      ready.then(function () {
        form.dataset.proofWaited = "1";
        form.removeAttribute("aria-busy");
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      });
    });
  }

  if (!(window.crypto && crypto.subtle && window.fetch && window.Promise)) return;
  document.querySelectorAll("input[data-proof-url]").forEach(guard);
})();
