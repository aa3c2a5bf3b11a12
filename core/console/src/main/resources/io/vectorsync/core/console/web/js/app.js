// Hash router: #/editor, #/runs[/id], #/datasources, #/catalog[/kind/name].
import { renderEditor } from './editor.js';
import { renderRuns } from './runs.js';
import { renderDatasources } from './datasources.js';
import { renderCatalog } from './catalog.js';

const pages = { editor: renderEditor, runs: renderRuns, datasources: renderDatasources, catalog: renderCatalog };

function route() {
  const [page = 'editor', ...rest] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const render = pages[page] || renderEditor;
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', a.id === `nav-${page}`));
  const main = document.getElementById('app');
  main.replaceChildren();
  // data-ready-ms: milliseconds from navigation start until the page was drawn with its data (the load benchmark reads it)
  Promise.resolve(render(main, rest.map(decodeURIComponent)))
    .finally(() => { document.documentElement.dataset.readyMs = String(Math.round(performance.now())); });
}

window.addEventListener('hashchange', route);
route();
