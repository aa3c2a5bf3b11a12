// The job editor: one form per step (generated from the plugins' options), the job's JSON beside it (DataWorks
// v2.0 code-editor format, synced both ways), the CLI's validation messages at their fields, the field mapping,
// Preview and Run.
import { api, el, pluginCatalog, pluginSpec } from './api.js';
import { optionFields, undeclared } from './form.js';
import { renderPreview } from './preview.js';
import { renderMapping } from './mapping.js';

const DRAFT = 'vectorsync.console.draft';
const STEP_KIND = { reader: 'reader', writer: 'writer' };

function newJob() {
  return {
    type: 'job', version: '2.0',
    steps: [
      { stepType: '', category: 'reader', name: 'Reader', parameter: {} },
      { stepType: '', category: 'writer', name: 'Writer', parameter: {} },
    ],
    setting: { errorLimit: { record: '0' }, speed: { concurrent: 1, throttle: false } },
    order: { hops: [{ from: 'Reader', to: 'Writer' }] },
  };
}

const state = loadDraft();

function loadDraft() {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT));
    if (saved && saved.job && Array.isArray(saved.job.steps)) return saved;
  } catch { /* a broken draft starts over */ }
  return { name: 'my-job', job: newJob() };
}

// The draft lives in localStorage, which anything running on this origin can read and which stays behind on a shared
// machine: secrets (keys that look like one, as the datasources page and the CLI's masker judge them) are left out.
// They stay in this page's memory; after a reload they must be typed again (or kept in a datasource).
const SECRET_KEY = /password|secret|token|apikey|api_key|accesskey|access_key|credential/i;

function withoutSecrets(value) {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'number')) continue;
    out[k] = withoutSecrets(v);
  }
  return out;
}

function saveDraft() {
  localStorage.setItem(DRAFT, JSON.stringify({ name: state.name, job: withoutSecrets(state.job) }));
}

const kindOf = (step) => STEP_KIND[step.category] || 'transformer';
let ui; // the page's elements, rebuilt on every visit

export async function renderEditor(main) {
  const catalog = await pluginCatalog();
  ui = {
    catalog,
    name: el('input', { id: 'job-name', value: state.name, title: 'The job name (file name of a saved job)',
      oninput: () => { state.name = ui.name.value; saveDraft(); scheduleValidate(); } }),
    steps: el('div', { id: 'steps' }),
    json: el('textarea', { id: 'job-json', class: 'json', spellcheck: 'false' }),
    jsonNote: el('div', { id: 'json-note', class: 'muted' }, 'Edit either side: the other follows.'),
    status: el('span', { id: 'validation-status', class: 'muted' }),
    issues: el('ul', { id: 'issues', class: 'bad' }),
    mapping: el('div', { id: 'mapping' }),
    preview: el('div', { id: 'preview' }),
    saved: el('select', { id: 'saved-jobs', title: 'Open a saved job' }),
  };
  ui.json.addEventListener('input', onJsonEdited);
  ui.saved.addEventListener('change', openSaved);
  const addType = el('select', { id: 'add-transformer-type' },
    ...catalog.transformers.map(t => el('option', { value: t.name }, t.name)));
  main.append(
    el('div', { class: 'toolbar' },
      el('label', { for: 'job-name' }, 'Job'), ui.name,
      el('button', { id: 'validate-btn', class: 'secondary', onclick: validateNow }, 'Validate'),
      el('button', { id: 'preview-btn', onclick: preview }, 'Preview'),
      el('button', { id: 'run-btn', onclick: run }, 'Run'),
      el('button', { id: 'save-btn', class: 'secondary', onclick: save }, 'Save'),
      ui.saved,
      el('button', { id: 'new-btn', class: 'secondary', onclick: () => { state.job = newJob(); state.name = 'my-job'; ui.name.value = state.name; changed(true); } }, 'New'),
      ui.status),
    el('div', { class: 'cols' },
      el('div', {},
        ui.steps,
        el('div', { class: 'card' }, el('h3', {}, 'Add a transformer'),
          el('div', { class: 'toolbar' }, addType,
            el('button', { id: 'add-transformer-btn', class: 'secondary', onclick: () => addTransformer(addType.value) }, '+ Add'))),
        settingsCard(),
        el('div', { class: 'card' }, el('h3', {}, 'Field mapping'), ui.mapping),
        el('div', { class: 'card' }, el('h3', {}, 'Preview'), ui.preview)),
      el('div', {},
        el('div', { class: 'card' }, el('h3', {}, 'Job JSON (DataWorks v2.0)'), ui.json, ui.jsonNote),
        el('div', { class: 'card' }, el('h3', {}, 'Messages'), ui.issues))));
  refreshSavedList();
  writeJson();
  await renderSteps();
  validateNow();
}

