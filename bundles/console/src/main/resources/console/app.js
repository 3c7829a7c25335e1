'use strict';
// The Mica console: plain JavaScript over the REST API at /api (see /api/openapi.json).

const state = { csrf: null, user: null, role: null, timers: [], app: null, logAfter: 0, logStream: null, filesPath: '' };
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function say(text, isError) {
  const m = $('message');
  m.textContent = text || '';
  m.className = isError ? 'error' : '';
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : 'HTTP ' + status);
    this.status = status;
    this.reasons = (body && body.reasons) || [];
  }
}

async function api(method, path, body, raw) {
  const options = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') options.headers['X-CSRF-Token'] = state.csrf || '';
  if (body !== undefined) {
    if (raw) {
      options.headers['Content-Type'] = 'application/octet-stream';
      options.body = body;
    } else {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
  }
  const response = await fetch('/api' + path, options);
  const type = response.headers.get('Content-Type') || '';
  const result = type.startsWith('application/json') ? await response.json() : await response.arrayBuffer();
  if (response.status === 401 && path !== '/login') {
    showLogin();
  }
  if (!response.ok) throw new ApiError(response.status, result);
  return result;
}

function failed(error) {
  const reasons = error.reasons && error.reasons.length ? ': ' + error.reasons.join('; ') : '';
  say(error.message + reasons, true);
}

function clearTimers() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  stopLogStream();
}

function every(ms, fn) {
  fn();
  state.timers.push(setInterval(fn, ms));
}

function showLogin() {
  clearTimers();
  state.csrf = null;
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('whoami').textContent = '';
  document.querySelectorAll('.page').forEach((p) => { p.hidden = true; });
  $('login').hidden = false;
}

function loggedIn(session) {
  state.csrf = session.csrfToken;
  state.user = session.user;
  state.role = session.role;
  $('login').hidden = true;
  $('nav').hidden = false;
  $('logout').hidden = false;
  $('whoami').textContent = session.user + ' (' + session.role + ')';
  document.body.dataset.role = session.role;
  route();
}

const pages = { dashboard: showDashboard, apps: showApps, files: showFiles, bundles: showBundles, config: showConfig,
  board: showBoard, repl: () => replTerminal.show(), users: showUsers };

function route() {
  if (!state.csrf) return;
  clearTimers();
  const name = (location.hash || '#dashboard').substring(1);
  const page = pages[name] ? name : 'dashboard';
  document.querySelectorAll('.page').forEach((p) => { p.hidden = p.id !== page; });
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + page));
  say('');
  Promise.resolve(pages[page]()).catch(failed);
}

// ---- dashboard

function duration(millis) {
  const s = Math.floor(millis / 1000);
  const parts = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'min'], [s % 60, 's']];
  const first = parts.findIndex(([n]) => n > 0);
  return parts.slice(first < 0 ? 3 : first).map(([n, unit]) => n + ' ' + unit).join(' ');
}

function mb(bytes) { return (bytes / 1048576).toFixed(1) + ' MB'; }
function kb(bytes) { return bytes < 0 ? '-' : (bytes / 1024).toFixed(1) + ' kB'; }

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Draws lines of [time, value] points over a shared time axis, with the largest value labelled. */
function drawChart(canvas, series, format) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, left = 70, bottom = 20;
  ctx.clearRect(0, 0, w, h);
  const points = series.flatMap((s) => s.points);
  if (points.length === 0) {
    ctx.fillStyle = '#667';
    ctx.fillText('no samples yet', left, h / 2);
    return;
  }
  const t0 = Math.min(...points.map((p) => p[0])), t1 = Math.max(...points.map((p) => p[0]));
  const vmax = Math.max(1, ...points.map((p) => p[1]));
  const x = (t) => left + (t1 === t0 ? 0 : (t - t0) / (t1 - t0)) * (w - left - 10);
  const y = (v) => h - bottom - (v / vmax) * (h - bottom - 10);
  ctx.strokeStyle = '#ccc';
  ctx.beginPath();
  ctx.moveTo(left, 10); ctx.lineTo(left, h - bottom); ctx.lineTo(w - 10, h - bottom);
  ctx.stroke();
  ctx.fillStyle = '#333';
  ctx.font = '11px sans-serif';
  ctx.fillText(format(vmax), 2, 14);
  ctx.fillText(format(0), 2, h - bottom);
  ctx.fillText(new Date(t0).toLocaleTimeString(), left, h - 4);
  ctx.fillText(new Date(t1).toLocaleTimeString(), w - 80, h - 4);
  series.forEach((s) => {
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    s.points.forEach((p, i) => (i ? ctx.lineTo(x(p[0]), y(p[1])) : ctx.moveTo(x(p[0]), y(p[1]))));
    ctx.stroke();
  });
}

