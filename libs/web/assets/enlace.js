// Enlace's page behaviour where JavaScript runs; every page works without it.
(function () {
  'use strict';
  function ready() {
    // A form's error summary is announced and focused first (GOV.UK "Error summary").
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  // After htmx swapped a refused form back in, its error summary takes the focus too.
  document.addEventListener('htmx:afterSettle', ready);
  // htmx requests carry the page's CSRF token (its forms already do; buttons outside forms need it).
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('input[name="_csrf"]');
    if (token) event.detail.headers['X-CSRF-Token'] = token.value;
  });
})();