async function refreshSavedList() {
  const r = await api.jobs();
  ui.saved.replaceChildren(el('option', { value: '' }, 'Open saved…'), ...(r.data || []).map(n => el('option', { value: n }, n)));
}

async function openSaved() {
  const name = ui.saved.value;
  if (!name) return;
  const r = await api.job(name);
  if (r.ok) {
    state.job = r.data;
    state.name = name;
    ui.name.value = name;
    changed(true);
  }
}

async function save() {
  const r = await api.saveJob(state.name, state.job);
  ui.status.textContent = r.ok ? `Saved as jobs/${state.name}.json` : (r.data?.error || 'not saved');
  refreshSavedList();
}

function settingsCard() {
  const s = state.job;
  const num = (id, label, get, set) => {
    const input = el('input', { id, type: 'number', value: get() ?? '' });
    input.addEventListener('input', () => { set(input.value === '' ? undefined : Number(input.value)); changed(); });
    return el('div', { class: 'field', 'data-path': id === 'setting-concurrent' ? '$.setting.speed.concurrent' : '$.setting.errorLimit.record' },
      el('label', { for: id }, label), input);
  };
  s.setting ??= {};
  return el('div', { class: 'card' }, el('h3', {}, 'Settings'),
    num('setting-concurrent', 'concurrent', () => s.setting.speed?.concurrent,
      v => { s.setting.speed ??= {}; if (v === undefined) delete s.setting.speed.concurrent; else s.setting.speed.concurrent = v; }),
    num('setting-error-limit', 'dirty records allowed', () => s.setting.errorLimit?.record,
      v => { s.setting.errorLimit ??= {}; if (v === undefined) delete s.setting.errorLimit.record; else s.setting.errorLimit.record = String(v); }));
}

function addTransformer(type) {
  const steps = state.job.steps;
  const n = steps.filter(s => kindOf(s) === 'transformer').length + 1;
  steps.splice(steps.length - 1, 0, { stepType: type, category: 'flatmap', name: `transform${n}`, parameter: {} });
  changed(true);
}

/** Draws one card per step; a card's form comes from its plugin's options. */
async function renderSteps() {
  const cards = await Promise.all(state.job.steps.map((step, i) => stepCard(step, i)));
  const focused = document.activeElement?.id;
  ui.steps.replaceChildren(...cards);
  if (focused) document.getElementById(focused)?.focus();
}

async function stepCard(step, i) {
  step.parameter ??= {};
  const kind = kindOf(step);
  const names = ui.catalog[`${kind}s`].map(p => p.name);
  const typeSelect = el('select', { id: `step-${i}-type`, 'data-path': `$.steps[${i}].stepType`,
    onchange: () => { step.stepType = typeSelect.value; changed(true); } },
    el('option', { value: '' }, `— choose a ${kind} —`), ...names.map(n => el('option', { value: n }, n)));
  typeSelect.value = names.includes(step.stepType) ? step.stepType : '';
  const nameInput = el('input', { id: `step-${i}-name`, value: step.name ?? '',
    oninput: () => { renameStep(step, nameInput.value); changed(); } });
  const card = el('div', { class: 'card step', id: `step-${i}`, 'data-step': i, 'data-kind': kind },
    el('h3', {}, step.name || kind, el('span', { class: 'kind' }, kind)),
    el('div', { class: 'field', 'data-path': `$.steps[${i}]` }, el('label', { for: typeSelect.id }, 'plugin'), typeSelect),
    el('div', { class: 'field', 'data-path': `$.steps[${i}].name` }, el('label', { for: nameInput.id }, 'step name'), nameInput));
  if (kind === 'transformer') {
    card.querySelector('h3').append(' ', el('button', { class: 'small secondary', type: 'button', title: 'Remove this step',
      onclick: () => { state.job.steps.splice(i, 1); changed(true); } }, 'remove'));
  }
  if (!step.stepType) return card;
  const spec = await pluginSpec(kind, step.stepType);
  if (!spec) {
    card.append(el('p', { class: 'bad' }, `No ${kind} plugin named "${step.stepType}" is installed.`));
    return card;
  }
  card.append(el('p', { class: 'muted' }, spec.description));
  let options = spec.options;
  const known = [];
  if (spec.modelProviderOption) {
    // the model provider is picked from the installed model plugins
    options = options.map(o => (o.key === spec.modelProviderOption ? { ...o, enum: ui.catalog.models.map(m => m.name) } : o));
  }
  card.append(optionFields(options, step.parameter, `$.steps[${i}].parameter`, () => changed(step.parameter[spec.modelProviderOption] !== step._provider)));
  const provider = spec.modelProviderOption && step.parameter[spec.modelProviderOption];
  Object.defineProperty(step, '_provider', { value: provider, enumerable: false, configurable: true, writable: true });
  if (provider) {
    const model = await pluginSpec('model', provider);
    if (model) {
      const own = new Set(spec.options.map(o => o.key));
      const extra = model.options.filter(o => !own.has(o.key));
      extra.forEach(o => known.push(o.key));
      card.append(el('h3', {}, `Model: ${provider}`, el('span', { class: 'kind' }, model.description)),
        optionFields(extra, step.parameter, `$.steps[${i}].parameter`, () => changed()));
    }
  }
  const others = undeclared(spec.options, step.parameter, known);
  if (others.length) {
    card.append(el('p', { class: 'muted' }, `Also set (edit in the JSON view): ${others.join(', ')}`));
  }
  return card;
}

