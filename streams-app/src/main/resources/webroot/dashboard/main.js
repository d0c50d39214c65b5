// Wires the controls to the panels: a new period or grouping asks every period panel again (the cost
// panel too; the budgets are this month's whatever the period); the flow table and the health refresh
// by themselves.

import { loadBandwidth } from './bandwidth.js';
import { loadTalkers } from './talkers.js';
import { loadCost } from './cost.js';
import { loadBudgets } from './budgets.js';
import { flowControls, loadFlows } from './flows.js';
import { loadHealth } from './health.js';
import { currentPeriod, onPresetChange } from './period.js';
import { showError } from './api.js';

const LIVE_MS = 5000;

async function loadPeriod() {
  let period;
  try {
    period = currentPeriod();
  } catch (e) {
    ['bandwidth-covered', 'ranking-covered', 'talkers-covered', 'cost-covered'].forEach((id) => showError(document.getElementById(id), e));
    return;
  }
  await Promise.all([loadBandwidth(period), loadTalkers(period), loadCost(period), loadBudgets()]);
  await loadHealth();
}

const byId = (id) => document.getElementById(id);
byId('period-preset').addEventListener('change', () => { if (onPresetChange()) loadPeriod(); });
byId('period').addEventListener('submit', (e) => { e.preventDefault(); loadPeriod(); });
byId('group-by').addEventListener('change', loadPeriod);
for (const id of ['talkers-source', 'talkers-top']) {
  byId(id).addEventListener('change', () => { try { loadTalkers(currentPeriod()); } catch (e) { showError(byId('talkers-covered'), e); } });
}
flowControls(loadFlows);
for (const id of ['flows-window', 'flows-limit']) byId(id).addEventListener('change', loadFlows);

setInterval(() => { if (byId('flows-live').checked) loadFlows(); loadHealth(); }, LIVE_MS);
loadPeriod();
loadFlows();
