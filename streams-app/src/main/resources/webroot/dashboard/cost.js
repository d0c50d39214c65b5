// What the period's egress cost per spoke, from /api/v1/cost over the same period as the other panels:
// the spokes ranked by dollars, the period's total, the month to date and the month-end forecast.

import { state, get, human, usd, utc, showCovered, showError, fill, cell, row } from './api.js';

/** The tier of a spoke's billing account in the month of the period's end, or '—'. */
function tierOf(answer, gateway) {
  const t = answer.tiers.find((s) => s.billing_key === gateway.billing_key && s.month === answer.month_to_date.month);
  return t ? String(t.tier) : '—';
}

function forecast(f) {
  if (!f) return '— (nothing priced yet)';
  const spread = f.uncertainty_usd != null ? ` ± ${usd(f.uncertainty_usd)}` : ' (uncertainty unknown: under 2 days of history)';
  return `${usd(f.month_end_usd)}${spread} (${f.month}, from ${f.basis_days} d of history)`;
}

function clear() {
  for (const id of ['cost-total', 'cost-month-to-date', 'cost-forecast']) document.getElementById(id).textContent = '—';
  fill(document.querySelector('#cost-spokes tbody'), []);
}

export async function loadCost(period) {
  const el = document.getElementById('cost-covered');
  const seq = (state.costSeq = (state.costSeq ?? 0) + 1);
  try {
    const answer = await get('/api/v1/cost', { from: period.from, to: period.to });
    if (seq !== state.costSeq) return;
    // Never a partial sum shown as final: an incomplete answer says so on every figure.
    const partial = answer.complete ? '' : ` (incomplete: priced until ${utc(answer.priced_until)})`;
    showCovered(el, answer, `priced until ${utc(answer.priced_until)} · only internet egress is priced`);
    const mtd = answer.month_to_date;
    document.getElementById('cost-total').textContent = `${usd(answer.aggregate.usd)} for ${human(answer.aggregate.egress_bytes)}${partial}`;
    document.getElementById('cost-month-to-date').textContent = `${usd(mtd.usd)} (${mtd.month})${partial}`;
    document.getElementById('cost-forecast').textContent = forecast(answer.forecast);
    const ranked = [...answer.gateways].sort((a, b) => Number(b.usd) - Number(a.usd) || a.gateway.localeCompare(b.gateway));
    fill(document.querySelector('#cost-spokes tbody'), ranked.map((g, i) => row([
      cell(String(i + 1)), cell(g.gateway), cell(g.account ?? '—'),
      cell(human(g.egress_bytes), { num: true, value: g.egress_bytes }),
      cell(usd(g.usd), { num: true, value: g.usd, cls: 'usd' }), cell(tierOf(answer, g))],
    { gateway: g.gateway, usd: g.usd })));
    state.cost = { from: period.from, to: period.to, periodStart: answer.period_start, periodEnd: answer.period_end,
      complete: answer.complete, pricedUntil: answer.priced_until, total: answer.aggregate.usd,
      monthToDate: { month: mtd.month, usd: mtd.usd, shown: usd(mtd.usd) },
      spokes: ranked.map((g) => ({ gateway: g.gateway, usd: g.usd, shown: usd(g.usd) })) };
  } catch (e) {
    if (seq !== state.costSeq) return;
    showError(el, e);
    clear();
    state.cost = { from: period.from, to: period.to, error: e.message };
  }
}