function renameStep(step, name) {
  const old = step.name;
  step.name = name;
  for (const hop of state.job.order?.hops || []) {
    if (hop.from === old) hop.from = name;
    if (hop.to === old) hop.to = name;
  }
}

/** After a form edit: the JSON follows; `redraw` when the forms themselves must change (plugin picked…). */
function changed(redraw = false) {
  saveDraft();
  writeJson();
  if (redraw) renderSteps();
  scheduleValidate();
}

function writeJson() {
  ui.json.value = JSON.stringify(state.job, null, 2);
  ui.json.setCustomValidity('');
  ui.jsonNote.textContent = 'Edit either side: the other follows.';
}

let jsonTimer;
function onJsonEdited() {
  clearTimeout(jsonTimer);
  jsonTimer = setTimeout(() => {
    try {
      const parsed = JSON.parse(ui.json.value);
      if (!parsed || !Array.isArray(parsed.steps)) throw new Error('a job needs a "steps" array');
      state.job = parsed;
      saveDraft();
      ui.jsonNote.textContent = 'Forms updated from the JSON.';
      ui.jsonNote.className = 'muted';
      renderSteps();
      scheduleValidate();
    } catch (e) {
      ui.jsonNote.textContent = `Not applied: ${e.message}`;
      ui.jsonNote.className = 'bad';
    }
  }, 350);
}

let validateTimer;
function scheduleValidate() {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(validateNow, 600);
}

let lastValidation = 0;
async function validateNow() {
  const ticket = ++lastValidation;
  const r = await api.validate(state.job, state.name);
  if (ticket !== lastValidation || !ui) return; // a newer edit is being checked
  const result = r.data || {};
  showIssues(result.issues || (result.error ? [{ path: '$', message: result.error }] : []));
  ui.status.textContent = result.valid ? 'Valid' : `${(result.issues || []).length || 'Some'} problem(s)`;
  ui.status.className = result.valid ? 'ok' : 'bad';
  renderMapping(ui.mapping, state.job, result.steps || []);
  return result;
}

/** Each message goes to the field whose JSON path matches best; the rest to the Messages list. */
function showIssues(issues) {
  document.querySelectorAll('.issue').forEach(e => e.remove());
  document.querySelectorAll('.has-issue').forEach(e => e.classList.remove('has-issue'));
  ui.issues.replaceChildren();
  const targets = [...document.querySelectorAll('#steps [data-path], .card .field[data-path]')];
  for (const issue of issues) {
    let best = null;
    for (const t of targets) {
      const p = t.getAttribute('data-path');
      const prefix = issue.path === p || issue.path.startsWith(`${p}.`) || issue.path.startsWith(`${p}[`);
      if (prefix && (!best || p.length > best.getAttribute('data-path').length)) best = t;
    }
    const msg = el('div', { class: 'issue', 'data-issue-path': issue.path }, issue.message);
    ui.issues.append(el('li', {}, el('code', {}, issue.path), ' ', issue.message));
    if (best && best.getAttribute('data-path') !== '$') {
      const holder = best.closest('.field, td') || best;
      holder.classList.add('has-issue');
      holder.append(msg);
    }
  }
}

async function preview() {
  ui.preview.replaceChildren(el('p', { class: 'muted' }, 'Reading a sample and running the transformers…'));
  const r = await api.preview(state.job, state.name, 10);
  if (r.status === 422) {
    showIssues(r.data.issues);
    ui.preview.replaceChildren(el('p', { class: 'bad' }, 'The job is not valid: see the messages.'));
    return;
  }
  renderPreview(ui.preview, r.data);
  ui.preview.scrollIntoView({ block: 'nearest' });
}

async function run() {
  const r = await api.startRun(state.job, state.name);
  if (r.ok) {
    location.hash = `#/runs/${r.data.id}`;
  } else if (r.status === 422) {
    showIssues(r.data.issues);
    ui.status.textContent = 'Not started: the job is not valid';
    ui.status.className = 'bad';
  } else {
    ui.status.textContent = r.data?.error || `Not started (HTTP ${r.status})`;
  }
}
