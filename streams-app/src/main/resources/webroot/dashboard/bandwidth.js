// Per-spoke (or per-group) egress and internal traffic over time, stacked, from /api/v1/bandwidth/series,
// and the spokes ranked by egress from /api/v1/bandwidth over the very same period.

import uPlot from './lib/uplot/uPlot.esm.js';
import { state, get, human, utc, showCovered, showError, fill, cell, row } from './api.js';

const charts = {};

/**
 * Raw counter sums add up; derived egress does not (it clamps at zero: api RawTotals). A total over
 * many points is therefore derived once from the summed raw fields, as the API derives its own.
 */
function derive(raw) {
  const tunnels = raw.tunnel_rx_bytes + raw.tunnel_tx_bytes;
  return { internal: tunnels, egress: Math.max(0, raw.eth0_rx_bytes - tunnels) + Math.max(0, raw.eth0_tx_bytes - tunnels) };
}

const RAW = ['eth0_rx_bytes', 'eth0_tx_bytes', 'tunnel_rx_bytes', 'tunnel_tx_bytes'];
const zero = () => Object.fromEntries(RAW.map((k) => [k, 0]));
const add = (sum, p) => { for (const k of RAW) sum[k] += p[k]; return sum; };

const color = (i, n) => `hsl(${Math.round((i * 360) / Math.max(n, 1) + 200) % 360} 60% 55%)`;

/** One series per member (spoke or group): per point its derived values, over the period its total. */
function seriesOf(members, byGateway, pointCount) {
  return members.map(({ name, gateways }) => {
    const points = Array.from({ length: pointCount }, (_, i) =>
      derive(gateways.reduce((sum, g) => add(sum, byGateway.get(g).points[i]), zero())));
    const raw = gateways.reduce((sum, g) => byGateway.get(g).points.reduce(add, sum), zero());
    return { name, gateways, internal: points.map((p) => p.internal), egress: points.map((p) => p.egress), total: derive(raw) };
  });
}

function draw(id, xs, series, kind, step) {
  const el = document.getElementById(id);
  charts[id]?.destroy();
  // Stacked: each series is drawn as the running sum up to it, largest first so the smaller ones
  // paint over it; the legend shows the series' own value.
  const ordered = [...series].sort((a, b) => b.total[kind] - a.total[kind]);
  const stacks = [];
  let running = xs.map(() => 0);
  for (const s of [...ordered].reverse()) { running = running.map((v, i) => v + s[kind][i]); stacks.unshift(running); }
  const opts = {
    width: Math.max(el.clientWidth, 480), height: 300,
    series: [{}, ...ordered.map((s, i) => ({
      label: s.name, stroke: color(i, ordered.length), fill: color(i, ordered.length), width: 1,
      value: (u, v, si, idx) => idx == null ? human(s.total[kind]) : human(ordered[si - 1][kind][idx]),
    }))],
    axes: [{}, { values: (u, ticks) => ticks.map(human), size: 80, label: `bytes per ${step}` }],
    legend: { live: true },
  };
  charts[id] = new uPlot(opts, [xs, ...stacks], el);
  return charts[id].series.slice(1).map((s) => s.label);
}

function rankingTable(answer, members) {
  const grouped = !!answer.group_by;
  const head = document.querySelector('#ranking thead');
  head.innerHTML = `<tr><th>#</th><th>${grouped ? answer.group_by : 'spoke'}</th><th class="num">egress</th>`
    + `<th class="num">internal</th><th class="num">egress share</th><th>${grouped ? 'spokes' : 'data until'}</th></tr>`;
  const lines = grouped
    ? answer.groups.map((g) => ({ name: g.name, egress: g.egress_rx_bytes + g.egress_tx_bytes,
      internal: g.internal_rx_bytes + g.internal_tx_bytes, note: `${g.spokes}` }))
    : answer.gateways.map((g) => ({ name: g.gateway, egress: g.egress_rx_bytes + g.egress_tx_bytes,
      internal: g.internal_rx_bytes + g.internal_tx_bytes,
      note: g.has_metrics ? utc(g.data_until) : 'no metrics' }));
  lines.sort((a, b) => b.egress - a.egress || a.name.localeCompare(b.name));
  fill(document.querySelector('#ranking tbody'), lines.map((l, i) => row([
    cell(String(i + 1)), cell(l.name), cell(human(l.egress), { num: true, value: l.egress }),
    cell(human(l.internal), { num: true, value: l.internal }),
    cell(l.egress + l.internal ? `${((100 * l.egress) / (l.egress + l.internal)).toFixed(1)} %` : '—', { num: true }),
    cell(l.note)], { name: l.name })));
  document.getElementById('ranking-title').textContent = `${grouped ? answer.group_by + 's' : 'Spokes'} ranked by egress`;
  return lines;
}

/** Asks for the period's answer and every spoke's series, then draws the charts and the ranking. */
export async function loadBandwidth(period) {
  const covered = [document.getElementById('bandwidth-covered'), document.getElementById('ranking-covered')];
  const seq = (state.bandwidthSeq = (state.bandwidthSeq ?? 0) + 1);
  try {
    const answer = await get('/api/v1/bandwidth', { from: period.from, to: period.to, group_by: period.groupBy });
    const gateways = answer.gateways.map((g) => g.gateway);
    const series = await Promise.all(gateways.map((g) =>
      get('/api/v1/bandwidth/series', { gateway: g, from: period.from, to: period.to, step: period.step })));
    if (seq !== state.bandwidthSeq) return; // a newer period was asked meanwhile
    const byGateway = new Map(series.map((s) => [s.gateway, s]));
    const xs = series.length ? series[0].points.map((p) => Date.parse(p.start) / 1000) : [];
    const members = answer.group_by
      ? answer.groups.map((g) => ({ name: g.name, gateways: g.gateways.filter((n) => byGateway.has(n)) }))
      : gateways.map((g) => ({ name: g, gateways: [g] }));
    const built = seriesOf(members, byGateway, xs.length);
    const extra = `${answer.aggregate.spokes} spokes, ${xs.length} steps of ${period.step}`;
    covered.forEach((el) => showCovered(el, answer, extra));
    const charted = { egress: draw('egress-chart', xs, built, 'egress', period.step),
      internal: draw('internal-chart', xs, built, 'internal', period.step) };
    rankingTable(answer, members);
    state.bandwidth = { from: period.from, to: period.to, step: period.step, groupBy: period.groupBy,
      periodStart: answer.period_start, periodEnd: answer.period_end, resolution: answer.resolution,
      complete: answer.complete, approximate: answer.approximate, points: xs.length, charted,
      series: built.map((s) => ({ name: s.name, gateways: s.gateways, internal: s.total.internal, egress: s.total.egress })) };
  } catch (e) {
    if (seq !== state.bandwidthSeq) return;
    covered.forEach((el) => showError(el, e));
    state.bandwidth = { from: period.from, to: period.to, error: e.message };
  }
}
