// The source of /embed.js, the notice other sites embed with
//   <script src="https://status.example.com/embed.js" async></script>
// It runs on someone else's page: no globals, no global CSS (everything lives in a shadow root),
// nothing shown while all is well, and it fails silently. Kept as plain browser JavaScript in a
// string so it is served byte for byte, without a bundler in between.
export const WIDGET_SOURCE = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var scriptUrl = new URL(script.src);
  var base = scriptUrl.origin + scriptUrl.pathname.replace(/\/embed\.js$/, '');
  var side = script.getAttribute('data-position') === 'bottom-left' ? 'left' : 'right';
  var storageKey = 'gatewatch-dismissed:' + base;
  var REFRESH_MS = 60000;
  var host = null;

  var COLORS = { critical: '#dc2626', major: '#ea580c', minor: '#ca8a04', none: '#64748b', maintenance: '#2563eb' };
  var LABELS = {
    investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
    postmortem: 'Postmortem', scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed'
  };
  var STYLE =
    ':host{all:initial}' +
    '.box{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483647;box-sizing:border-box;width:min(360px,calc(100vw - 32px));' +
    'padding:14px 40px 14px 16px;border-radius:10px;border-left:5px solid var(--accent);background:#fff;color:#0f172a;' +
    'box-shadow:0 10px 30px rgba(15,23,42,.25);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}' +
    '@media (prefers-color-scheme:dark){.box{background:#0f172a;color:#f1f5f9;box-shadow:0 10px 30px rgba(0,0,0,.6)}}' +
    '@media (prefers-reduced-motion:no-preference){.box{animation:in .25s ease-out}}' +
    '@keyframes in{from{opacity:0;transform:translateY(8px)}}' +
    '.kind{margin:0 0 2px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--accent)}' +
    '.name{margin:0;font-size:15px;font-weight:650}' +
    '.text{margin:4px 0 8px;opacity:.85;overflow-wrap:anywhere}' +
    'a{color:inherit;font-weight:600;text-decoration:underline}' +
    'button{position:absolute;top:8px;right:8px;width:28px;height:28px;border:0;border-radius:6px;background:transparent;' +
    'color:inherit;font:20px/1 system-ui,sans-serif;cursor:pointer;opacity:.7}' +
    'button:hover{opacity:1;background:rgba(100,116,139,.15)}' +
    'a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}';

  function plain(markdown) {
    var text = String(markdown || '').replace(/\n\s*[-+*]\s+/g, ' · ').replace(/[*_#>\x60]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
    return text.length > 160 ? text.slice(0, 157) + '…' : text;
  }

  /** The first incident, else maintenance in progress, that this visitor has not dismissed. */
  function pick(summary) {
    var found = (summary.incidents || []).map(function (incident) {
      return { kind: 'Incident', item: incident, color: COLORS[incident.impact] || COLORS.none };
    }).concat((summary.scheduled_maintenances || []).filter(function (m) {
      return m.status === 'in_progress' || m.status === 'verifying';
    }).map(function (maintenance) {
      return { kind: 'Maintenance in progress', item: maintenance, color: COLORS.maintenance };
    }));
    return found.filter(function (entry) { return !dismissed(entry.item); })[0] || null;
  }

  function stamp(item) { return item.id + ':' + item.updated_at; }
  function dismissedList() {
    try {
      var list = JSON.parse(localStorage.getItem(storageKey) || '[]');
      return Array.isArray(list) ? list : [];
    } catch (e) { return []; }
  }
  function dismissed(item) { return dismissedList().indexOf(stamp(item)) !== -1; }
  function dismiss(item) {
    try { localStorage.setItem(storageKey, JSON.stringify(dismissedList().concat(stamp(item)).slice(-20))); } catch (e) { /* private mode */ }
  }

  function remove() { if (host) { host.remove(); host = null; } }

  function show(found) {
    var item = found.item;
    var update = (item.incident_updates || [])[0];
    remove();
    host = document.createElement('gatewatch-status');
    var root = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = STYLE;
    var box = document.createElement('section');
    box.className = 'box';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', 'Service status');
    box.style.setProperty('--accent', found.color);
    var kind = document.createElement('p');
    kind.className = 'kind';
    kind.textContent = found.kind + (update ? ' · ' + (LABELS[update.status] || update.status) : '');
    var name = document.createElement('p');
    name.className = 'name';
    name.textContent = item.name;
    var text = document.createElement('p');
    text.className = 'text';
    text.textContent = update ? plain(update.body) : '';
    var link = document.createElement('a');
    link.href = base + '/incidents/' + encodeURIComponent(item.id);
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = 'View status';
    var close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('aria-label', 'Dismiss status notice');
    close.textContent = '×';
    close.addEventListener('click', function () {
      dismiss(item);
      remove();
      if (lastSummary) render(lastSummary);
    });
    root.append(style, box);
    document.body.appendChild(host);
    // Filled after it is in the page, so screen readers announce the live region's content.
    setTimeout(function () {
      box.append(kind, name);
      if (text.textContent) box.append(text);
      box.append(link, close);
    }, 100);
  }

  var lastSummary = null;

  function render(summary) {
    lastSummary = summary;
    var found = pick(summary);
    if (!found) remove();
    else if (!host || host.getAttribute('data-stamp') !== stamp(found.item)) {
      show(found);
      host.setAttribute('data-stamp', stamp(found.item));
    }
  }

  function load() {
    // Revalidated every time (a 304 while nothing changed), so a resolved incident leaves at once.
    fetch(base + '/api/v2/summary.json', { credentials: 'omit', cache: 'no-cache' })
      .then(function (response) { return response.ok ? response.json() : null; })
      // No answer (offline, blocked, a proxy's error page): keep showing what was shown.
      .then(function (summary) { if (summary) render(summary); }, function () {});
  }

  function start() {
    load();
    setInterval(function () { if (!document.hidden) load(); }, REFRESH_MS);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) load(); });
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
`;
