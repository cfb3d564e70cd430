// Enlace's page behaviour where JavaScript runs; every page works without it.
(function () {
  'use strict';
  function ready() {
    // A form's error summary is announced and focused first (GOV.UK "Error summary").
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
    // A print button where the page offers one (the dashboard): printing needs JavaScript to be asked for.
    var print = document.querySelector('[data-print]');
    if (print && print.hidden) {
      print.hidden = false;
      print.querySelector('button').addEventListener('click', function () {
        window.print();
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  // After htmx swapped a refused form back in, its error summary takes the focus too.
  document.addEventListener('htmx:afterSettle', ready);
  // After htmx saved a section in the background, the keyboard stays where the person was: on the
  // notice that someone else changed the request, or on the section just saved, not back at the top.
  document.addEventListener('htmx:afterSettle', function (event) {
    if (document.querySelector('[data-error-summary]')) return;
    var conflict = document.getElementById('conflict-notice');
    if (conflict) return conflict.focus();
    var config = event.detail && event.detail.requestConfig;
    var match = config && /\/sections\/([\w-]+)$/.exec(config.path || '');
    var section = match && document.getElementById('section-' + match[1]);
    if (section) section.focus({ preventScroll: true });
  });
  // htmx requests carry the page's CSRF token (its forms already do; buttons outside forms need it).
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('input[name="_csrf"]');
    if (token) event.detail.headers['X-CSRF-Token'] = token.value;
  });
})();
