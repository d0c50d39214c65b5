// The top talkers of the period, FlowIQ's or the collected flows', and the spokes they appear at.

import { state, get, human, showCovered, showError, fill, cell, row } from './api.js';

/** For each IP: the spokes that have it in their own top N of the role, with their bytes there. */
function spokesByIp(perSpoke, role) {
  const out = new Map();
  for (const spoke of perSpoke.gateways ?? []) {
    for (const t of spoke[role] ?? []) {
      if (!out.has(t.ip)) out.set(t.ip, []);
      out.get(t.ip).push(`${spoke.gateway} (${human(t.bytes)})`);
    }
  }
  return out;
}

function table(id, rows, spokes) {
  fill(document.querySelector(`#${id} tbody`), (rows ?? []).map((t) => row([
    cell(String(t.rank)), cell(t.ip + (t.is_cgnat ? ' (CGNAT)' : '')),
    cell(human(t.bytes), { num: true, value: t.bytes }),
    cell((spokes.get(t.ip) ?? ['— (not in any spoke\'s top N)']).join(', '), { cls: 'spokes' })],
  { ip: t.ip, rank: String(t.rank), bytes: String(t.bytes) })));
}

export async function loadTalkers(period) {
  const el = document.getElementById('talkers-covered');
  const params = { from: period.from, to: period.to, source: document.getElementById('talkers-source').value,
    top: document.getElementById('talkers-top').value };
  const seq = (state.talkersSeq = (state.talkersSeq ?? 0) + 1);
  try {
    const [global, perSpoke] = await Promise.all([get('/api/v1/top-talkers', params),
      get('/api/v1/top-talkers', { ...params, per_spoke: 'true' })]);
    if (seq !== state.talkersSeq) return;
    showCovered(el, global, `source ${global.source ?? 'flowiq'}${global.truncated_input ? ' · input truncated' : ''}`);
    table('talkers-destinations', global.destinations, spokesByIp(perSpoke, 'destinations'));
    table('talkers-sources', global.sources, spokesByIp(perSpoke, 'sources'));
    state.talkers = { params, periodStart: global.period_start, periodEnd: global.period_end, complete: global.complete };
  } catch (e) {
    if (seq !== state.talkersSeq) return;
    showError(el, e);
    fill(document.querySelector('#talkers-destinations tbody'), []);
    fill(document.querySelector('#talkers-sources tbody'), []);
    state.talkers = { params, error: e.message };
  }
}
