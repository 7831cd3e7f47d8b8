// The receipt: copy the private link, print the page. Without JavaScript the link is still
// there to select and copy, and the browser prints as usual; the buttons stay hidden.
document.addEventListener("DOMContentLoaded", function () {
  var status = document.querySelector(".copy-status");
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      function done(ok) {
        if (status) {
          status.textContent = status.getAttribute(ok ? "data-copied" : "data-failed");
        }
      }
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { done(true); },
          function () { done(document.execCommand("copy")); }
        );
      } else {
        done(document.execCommand("copy"));
      }
    });
  });
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
