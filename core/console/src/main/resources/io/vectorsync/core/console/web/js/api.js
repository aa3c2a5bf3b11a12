// The console's JSON API (see the README's "Console" section). Every state-changing call is sent as
// application/json from this origin: the server refuses anything else (CSRF protection).

async function call(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { ok: res.ok, status: res.status, data };
}

export const api = {
  plugins: () => call('GET', '/api/plugins'),
  plugin: (kind, name) => call('GET', `/api/plugins/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`),
  validate: (job, name) => call('POST', `/api/validate?name=${encodeURIComponent(name)}`, job),
  preview: (job, name, limit = 10) => call('POST', `/api/preview?name=${encodeURIComponent(name)}&limit=${limit}`, job),
  startRun: (job, name) => call('POST', `/api/runs?name=${encodeURIComponent(name)}`, job),
  runs: () => call('GET', '/api/runs'),
  run: (id) => call('GET', `/api/runs/${encodeURIComponent(id)}`),
  cancelRun: (id) => call('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, {}),
  dirty: (id) => call('GET', `/api/runs/${encodeURIComponent(id)}/dirty`),
  datasources: () => call('GET', '/api/datasources'),
  saveDatasource: (name, entry) => call('PUT', `/api/datasources/${encodeURIComponent(name)}`, entry),
  deleteDatasource: (name) => call('DELETE', `/api/datasources/${encodeURIComponent(name)}`),
  jobs: () => call('GET', '/api/jobs'),
  job: (name) => call('GET', `/api/jobs/${encodeURIComponent(name)}`),
  saveJob: (name, job) => call('PUT', `/api/jobs/${encodeURIComponent(name)}`, job),
};

// Plugin specs are fetched once per page load.
const specs = new Map();
export async function pluginSpec(kind, name) {
  const key = `${kind}/${name}`;
  if (!specs.has(key)) {
    specs.set(key, api.plugin(kind, name).then(r => (r.ok ? r.data : null)));
  }
  return specs.get(key);
}

let catalog;
export function pluginCatalog() {
  catalog ??= api.plugins().then(r => r.data);
  return catalog;
}

/** A tiny element builder: el('td', {class: 'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'value') e.value = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}
