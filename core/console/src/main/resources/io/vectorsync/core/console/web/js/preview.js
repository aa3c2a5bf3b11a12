// Preview results: one row per record; vectors shortened to their first values, with dimension and norm.
import { el } from './api.js';

export function renderPreview(box, result) {
  const parts = [];
  if (result.status !== 'SUCCEEDED') {
    parts.push(el('p', { class: 'bad' }, `Preview failed: ${result.error || result.status}`));
  }
  const columns = result.columns || [];
  const table = el('table', { id: 'preview-table' },
    el('tr', {}, ...columns.map(c => el('th', {}, c.name, el('div', { class: 'muted' }, c.type)))));
  for (const rec of result.records || []) {
    table.append(el('tr', {}, ...columns.map(c => el('td', {}, cell(rec[c.name])))));
  }
  parts.push(el('p', { class: 'muted', id: 'preview-summary' },
    `${(result.records || []).length} record(s) previewed in ${result.durationMs} ms; nothing was written.`), table);
  if (result.estimate) parts.push(estimateLine(result.estimate));
  if (result.estimateError) parts.push(el('p', { class: 'muted' }, `No estimate: ${result.estimateError}`));
  box.replaceChildren(...parts);
}

// What a run of the whole input would cost, from the CLI's estimate (texts of the sample, extrapolated).
function estimateLine(e) {
  const cost = e.estimatedCost && e.estimatedCost.amount != null
    ? `${e.estimatedCost.amount.toFixed(6)} ${e.estimatedCost.currency}` : 'no price known';
  const secs = e.estimatedSeconds != null ? `, about ${Math.ceil(e.estimatedSeconds)} s` : '';
  return el('p', { id: 'preview-estimate' },
    `A run would embed ${e.texts} text(s) (${e.distinctTexts} distinct, ${e.cachedTexts} already cached): `
    + `${e.tokens} tokens in ${e.modelCalls} model call(s), cost ${cost}${secs}.`);
}

function cell(v) {
  if (v && typeof v === 'object' && v.vector) {
    const head = v.head.map(x => x.toFixed(4)).join(', ');
    return el('span', { class: 'vector', 'data-dimension': v.dimension },
      `[${head}, …]`, el('span', { class: 'dim' }, `${v.dimension} dims · norm ${v.norm.toFixed(3)}`));
  }
  if (v && typeof v === 'object' && v.sparse) return el('span', { class: 'vector' }, v.text);
  if (v === null || v === undefined) return el('span', { class: 'muted' }, 'null');
  return String(v);
}
