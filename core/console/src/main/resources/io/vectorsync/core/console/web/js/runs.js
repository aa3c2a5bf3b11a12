// Runs: the history (newest first) and one run's live log, progress and report, streamed by server-sent events.
import { api, el } from './api.js';

let source; // the open EventSource, closed when the page changes

export async function renderRuns(main, [id]) {
  source?.close();
  const history = el('div', { id: 'history' });
  main.append(el('h2', {}, 'Runs'));
  if (id) main.append(await runDetail(id, () => loadHistory(history)));
  main.append(el('div', { class: 'card' }, el('h3', {}, 'History'), history));
  loadHistory(history);
}

async function loadHistory(box) {
  const r = await api.runs();
  const table = el('table', { id: 'history-table' }, el('tr', {},
    ...['run', 'job', 'started', 'duration', 'status', 'read', 'written', 'dirty'].map(h => el('th', {}, h))));
  for (const run of r.data || []) {
    table.append(el('tr', { 'data-run': run.id },
      el('td', {}, el('a', { href: `#/runs/${run.id}` }, run.id)), el('td', {}, run.job),
      el('td', {}, new Date(run.startedAt).toLocaleString()), el('td', {}, seconds(run.durationMs)),
      el('td', { class: `status status-${run.status}` }, run.status),
      el('td', { class: 'read' }, run.recordsRead ?? ''), el('td', { class: 'written' }, run.recordsWritten ?? ''),
      el('td', { class: 'dirty' }, run.dirtyRecords ?? '')));
  }
  box.replaceChildren(r.data?.length ? table : el('p', { class: 'muted' }, 'No runs yet: start one from the job editor.'));
}

async function runDetail(id, onEnd) {
  const r = await api.run(id);
  if (!r.ok) return el('p', { class: 'bad' }, r.data?.error || `No run ${id}`);
  const status = el('span', { id: 'run-status', class: `status-${r.data.status}` }, r.data.status);
  const progress = el('div', { id: 'run-progress', class: 'muted' }, r.data.progress || '');
  const log = el('pre', { id: 'run-log', class: 'log' });
  const report = el('div', { id: 'run-report' });
  const dirty = el('div', { id: 'run-dirty' });
  const cancel = el('button', { class: 'secondary', id: 'cancel-btn', onclick: () => api.cancelRun(id) }, 'Cancel');
  const card = el('div', { class: 'card', id: 'run-detail' },
    el('h3', {}, `Run ${id} of ${r.data.job}: `, status, ' ', r.data.status === 'RUNNING' ? cancel : null),
    progress, log, report, dirty);
  const showEnd = (run) => {
    status.textContent = run.status;
    status.className = `status-${run.status}`;
    cancel.remove();
    progress.textContent = '';
    report.replaceChildren(reportTable(run));
    if (run.dirtyRecords > 0) {
      dirty.replaceChildren(el('button', { class: 'secondary', onclick: async () => {
        const d = await api.dirty(id);
        dirty.replaceChildren(el('h3', {}, 'Dirty records'), el('pre', { class: 'log' }, (d.data || []).map(x => JSON.stringify(x)).join('\n')));
      } }, `Show dirty records (${run.dirtyRecords})`));
    }
  };
  source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events`);
  const append = (line) => {
    log.append(line + '\n');
    log.scrollTop = log.scrollHeight;
  };
  source.addEventListener('log', e => append(e.data));
  source.addEventListener('progress', e => { append(e.data); progress.textContent = e.data.replace(/^.*ProgressReporter - /, ''); });
  source.addEventListener('end', e => {
    source.close();
    showEnd(JSON.parse(e.data));
    onEnd();
  });
  source.onerror = () => source.close();
  if (r.data.status !== 'RUNNING') showEnd(r.data);
  return card;
}

function reportTable(run) {
  const rows = [['status', run.status], ['records read', run.recordsRead], ['records written', run.recordsWritten],
    ['dirty records', run.dirtyRecords], ['filtered records', run.filteredRecords], ['duration', seconds(run.durationMs)],
    ['error', run.error]].filter(([, v]) => v !== undefined && v !== null);
  const t = el('table', { id: 'report-table' }, ...rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, String(v)))));
  if (Array.isArray(run.steps) && run.steps.length) {
    t.append(el('tr', {}, el('th', {}, 'steps'), el('td', {}, run.steps.map(s =>
      `${s.name} (${s.category}:${s.stepType}) in ${s.recordsIn}, out ${s.recordsOut}, dirty ${s.dirtyRecords}`).join(' · '))));
  }
  return t;
}

const seconds = (ms) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);
