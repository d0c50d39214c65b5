// What every panel shares: the GET, the page's observable state and how an answer's footing is shown.

/** The page's state, readable from outside (the browser test reads it; so can a curious engineer's console). */
export const state = window.egressmon = { requests: [], period: null, bandwidth: null, talkers: null, cost: null, budgets: null, flows: null, health: null };

export class ApiError extends Error {
  constructor(status, message) { super(`${status}: ${message}`); this.status = status; }
}

/** GET an API path and read its JSON; a non-2xx answer throws with the API's own message. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, v);
  const url = query.size ? `${path}?${query}` : path;
  state.requests.push(url);
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.message ?? response.statusText);
  return body;
}

/** Bytes as people read them (binary units, like the original reports). */
export function human(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = Number(bytes), i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 2)} ${units[i]}`;
}

/**
 * Dollars as the API writes them (exact decimal strings) rounded half-up to the cent, from the digits,
 * not through a binary double: "1234.565" is "$1,234.57", as `egressmon report cost` prints it.
 */
export function usd(amount) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(amount));
  if (!m) return String(amount);
  const frac = (m[3] ?? '').padEnd(3, '0');
  const cents = BigInt(m[2] + frac.slice(0, 2)) + (frac[2] >= '5' ? 1n : 0n);
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = m[1] === '-' && cents !== 0n;
  return `${negative ? '-' : ''}$${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
}

export const utc = (iso) => iso ? iso.replace('T', ' ').replace(/:00Z$|Z$/, '') : '—';

/**
 * What an answer stands on, in one line and as data attributes: its resolution, the period it covers
 * (and the one asked, when they differ), complete or not (with how far data reaches), exact or approximate.
 */
export function showCovered(el, a, extra = '') {
  const parts = [`resolution ${a.resolution ?? '—'}`, `covers ${utc(a.period_start)} → ${utc(a.period_end)}`];
  if (a.requested_start) parts.push(`asked ${utc(a.requested_start)} → ${utc(a.requested_end)}`);
  parts.push(a.complete ? 'complete' : `INCOMPLETE: data only until ${utc(a.data_until)}, numbers will still grow`);
  if (a.approximate !== undefined && a.approximate !== null) {
    parts.push(a.approximate ? `APPROXIMATE ±${a.error_bound_bytes != null ? human(a.error_bound_bytes) : '?'}` : 'exact');
  }
  if (extra) parts.push(extra);
  el.textContent = parts.join(' · ');
  el.classList.remove('error');
  el.dataset.resolution = a.resolution ?? '';
  el.dataset.periodStart = a.period_start ?? '';
  el.dataset.periodEnd = a.period_end ?? '';
  el.dataset.complete = String(!!a.complete);
  el.dataset.approximate = String(!!a.approximate);
}

/** An answer that did not come: said where its numbers would be, never left showing older ones as current. */
export function showError(el, error) {
  el.textContent = `no answer: ${error.message}${error.status === 503 ? ' (the instances are rebalancing or starting; try again)' : ''}`;
  el.classList.add('error');
  el.dataset.complete = 'false';
}

/** Replaces a table body's rows. */
export function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

/** A table cell; numbers right-aligned, with the exact value in data-value and the title. */
export function cell(text, { num = false, value = null, cls = null } = {}) {
  const td = document.createElement('td');
  td.textContent = text;
  if (num) td.classList.add('num');
  if (cls) td.classList.add(cls);
  if (value !== null) { td.dataset.value = String(value); td.title = String(value); }
  return td;
}

export function row(cells, data = {}) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  Object.assign(tr.dataset, data);
  return tr;
}
