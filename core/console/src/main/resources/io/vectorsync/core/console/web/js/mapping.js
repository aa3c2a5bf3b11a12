// Field mapping: the writer's columns against the fields the step before it produces (from validation's
// schemas). A writer column nobody produces, or a produced field the writer drops, is highlighted.
import { el } from './api.js';

export function renderMapping(box, job, steps) {
  if (steps.length < 2) {
    box.replaceChildren(el('p', { class: 'muted' }, 'Shown once the job validates.'));
    return;
  }
  const upstream = steps[steps.length - 2];
  const fields = new Map(upstream.fields.map(f => [f.name, f.type]));
  const writer = job.steps[job.steps.length - 1] || {};
  const raw = writer.parameter?.column;
  const columns = Array.isArray(raw) ? raw.map(c => (typeof c === 'string' ? { name: c } : c)).filter(c => c && c.name) : null;
  const table = el('table', { id: 'mapping-table' },
    el('tr', {}, el('th', {}, `${upstream.name} produces`), el('th', {}, 'type'), el('th', {}, `${writer.name || 'writer'} writes`), el('th', {}, '')));
  if (!columns || columns.some(c => c.name === '*')) {
    for (const [name, type] of fields) {
      table.append(el('tr', {}, el('td', {}, name), el('td', {}, type), el('td', {}, name), el('td', { class: 'ok' }, 'as is')));
    }
  } else {
    const written = new Set(columns.map(c => c.name));
    for (const c of columns) {
      const type = fields.get(c.name);
      table.append(el('tr', { class: type ? '' : 'missing' }, el('td', {}, type ? c.name : '—'), el('td', {}, type || ''),
        el('td', {}, c.name, c.type ? el('span', { class: 'muted' }, ` (${c.type})`) : null),
        el('td', { class: type ? 'ok' : 'bad' }, type ? 'ok' : 'not produced upstream')));
    }
    for (const [name, type] of fields) {
      if (!written.has(name)) {
        table.append(el('tr', { class: 'mismatch' }, el('td', {}, name), el('td', {}, type), el('td', {}, '—'),
          el('td', { class: 'bad' }, 'not written')));
      }
    }
  }
  box.replaceChildren(table);
}
