// Show times in the visitor's own zone: pick the browser's zone when the page
// was opened without one chosen. Everything works without this script.
(function () {
  var select = document.querySelector("select[data-detect-zone]");
  if (!select || window.location.search.indexOf("tz=") !== -1) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  var found = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
  if (!found) { var option = new Option(zone.replace(/_/g, " "), zone); select.add(option, 0); }
  select.value = zone;
})();