function legend(container, series) {
  container.replaceChildren(...series.map((s) => {
    const span = el('span', s.name);
    const swatch = el('i');
    swatch.style.background = s.color;
    span.prepend(swatch);
    return span;
  }));
}

async function showDashboard() {
  every(5000, async () => {
    try {
      const info = await api('GET', '/gateway');
      const facts = $('gateway-info');
      facts.replaceChildren();
      const add = (k, v) => { facts.append(el('dt', k), el('dd', v)); };
      add('Version', info.version);
      add('Uptime', duration(info.uptimeMillis));
      add('Java', info.java);
      add('JVM heap', mb(info.jvmHeap.used) + ' used of ' + mb(info.jvmHeap.committed) + ' (max ' + mb(info.jvmHeap.max) + ')');
      add('Apps', Object.entries(info.apps).map(([k, v]) => v + ' ' + k.toLowerCase()).join(', ') || 'none');
      add('Storage', info.storage);
      const history = await api('GET', '/gateway/heap-history');
      const samples = history.samples;
      const jvm = [
        { name: 'used', color: COLORS[0], points: samples.map((s) => [s.time, s.jvmUsed]) },
        { name: 'committed', color: COLORS[1], points: samples.map((s) => [s.time, s.jvmCommitted]) },
      ];
      drawChart($('chart-jvm'), jvm, mb);
      legend($('chart-jvm-legend'), jvm);
      const names = [...new Set(samples.flatMap((s) => Object.keys(s.apps)))].sort();
      const apps = names.map((n, i) => ({ name: n, color: COLORS[i % COLORS.length],
        points: samples.filter((s) => n in s.apps).map((s) => [s.time, s.apps[n]]) }));
      drawChart($('chart-apps'), apps, kb);
      legend($('chart-apps-legend'), apps);
    } catch (e) { failed(e); }
  });
}

// ---- apps

function button(text, onClick, attrs) {
  const b = el('button', text, attrs);
  b.addEventListener('click', onClick);
  return b;
}

async function loadApps() {
  const apps = await api('GET', '/apps');
  const body = $('apps-table').tBodies[0];
  body.replaceChildren(...apps.map((app) => {
    const row = el('tr', null, { 'data-app': app.name });
    row.append(el('td', app.name), el('td', app.state, { class: 'state-' + app.state }),
      el('td', app.heapUsed < 0 ? '-' : kb(app.heapUsed) + ' of ' + kb(app.settings.heapsize)),
      el('td', app.exitStatus === null ? '-' : app.exitStatus), el('td', app.lastEnd || ''));
    const actions = el('td');
    for (const action of ['start', 'stop', 'restart']) {
      actions.append(button(action, () => appAction(app.name, action), { 'data-action': action, 'data-app': app.name }));
    }
    actions.append(button('open', () => openApp(app.name), { 'data-action': 'open', 'data-app': app.name }));
    row.append(actions);
    return row;
  }));
  return apps;
}

async function appAction(name, action) {
  try {
    const result = await api('POST', '/apps/' + encodeURIComponent(name) + '/' + action);
    say(result.result);
    await loadApps();
  } catch (e) { failed(e); }
}

async function openApp(name) {
  state.app = name;
  state.logAfter = 0;
  $('log-view').textContent = '';
  $('app-detail').hidden = false;
  $('app-detail-name').textContent = name;
  watchLog(name);
  const app = await api('GET', '/apps/' + encodeURIComponent(name));
  const select = $('app-file');
  select.replaceChildren(...app.files.map((f) => el('option', f)));
  await loadFile();
}

async function loadFile() {
  const path = $('app-file').value;
  if (!path) return;
  const bytes = await api('GET', '/apps/' + encodeURIComponent(state.app) + '/file?path=' + encodeURIComponent(path));
  $('app-editor').value = new TextDecoder().decode(bytes);
}

function appendLog(lines, skipped) {
  const view = $('log-view');
  if (skipped > 0) view.append(skipped + ' lines not kept\n');
  if (lines.length) view.append(lines.join('\n') + '\n');
  view.scrollTop = view.scrollHeight;
}

