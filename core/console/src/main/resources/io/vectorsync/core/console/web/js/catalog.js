// The plugin catalog: installed readers, transformers, model providers and writers, and one plugin's options.
import { el, pluginCatalog, pluginSpec } from './api.js';

export async function renderCatalog(main, [kind, name]) {
  if (kind && name) {
    const p = await pluginSpec(kind, name);
    if (!p) { main.append(el('p', { class: 'bad' }, `No ${kind} plugin named ${name}`)); return; }
    main.append(el('h2', {}, `${p.kind} ${p.name}`, el('span', { class: 'muted' }, ` ${p.version}`)),
      el('p', {}, p.description), optionTable(p.options), el('p', {}, el('a', { href: '#/catalog' }, '← all plugins')));
    return;
  }
  const catalog = await pluginCatalog();
  main.append(el('h2', {}, 'Installed plugins'));
  for (const [group, plugins] of Object.entries(catalog)) {
    main.append(el('h3', {}, group), el('div', { class: 'plugins' }, ...plugins.map(p =>
      el('div', { class: 'card', 'data-plugin': `${p.kind}/${p.name}` },
        el('a', { href: `#/catalog/${p.kind}/${encodeURIComponent(p.name)}` }, el('strong', {}, p.name)),
        el('span', { class: 'muted' }, ` ${p.version} · API ${p.apiVersion}`), el('div', {}, p.description)))));
  }
}

function optionTable(options) {
  return el('table', {}, el('tr', {}, ...['key', 'type', 'default', 'required', 'description'].map(h => el('th', {}, h))),
    ...options.map(o => el('tr', {}, el('td', {}, el('code', {}, o.key)),
      el('td', {}, o.typeName, o.enum ? ` (${o.enum.join(' | ')})` : '', o.secret ? ' 🔒' : ''),
      el('td', {}, o.default === undefined ? '' : JSON.stringify(o.default)), el('td', {}, o.required ? 'yes' : ''),
      el('td', {}, o.description, o.element ? optionTable(o.element) : ''))));
}
