// The error pages' script: a copy written to the proxy's disk may be hours old, so where the host
// allows scripts it reads the status page's live summary.json (open CORS) on load and every minute
// while shown. When the active incidents and windows are the ones the page was written with, only
// the time changes; otherwise it says what is going on now, in the words the page uses (summary.json
// does not tell a deploy from other planned work: a window is "planned work" here). Text only
// (textContent): nothing from the JSON becomes markup. Plain browser JavaScript in a string, served
// byte for byte (its hash is in the page's Content-Security-Policy).
export const ERROR_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var box = document.querySelector('section[data-summary]');
  if (!box || !window.fetch) return;
  var live = document.getElementById('gw-live');
  var asOf = document.getElementById('gw-as-of');
  var LABELS = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', in_progress: 'In progress', verifying: 'Verifying' };
  var time = function (iso) {
    return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  };
  var latest = function (incident) {
    var update = (incident.incident_updates || [])[0];
    if (!update) return null;
    // Markdown as plain words: links keep their text, marks go.
    var text = String(update.body || '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_\`#>~]+/g, '')
      .split(/\n+/).map(function (line) { return line.replace(/^\s*(?:[-+]|\d+\.)\s+/, '').replace(/\s+/g, ' ').trim(); })
      .filter(Boolean).map(function (line) { return /[.!?:;\u2026]$/.test(line) ? line : line + '.'; }).join(' ');
    if (text.length > 280) text = text.slice(0, 279) + '\u2026';
    return (LABELS[update.status] || update.status) + ' at ' + time(update.display_at || update.created_at) + ': ' + text;
  };
  var show = function (tone, headline, detail) {
    box.className = 'status t-' + tone;
    var lines = [headline].concat(detail ? [detail] : []);
    live.textContent = '';
    lines.forEach(function (line, index) {
      var p = document.createElement('p');
      if (index === 0) p.className = 'headline';
      p.textContent = line;
      live.appendChild(p);
    });
  };
  var check = function () {
    if (document.hidden) return;
    fetch(box.getAttribute('data-summary'), { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (summary) {
        if (!summary || !summary.status) return;
        var windows = (summary.scheduled_maintenances || []).filter(function (m) { return m.status === 'in_progress' || m.status === 'verifying'; });
        var incidents = summary.incidents || [];
        var fingerprint = windows.concat(incidents).map(function (i) { return i.id + ':' + i.status + ':' + (((i.incident_updates || [])[0] || {}).id || ''); }).sort().join(',');
        if (fingerprint !== box.getAttribute('data-fingerprint')) {
          box.setAttribute('data-fingerprint', fingerprint);
          if (windows.length) {
            var w = windows[0];
            show('maintenance', 'Planned work is in progress: ' + w.name + (w.scheduled_until ? ', planned to end by ' + time(w.scheduled_until) : '') + '.', latest(w));
          } else if (incidents.length) {
            var more = incidents.length > 1 ? ' (and ' + (incidents.length - 1) + ' more)' : '';
            show(summary.status.indicator, 'The team knows about it: ' + incidents[0].name + more + '.', latest(incidents[0]));
          } else {
            show(summary.status.indicator, 'The status page shows ' + String(summary.status.description).toLowerCase() + '.',
              'The team may not know about this problem yet: if it goes on, tell them.');
          }
        }
        asOf.textContent = 'Checked live at ' + time(new Date().toISOString());
      })
      .catch(function () {});
  };
  check();
  setInterval(check, 60000);
})();`;