function showLogState(log) {
  const facts = $('app-detail-facts');
  facts.replaceChildren(el('dt', 'State'), el('dd', log.state), el('dt', 'Exit status'),
    el('dd', log.exitStatus === null ? '-' : log.exitStatus));
  const traceback = $('app-traceback');
  traceback.hidden = !log.lastTraceback;
  traceback.textContent = log.lastTraceback || '';
}

async function pollLog() {
  if (!state.app || state.logStream) return;
  const name = state.app;
  const log = await api('GET', '/apps/' + encodeURIComponent(name) + '/log?after=' + state.logAfter + '&max=500');
  if (name !== state.app || state.logStream) return;
  appendLog(log.lines, log.skipped);
  state.logAfter = log.last;
  showLogState(log);
}

// The open app's log as server-sent events; polling (pollLog) takes over when the stream fails.
function watchLog(name) {
  stopLogStream();
  const source = new EventSource('/api/apps/' + encodeURIComponent(name) + '/log/stream?after=' + state.logAfter);
  state.logStream = source;
  $('log-view').dataset.mode = 'stream';
  source.onmessage = (event) => {
    if (source !== state.logStream) return;
    appendLog([event.data], 0);
    state.logAfter = Number(event.lastEventId) || state.logAfter;
  };
  source.addEventListener('skipped', (event) => appendLog([], Number(event.data)));
  source.addEventListener('state', (event) => showLogState(JSON.parse(event.data)));
  source.addEventListener('end', () => {
    // the session ended: the next request of the page finds out and shows the login
    stopLogStream();
    api('GET', '/session').catch(() => {});
  });
  source.onerror = () => {
    // an EventSource retries by itself after a dropped connection; a refused one (429, 503) is closed
    if (source.readyState === EventSource.CLOSED && source === state.logStream) {
      state.logStream = null;
      $('log-view').dataset.mode = 'poll';
    }
  };
}

function stopLogStream() {
  if (state.logStream) {
    state.logStream.close();
    state.logStream = null;
  }
}

async function showApps() {
  every(2000, () => loadApps().catch(failed));
  if (state.app) watchLog(state.app);
  every(1000, () => pollLog().catch(failed));
}

// ---- files

async function showFiles() {
  const listing = await api('GET', '/files?path=' + encodeURIComponent(state.filesPath));
  $('files-path').textContent = '/' + listing.path;
  $('files-table').tBodies[0].replaceChildren(...listing.entries.map((entry) => {
    const row = el('tr');
    const name = el('td');
    if (entry.folder) {
      name.append(button(entry.name + '/', () => { state.filesPath = entry.path; showFiles().catch(failed); }));
    } else {
      name.append(el('a', entry.name, { href: '/api/files/content?path=' + encodeURIComponent(entry.path), download: entry.name }));
    }
    const actions = el('td');
    actions.append(button('delete', async () => {
      try { await api('DELETE', '/files/content?path=' + encodeURIComponent(entry.path)); await showFiles(); } catch (e) { failed(e); }
    }));
    row.append(name, el('td', entry.folder ? '' : entry.size), el('td', entry.modified), actions);
    return row;
  }));
}

// ---- bundles and drivers

async function showBundles() {
  const bundles = await api('GET', '/bundles');
  $('bundles-table').tBodies[0].replaceChildren(...bundles.map((b) => {
    const row = el('tr', null, { 'data-bundle': b.symbolicName });
    const actions = el('td');
    const act = (label, method, path) => button(label, async () => {
      try { const r = await api(method, '/bundles/' + b.id + path); say(b.symbolicName + ': ' + r.result); await showBundles(); } catch (e) { failed(e); }
    }, { 'data-action': label, 'data-bundle': b.symbolicName });
    if (b.id !== 0) {
      actions.append(act('start', 'POST', '/start'), act('stop', 'POST', '/stop'),
        button('update', () => { $('bundle-update-select').value = String(b.id); $('bundle-update-file').focus(); }, { 'data-action': 'update', 'data-bundle': b.symbolicName }),
        act('uninstall', 'DELETE', ''));
    }
    row.append(el('td', b.id), el('td', b.symbolicName), el('td', b.version), el('td', b.state), actions);
    return row;
  }));
  const select = $('bundle-update-select');
  const chosen = select.value;
  select.replaceChildren(...bundles.filter((b) => b.id !== 0).map((b) => el('option', b.symbolicName + ' ' + b.version, { value: String(b.id) })));
  if (chosen) select.value = chosen;
  const drivers = await api('GET', '/drivers');
  $('drivers').replaceChildren(...drivers.map((d) => {
    const div = el('div');
    div.append(el('h4', d.symbolicName + ' ' + d.version + ' (' + d.state + ')'));
    const list = el('ul');
    d.services.forEach((s) => list.append(el('li', s.type + ' ' + Object.entries(s).filter(([k]) => k !== 'type').map(([k, v]) => k + '=' + v).join(' '))));
    div.append(list);
    return div;
  }));
}

