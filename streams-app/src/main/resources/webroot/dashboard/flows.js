// The live flow table of /api/v1/flows: wildcarding a column collapses the rows that differ only there.

import { state, get, human, utc, fill, cell, row, showError } from './api.js';

const COLUMNS = ['gateway', 'src_addr', 'dst_addr', 'src_port', 'dst_port', 'protocol'];
const PROTOCOLS = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6' };

export function flowControls(onChange) {
  const box = document.getElementById('flows-wildcards');
  for (const c of COLUMNS) {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', id: `wild-${c}`, value: c });
    input.addEventListener('change', onChange);
    label.append(input, ` ${c}`);
    box.append(' ', label);
  }
}

const aggregate = () => COLUMNS.filter((c) => document.getElementById(`wild-${c}`).checked);

export async function loadFlows() {
  const el = document.getElementById('flows-covered');
  const params = { window: document.getElementById('flows-window').value, limit: document.getElementById('flows-limit').value,
    aggregate: aggregate().join(',') };
  const seq = (state.flowsSeq = (state.flowsSeq ?? 0) + 1);
  try {
    const a = await get('/api/v1/flows', params);
    if (seq !== state.flowsSeq) return;
    const shown = COLUMNS.filter((c) => !a.aggregate.includes(c));
    document.querySelector('#flows thead').innerHTML = `<tr>${shown.map((c) => `<th>${c}</th>`).join('')}`
      + '<th class="num">bytes</th><th class="num">packets</th><th class="num">kbit/s</th><th class="num">flows</th><th>first seen</th><th>last seen</th></tr>';
    fill(document.querySelector('#flows tbody'), a.rows.map((r) => row([
      ...shown.map((c) => cell(c === 'protocol' ? (PROTOCOLS[r.protocol] ?? String(r.protocol)) : String(r[c]))),
      cell(human(r.bytes), { num: true, value: r.bytes }), cell(String(r.packets), { num: true, value: r.packets }),
      cell(r.rate_kbps.toFixed(1), { num: true }), cell(String(r.flows), { num: true }),
      cell(utc(r.first_seen)), cell(utc(r.last_seen))], { bytes: String(r.bytes), packets: String(r.packets) })));
    const bytes = a.rows.reduce((s, r) => s + r.bytes, 0);
    document.querySelector('#flows tfoot').innerHTML = `<tr><td colspan="${shown.length}">${a.rows.length} of ${a.total_rows} rows, `
      + `${a.matched_flows} flow records</td><td class="num">${human(bytes)}</td><td colspan="5"></td></tr>`;
    el.textContent = `window ${a.window}: ${utc(a.from)} → ${utc(a.to)} · resolution 1 s · `
      + (a.complete ? 'complete' : `INCOMPLETE: collecting only since ${utc(a.covered_from)}`)
      + ' · exact' + (a.rows.length < a.total_rows ? ` · showing the top ${a.rows.length} rows by ${a.sort}` : '');
    el.classList.remove('error');
    el.dataset.complete = String(a.complete);
    state.flows = { params, aggregate: a.aggregate, from: a.from, to: a.to, complete: a.complete, totalRows: a.total_rows,
      matchedFlows: a.matched_flows, rows: a.rows.length, bytes, packets: a.rows.reduce((s, r) => s + r.packets, 0) };
  } catch (e) {
    if (seq !== state.flowsSeq) return;
    showError(el, e);
    fill(document.querySelector('#flows tbody'), []);
    state.flows = { params, error: e.message };
  }
}
