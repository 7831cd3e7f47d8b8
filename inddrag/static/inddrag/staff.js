// Staff pages: after htmx swaps a section, move focus where a keyboard or screen-reader user
// needs it — the first field with an error, or else the section's heading.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (!target || !target.querySelector) {
    return;
  }
  var invalid = target.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
    return;
  }
  var heading = target.querySelector("h2");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
