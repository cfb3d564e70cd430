// Enlace's page behaviour where JavaScript runs; every page works without it.
(function () {
  'use strict';
  // A form's error summary is announced and focused first (GOV.UK "Error summary"): the page's on load,
  // and after an htmx swap only one the swap brought in, never one a swap elsewhere left alone (a
  // pending document's panel asks every 3 s: the person fixing a field would be pulled back to the top).
  function focusSummary(root) {
    var summary = root.matches && root.matches('[data-error-summary]') ? root : root.querySelector && root.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }
  // A print button where the page offers one (the dashboard): printing needs JavaScript to be asked for.
  function offerPrint() {
    var print = document.querySelector('[data-print]');
    if (print && print.hidden) {
      print.hidden = false;
      print.querySelector('button').addEventListener('click', function () {
        window.print();
      });
    }
  }
  // A page loaded after an action was done starts the keyboard on the notice that says so (GOV.UK
  // success banner), unless a refusal's summary has it or the address names where to land (a section
  // just saved, #section-facts): a screen reader reads the notice first, a keyboard goes on from it.
  function landOnDone() {
    var done = document.getElementById('done-notice');
    if (!done || document.querySelector('[data-error-summary]')) return;
    if (location.hash && document.getElementById(fragmentId())) return;
    done.focus();
  }
  // The address's fragment as an id: a fragment that is no percent-encoding (#%, a link cut short) is
  // read as typed, never thrown on.
  function fragmentId() {
    var raw = location.hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw;
    }
  }
  function loaded() {
    focusSummary(document);
    offerPrint();
    landOnDone();
  }
  // After htmx swapped a refused form back in, its error summary takes the focus too (htmx fires
  // afterSettle on each element the swap put in the page).
  document.addEventListener('htmx:afterSettle', function (event) {
    focusSummary(event.target);
    offerPrint();
  });
  // After htmx saved a section in the background, the keyboard stays where the person was: on the
  // notice that someone else changed the request, or on the section just saved, not back at the top.
  document.addEventListener('htmx:afterSettle', function (event) {
    if (document.querySelector('[data-error-summary]')) return;
    var conflict = event.target.querySelector && event.target.querySelector('#conflict-notice');
    if (conflict) return conflict.focus();
    var config = event.detail && event.detail.requestConfig;
    var match = config && /\/sections\/([\w-]+)$/.exec(config.path || '');
    var section = match && document.getElementById('section-' + match[1]);
    if (section) section.focus({ preventScroll: true });
  });
  // A background save that htmx does not swap in (a 403, a 500, a 503) or that never reached the server
  // is said in the page's alert region, in the page's language: without it nothing would change on
  // screen and the person would believe it saved. The error page's own reason (the form expired, the
  // liaison was revoked) is preferred where the answer is one.
  function showAlert(text) {
    var region = document.getElementById('request-alert');
    if (!region) return;
    region.textContent = '';
    var alert = document.createElement('div');
    alert.className = 'usa-alert usa-alert--error usa-alert--slim';
    var body = document.createElement('div');
    body.className = 'usa-alert__body';
    var p = document.createElement('p');
    p.className = 'usa-alert__text';
    p.textContent = text;
    body.appendChild(p);
    alert.appendChild(body);
    region.appendChild(alert);
    region.scrollIntoView({ block: 'nearest' });
  }
  function reasonOf(xhr) {
    var type = (xhr && xhr.getResponseHeader('Content-Type')) || '';
    if (type.indexOf('text/html') !== 0 || !xhr.responseText) return '';
    var intro = new DOMParser().parseFromString(xhr.responseText, 'text/html').querySelector('main .usa-intro');
    return intro ? intro.textContent.trim() : '';
  }
  document.addEventListener('htmx:responseError', function (event) {
    var region = document.getElementById('request-alert');
    if (!region) return;
    var xhr = event.detail && event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    var fallback = status === 503 ? region.dataset.unavailable : status >= 500 ? region.dataset.serverError : region.dataset.refused;
    showAlert(reasonOf(xhr) || fallback);
  });
  document.addEventListener('htmx:sendError', function () {
    var region = document.getElementById('request-alert');
    if (region) showAlert(region.dataset.network);
  });
  // A new save clears the last one's failure (a document's polling does not).
  document.addEventListener('htmx:beforeRequest', function (event) {
    var config = event.detail && event.detail.requestConfig;
    var region = document.getElementById('request-alert');
    if (region && config && config.verb !== 'get') region.textContent = '';
  });
  // htmx requests carry the page's CSRF token (its forms already do; buttons outside forms need it).
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('input[name="_csrf"]');
    if (token) event.detail.headers['X-CSRF-Token'] = token.value;
  });
  // The page's own start comes last: whatever it meets, the listeners above are already in place.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loaded);
  else loaded();
})();
