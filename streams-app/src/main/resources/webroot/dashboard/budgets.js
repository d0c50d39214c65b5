// This month's budgets (month-to-date against each monthly budget, and the forecast) and the alerts
// raised, from /api/v1/alerts. Budgets are per calendar month, so this panel ignores the period picker.

import { state, get, usd, utc, fill, cell, row } from './api.js';

function bar(percent) {
  const td = document.createElement('td');
  const outer = document.createElement('div');
  const inner = document.createElement('div');
  const p = Number(percent);
  outer.className = 'bar';
  inner.style.width = `${Math.min(100, Math.max(0, p))}%`;
  inner.className = p >= 100 ? 'over' : p >= 80 ? 'near' : 'under';
  outer.append(inner);
  td.append(outer);
  return td;
}

function forecast(b) {
  if (b.forecast_usd == null) return '—';
  return usd(b.forecast_usd) + (b.forecast_uncertainty_usd != null ? ` ± ${usd(b.forecast_uncertainty_usd)}` : '');
}

function showBudgets(budgets) {
  fill(document.querySelector('#budgets tbody'), budgets.map((b) => row([
    cell(`${b.scope_kind} ${b.scope_name}`),
    cell(usd(b.month_to_date_usd), { num: true, value: b.month_to_date_usd }),
    cell(usd(b.monthly_usd), { num: true, value: b.monthly_usd }),
    cell(b.percent_used != null ? `${Number(b.percent_used).toFixed(1)} %` : '—', { num: true }),
    bar(b.percent_used ?? 0),
    cell(forecast(b), { num: true, cls: b.forecast_usd != null && Number(b.forecast_usd) > Number(b.monthly_usd) ? 'warn' : null }),
    cell(utc(b.priced_until))],
  { scope: `${b.scope_kind}:${b.scope_name}`, monthToDate: b.month_to_date_usd, monthly: b.monthly_usd })));
}

function showAlerts(alerts) {
  const list = document.getElementById('alerts');
  list.replaceChildren(...alerts.map((a) => {
    const li = document.createElement('li');
    // level: a threshold's percent (50, 80, 100), 'forecast' for a burn rate, the day for a spike.
    if (a.level === '100' || a.kind === 'burn_rate') li.className = 'alert-over';
    li.textContent = `${utc(a.as_of)} · ${a.scope_kind} ${a.scope_name} · ${a.kind} ${a.level}: ${a.message}`;
    li.dataset.dedupeKey = a.dedupe_key;
    return li;
  }));
}

/** Asks for this month's budgets and alerts; no budgets file (or no such endpoint yet) shows "no budgets". */
export async function loadBudgets() {
  const el = document.getElementById('budgets-covered');
  const seq = (state.budgetsSeq = (state.budgetsSeq ?? 0) + 1);
  let answer;
  try {
    answer = await get('/api/v1/alerts');
  } catch (e) {
    if (seq !== state.budgetsSeq) return;
    // 404: no budgets configured on this deployment (or an egressmon without alerts): nothing to show,
    // which is not an error of the page. Anything else is said where the numbers would be.
    const none = e.status === 404;
    el.textContent = none ? 'no budgets' : `no answer: ${e.message}`;
    el.classList.toggle('error', !none);
    el.dataset.complete = String(none);
    showBudgets([]);
    showAlerts([]);
    state.budgets = none ? { month: null, budgets: [], alerts: [], none: true } : { error: e.message };
    return;
  }
  if (seq !== state.budgetsSeq) return;
  const budgets = answer.budgets ?? [], alerts = answer.alerts ?? [];
  const parts = [`month ${answer.month ?? '—'}`];
  parts.push(budgets.length ? `${budgets.length} budget${budgets.length === 1 ? '' : 's'}` : 'no budgets');
  // complete: the month is over and priced to its end; before that, month to date is as far as it is priced.
  parts.push(answer.complete ? 'complete month' : `month to date, priced until ${utc(answer.priced_until)}`);
  parts.push(`${alerts.length} alert${alerts.length === 1 ? '' : 's'} raised`);
  el.textContent = parts.join(' · ');
  el.classList.remove('error');
  el.dataset.complete = String(!!answer.complete);
  showBudgets(budgets);
  showAlerts(alerts);
  state.budgets = { month: answer.month, complete: answer.complete, none: budgets.length === 0,
    budgets: budgets.map((b) => ({ scope: `${b.scope_kind}:${b.scope_name}`, monthToDate: b.month_to_date_usd,
      monthly: b.monthly_usd, percent: b.percent_used })),
    alerts: alerts.map((a) => a.dedupe_key) };
}
