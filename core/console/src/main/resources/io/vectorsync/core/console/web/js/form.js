// Forms generated from a plugin's declared options (GET /api/plugins/{kind}/{name}): the console draws no
// plugin-specific UI. Each input reads and writes one key of `params` (a step's "parameter" object) and carries
// data-path, the JSON path the CLI's validation messages use, so a message can be shown at its field.
import { el } from './api.js';

const NUMERIC = new Set(['INT', 'LONG', 'DOUBLE']);

/**
 * Renders `options` for `params`; `changed()` is called after every edit. Required, already-set and typed-list
 * options come first; the others wait behind "more options", so a long spec stays readable.
 */
export function optionFields(options, params, basePath, changed) {
  const box = el('div', { class: 'fields' });
  const more = el('details', { class: 'more' });
  for (const o of options) {
    // typed lists (column mappings) are central to a step: always in view
    const shown = o.required || o.type === 'OBJECT_LIST' || params[o.key] !== undefined || (o.aliases || []).some(a => params[a] !== undefined);
    const target = shown ? box : more;
    const path = `${basePath}.${o.key}`;
    const id = `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const label = el('label', { for: id, title: o.typeName }, o.key, o.required ? el('span', { class: 'req' }, ' *') : null);
    const input = o.type === 'OBJECT_LIST' ? objectListTable(o, params, path, changed)
      : inputFor(o, params, id, path, changed);
    const help = el('div', { class: 'help' }, o.description || '', o.default !== undefined ? ` Default: ${JSON.stringify(o.default)}.` : '');
    target.append(el('div', { class: 'field', 'data-path': path, 'data-key': o.key }, label, input, help));
  }
  const hidden = more.querySelectorAll(':scope > .field').length;
  if (hidden) {
    more.prepend(el('summary', {}, `${hidden} more option${hidden > 1 ? 's' : ''} (defaults apply)`));
    box.append(more);
  }
  return box;
}

/** Keys present in params that no option declares (kept, and shown as JSON so nothing is lost silently). */
export function undeclared(options, params, extraKnown = []) {
  const known = new Set(extraKnown);
  options.forEach(o => { known.add(o.key); (o.aliases || []).forEach(a => known.add(a)); });
  return Object.keys(params).filter(k => !known.has(k));
}

function inputFor(o, params, id, path, changed) {
  const current = params[o.key];
  const set = (v) => {
    if (v === undefined || v === '') delete params[o.key]; else params[o.key] = v;
    changed();
  };
  if (o.enum) {
    const sel = el('select', { id, name: o.key, 'data-path': path, onchange: () => set(sel.value || undefined) },
      el('option', { value: '' }, o.required ? '— choose —' : `(default${o.default !== undefined ? ': ' + o.default : ''})`),
      ...o.enum.map(v => el('option', { value: v }, v)));
    const match = o.enum.find(v => String(v).toLowerCase() === String(current ?? '').toLowerCase());
    sel.value = match ?? '';
    return sel;
  }
  if (o.type === 'BOOLEAN') {
    const sel = el('select', { id, name: o.key, 'data-path': path, onchange: () => set(sel.value === '' ? undefined : sel.value === 'true') },
      el('option', { value: '' }, `(default${o.default !== undefined ? ': ' + o.default : ''})`),
      el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
    sel.value = current === undefined ? '' : String(current);
    return sel;
  }
  if (o.type === 'LIST' || o.type === 'OBJECT') {
    // free-form JSON: edited as JSON, applied once it parses
    const ta = el('textarea', { id, name: o.key, rows: 3, class: 'mono', 'data-path': path,
      placeholder: o.type === 'LIST' ? '[ … ] (JSON)' : '{ … } (JSON)' });
    ta.value = current === undefined ? '' : JSON.stringify(current);
    ta.addEventListener('input', () => {
      if (ta.value.trim() === '') { set(undefined); return; }
      try { set(JSON.parse(ta.value)); ta.setCustomValidity(''); } catch { ta.setCustomValidity('not valid JSON yet'); }
    });
    return ta;
  }
  const type = o.type === 'SECRET' ? 'password' : NUMERIC.has(o.type) ? 'number' : 'text';
  const input = el('input', { id, name: o.key, type, 'data-path': path, autocomplete: o.type === 'SECRET' ? 'new-password' : 'off',
    placeholder: o.default !== undefined ? String(Array.isArray(o.default) ? o.default.join(', ') : o.default) : '' });
  if (o.type === 'DOUBLE') input.step = 'any';
  input.value = current === undefined ? '' : Array.isArray(current) ? current.join(', ') : String(current);
  input.addEventListener('input', () => {
    const v = input.value.trim();
    if (v === '') return set(undefined);
    if (o.type === 'STRING_LIST') return set(v.split(',').map(s => s.trim()).filter(Boolean));
    if (NUMERIC.has(o.type)) return set(Number.isNaN(Number(v)) ? v : Number(v));
    return set(input.value);
  });
  return input;
}

/** An OBJECT_LIST option (a `column` list) as an editable table, one column per element option. */
function objectListTable(o, params, path, changed) {
  const wrap = el('div', { 'data-path': path, class: 'object-list' });
  const rows = () => {
    const raw = params[o.key];
    if (!Array.isArray(raw)) return [];
    // a plain string element is the shorthand for {shorthandKey: value}
    return raw.map(r => (typeof r === 'string' && o.shorthandKey ? { [o.shorthandKey]: r } : r));
  };
  const draw = () => {
    const list = rows();
    const table = el('table', { class: 'grid', 'data-option': o.key },
      el('tr', {}, ...o.element.map(e => el('th', { title: e.description }, e.key, e.required ? el('span', { class: 'req' }, ' *') : null)), el('th', {}, '')));
    list.forEach((row, i) => {
      const tr = el('tr', { 'data-path': `${path}[${i}]` });
      for (const e of o.element) {
        const cellPath = `${path}[${i}].${e.key}`;
        const cell = el('td', { 'data-path': cellPath });
        const id = `f-${cellPath.replace(/[^A-Za-z0-9]+/g, '-')}`;
        cell.append(inputFor({ ...e, default: e.default }, row, id, cellPath, () => { params[o.key] = list; changed(); }));
        tr.append(cell);
      }
      tr.append(el('td', {}, el('button', { class: 'small secondary', type: 'button', title: 'Remove this row',
        onclick: () => { list.splice(i, 1); params[o.key] = list; if (!list.length) delete params[o.key]; changed(); draw(); } }, '✕')));
      table.append(tr);
    });
    const add = el('button', { class: 'small secondary', type: 'button', 'data-add': o.key,
      onclick: () => { const l = rows(); l.push({}); params[o.key] = l; changed(); draw(); } }, `+ add ${o.key}`);
    wrap.replaceChildren(table, add);
  };
  draw();
  return wrap;
}
