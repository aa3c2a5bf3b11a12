// Datasources: the named connections of the work directory's conf/datasources.json. Saved secrets come back
// as ****** and stay as they are unless a new value is typed.
import { api, el, pluginCatalog } from './api.js';

const SECRET = /password|secret|token|apikey|api_key|accesskey|credential/i;

export async function renderDatasources(main) {
  const [list, catalog] = [await api.datasources(), await pluginCatalog()];
  const types = [...new Set([...catalog.readers, ...catalog.writers].map(p => p.name))].sort();
  const editor = el('div', { id: 'datasource-editor' });
  const table = el('table', { id: 'datasource-table' }, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'type'), el('th', {}, 'settings'), el('th', {}, '')));
  for (const d of list.data || []) {
    table.append(el('tr', { 'data-datasource': d.name }, el('td', {}, d.name), el('td', {}, d.type),
      el('td', {}, el('code', {}, JSON.stringify(d.entry))),
      el('td', {}, el('button', { class: 'small secondary', onclick: () => edit(editor, types, d) }, 'edit'), ' ',
        el('button', { class: 'small secondary', onclick: async () => { await api.deleteDatasource(d.name); location.reload(); } }, 'delete'))));
  }
  main.append(el('h2', {}, 'Datasources'),
    el('p', { class: 'muted' }, 'Jobs name them with "datasource": "NAME" in a step\'s parameters. ',
      'Values may be ${ENV_VAR} placeholders.'),
    table, el('div', { class: 'toolbar' }, el('button', { id: 'add-datasource-btn', onclick: () => edit(editor, types, null) }, '+ Add datasource')),
    editor);
}

function edit(box, types, d) {
  const entry = { ...(d?.entry || {}) };
  delete entry.type;
  const secrets = new Set(d?.secretKeys || []);
  const name = el('input', { id: 'ds-name', value: d?.name || '', disabled: !!d });
  const type = el('select', { id: 'ds-type' }, ...types.map(t => el('option', { value: t }, t)));
  type.value = d?.type || types[0];
  const rows = el('tbody');
  const addRow = (k = '', v = '') => {
    const key = el('input', { class: 'ds-key', value: k });
    const secret = secrets.has(k) || SECRET.test(k);
    const value = el('input', { class: 'ds-value', type: secret ? 'password' : 'text', value: typeof v === 'string' ? v : JSON.stringify(v),
      placeholder: secret && v === '******' ? 'saved (unchanged)' : '' });
    key.addEventListener('input', () => { value.type = SECRET.test(key.value) ? 'password' : 'text'; });
    rows.append(el('tr', {}, el('td', {}, key), el('td', {}, value)));
  };
  Object.entries(entry).forEach(([k, v]) => addRow(k, v));
  if (!d) addRow();
  const msg = el('span', { class: 'bad' });
  box.replaceChildren(el('div', { class: 'card' }, el('h3', {}, d ? `Edit ${d.name}` : 'New datasource'),
    el('div', { class: 'field' }, el('label', { for: 'ds-name' }, 'name'), name),
    el('div', { class: 'field' }, el('label', { for: 'ds-type' }, 'type'), type),
    el('table', { class: 'grid' }, el('tr', {}, el('th', {}, 'key'), el('th', {}, 'value')), rows),
    el('div', { class: 'toolbar' }, el('button', { class: 'small secondary', onclick: () => addRow() }, '+ key'),
      el('button', { id: 'ds-save', onclick: async () => {
        const out = { type: type.value };
        rows.querySelectorAll('tr').forEach(tr => {
          const k = tr.querySelector('.ds-key').value.trim();
          const v = tr.querySelector('.ds-value').value;
          if (k) out[k] = parse(v);
        });
        const r = await api.saveDatasource(name.value.trim(), out);
        if (r.ok) location.reload(); else msg.textContent = r.data?.error || `HTTP ${r.status}`;
      } }, 'Save'), msg)));
}

function parse(v) {
  const t = v.trim();
  if (/^(-?\d+(\.\d+)?|true|false|\[.*\]|\{.*\})$/s.test(t)) {
    try { return JSON.parse(t); } catch { return v; }
  }
  return v;
}