async function updateBundle(id, file) {
  say('updating bundle ' + id + ' ...');
  const r = await api('PUT', '/bundles/' + id, await file.arrayBuffer(), true);
  say(r.symbolicName + ': ' + r.result);
  await showBundles();
}

// ---- configuration

async function showConfig() {
  const apps = await api('GET', '/apps');
  const select = $('config-app');
  const previous = select.value;
  select.replaceChildren(...apps.map((a) => el('option', a.name)));
  if (previous) select.value = previous;
  await loadConfig();
}

async function loadConfig() {
  const name = $('config-app').value;
  $('config-reasons').replaceChildren();
  if (!name) return;
  const config = await api('GET', '/apps/' + encodeURIComponent(name) + '/config');
  $('config-editor').value = JSON.stringify(config.properties, null, 2);
}

async function saveConfig() {
  const name = $('config-app').value;
  $('config-reasons').replaceChildren();
  let properties;
  try { properties = JSON.parse($('config-editor').value); } catch (e) { say('not JSON: ' + e.message, true); return; }
  try {
    const result = await api('PUT', '/apps/' + encodeURIComponent(name) + '/config', { properties });
    say(result.note);
  } catch (e) {
    say(e.message, true);
    $('config-reasons').replaceChildren(...e.reasons.map((r) => el('li', r)));
  }
}

// ---- board

async function showBoard() {
  every(1000, async () => {
    try {
      const board = await api('GET', '/board');
      $('board-gpio').replaceChildren(...board.gpio.map((c) => {
        const div = el('div');
        div.append(el('h3', 'GPIO ' + (c.board || '') + ' controller ' + c.controller));
        const table = el('table');
        const head = el('tr');
        ['Pin', 'Name', 'Mode', 'Pull', 'Level'].forEach((t) => head.append(el('th', t)));
        table.append(head);
        c.pins.forEach((p) => {
          const row = el('tr', null, { class: 'pin-' + p.value, 'data-pin': p.number });
          row.append(el('td', p.number), el('td', p.name), el('td', p.mode), el('td', p.pull), el('td', p.value));
          table.append(row);
        });
        div.append(table);
        return div;
      }));
      const lines = [...board.pwm.map((p) => 'PWM ' + p.channel + ' (pin ' + p.pin + '): ' + (p.enabled ? 'on' : 'off') + ', ' + p.frequency + ' Hz, duty ' + p.dutyU16),
        ...board.adc.map((a) => 'ADC ' + a.channel + ' (pin ' + a.pin + '): ' + a.u16 + ' of 65535, reference ' + a.referenceVolts + ' V')];
      const list = el('ul');
      lines.forEach((l) => list.append(el('li', l)));
      $('board-channels').replaceChildren(list);
    } catch (e) { failed(e); }
  });
  every(500, () => refreshDisplays().catch(failed));
}

const DISPLAY_ZOOM = 4;

function displayCaption(d) {
  const place = d.address !== undefined ? ' at 0x' + d.address.toString(16) : '';
  const state = [d.on ? 'on' : 'off', d.inverted ? 'inverted' : null, d.contrast !== undefined ? 'contrast ' + d.contrast : null];
  return (d.chip || 'display') + ' ' + (d.board || '') + ' bus ' + d.bus + place + ', ' + d.width + 'x' + d.height + ' ('
    + state.filter((s) => s).join(', ') + ')';
}

/** Shows every display's picture; an image is fetched again only when its change count moved, and not while the page is hidden. */
async function refreshDisplays() {
  if (document.hidden) return;
  const displays = await api('GET', '/board/displays');
  const box = $('board-displays');
  const ids = new Set(displays.map((d) => String(d.id)));
  [...box.children].forEach((figure) => { if (!ids.has(figure.dataset.display)) figure.remove(); });
  $('board-displays-none').hidden = displays.length > 0;
  displays.forEach((d) => {
    let figure = [...box.children].find((f) => f.dataset.display === String(d.id));
    if (!figure) {
      figure = el('figure', null, { 'data-display': d.id, class: 'display' });
      const img = el('img', null, { alt: 'picture of display ' + d.id });
      img.style.width = (d.width * DISPLAY_ZOOM) + 'px';
      figure.append(img, el('figcaption'));
      box.append(figure);
    }
    figure.querySelector('figcaption').textContent = displayCaption(d);
    const img = figure.querySelector('img');
    if (img.dataset.changeCount !== String(d.changeCount)) {
      img.dataset.changeCount = d.changeCount;
      img.src = '/api/board/displays/' + encodeURIComponent(d.id) + '/image.png?frame=' + d.changeCount;
    }
  });
}

// ---- users

async function showUsers() {
  if (state.role !== 'admin') {
    $('users-table').tBodies[0].replaceChildren(el('tr', 'Only admins see the users.'));
    return;
  }
  const users = await api('GET', '/users');
  $('users-table').tBodies[0].replaceChildren(...Object.entries(users).map(([name, role]) => {
    const row = el('tr');
    const actions = el('td');
    actions.append(button('remove', async () => {
      try { await api('DELETE', '/users/' + encodeURIComponent(name)); await showUsers(); } catch (e) { failed(e); }
    }));
    row.append(el('td', name), el('td', role), actions);
    return row;
  }));
}

// ---- wiring

function on(id, event, fn) {
  $(id).addEventListener(event, (e) => {
    if (event === 'submit') e.preventDefault();
    Promise.resolve(fn(e)).catch(failed);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  on('login-form', 'submit', async () => {
    try {
      const session = await api('POST', '/login', { user: $('login-user').value, password: $('login-password').value });
      $('login-password').value = '';
      say('');
      loggedIn(session);
    } catch (e) { failed(e); }
  });
  on('logout', 'click', async () => { await api('POST', '/logout'); showLogin(); });
  on('app-create-form', 'submit', async () => {
    const name = $('app-create-name').value;
    await api('POST', '/apps', { name, source: $('app-create-source').value });
    say('created ' + name);
    await loadApps();
    await openApp(name);
  });
  on('app-upload-form', 'submit', async () => {
    const name = $('app-upload-name').value;
    const file = $('app-upload-file').files[0];
    await api('PUT', '/apps/' + encodeURIComponent(name) + '/upload?filename=' + encodeURIComponent(file.name), await file.arrayBuffer(), true);
    say('uploaded ' + file.name + ' as app ' + name);
    await loadApps();
  });
  on('app-file', 'change', loadFile);
  on('app-save', 'click', async () => {
    const path = $('app-file').value;
    const r = await api('PUT', '/apps/' + encodeURIComponent(state.app) + '/file?path=' + encodeURIComponent(path),
      new TextEncoder().encode($('app-editor').value), true);
    say('saved ' + path + ': ' + r.note);
  });
  on('files-up', 'click', async () => {
    state.filesPath = state.filesPath.split('/').slice(0, -1).join('/');
    await showFiles();
  });
  on('files-upload-form', 'submit', async () => {
    const file = $('files-upload-file').files[0];
    const path = (state.filesPath ? state.filesPath + '/' : '') + file.name;
    await api('PUT', '/files/content?path=' + encodeURIComponent(path), await file.arrayBuffer(), true);
    say('uploaded ' + path);
    await showFiles();
  });
  on('bundle-install-form', 'submit', async () => {
    const file = $('bundle-install-file').files[0];
    const r = await api('POST', '/bundles', await file.arrayBuffer(), true);
    say(r.symbolicName + ': ' + r.result);
    await showBundles();
  });
  on('bundle-update-form', 'submit', async () => {
    const input = $('bundle-update-file');
    const file = input.files[0];
    input.value = '';
    await updateBundle($('bundle-update-select').value, file);
  });
  on('config-app', 'change', loadConfig);
  on('config-save', 'click', saveConfig);
  on('config-delete', 'click', async () => {
    const r = await api('DELETE', '/apps/' + encodeURIComponent($('config-app').value) + '/config');
    say(r.note);
    await loadConfig();
  });
  on('user-form', 'submit', async () => {
    await api('PUT', '/users/' + encodeURIComponent($('user-name').value), { role: $('user-role').value, password: $('user-password').value });
    $('user-password').value = '';
    await showUsers();
  });
  on('password-form', 'submit', async () => {
    const r = await api('POST', '/password', { old: $('password-old').value, new: $('password-new').value });
    say(r.note);
    showLogin();
  });
  window.addEventListener('hashchange', route);
  api('GET', '/session').then(loggedIn).catch(() => showLogin());
});
