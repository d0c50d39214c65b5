// The period every bandwidth and talkers panel asks for, on the grid of the chart's step, so the
// chart, the ranking and the talkers cover the same [from, to) and no answer is cut mid-step.

import { state } from './api.js';

const MINUTE = 60_000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
/** The 5-minute windows are kept two days (docs/design.md): finer steps only within them. */
const FINE_RETENTION = 2 * DAY - 10 * MINUTE;
const STEPS = { '5m': 5 * MINUTE, '1h': HOUR, '1d': DAY };

const floorTo = (t, step) => Math.floor(t / step) * step;
const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');

function stepFor(from, to, now) {
  if (to - from <= DAY && now - from <= FINE_RETENTION) return '5m';
  if (to - from <= 60 * DAY) return '1h';
  return '1d';
}

/** The period the controls say, or an Error saying what is wrong with a custom one. */
export function currentPeriod(now = Date.now()) {
  const preset = document.getElementById('period-preset').value;
  let from, to, label;
  if (preset === 'custom') {
    const f = Date.parse(document.getElementById('period-from').value + 'Z');
    const t = Date.parse(document.getElementById('period-to').value + 'Z');
    if (Number.isNaN(f) || Number.isNaN(t)) throw new Error('give both "from" and "to"');
    if (t <= f) throw new Error('"to" must be after "from"');
    from = f; to = Math.min(t, now); label = 'custom';
  } else {
    const days = parseInt(preset, 10);
    to = now; from = now - days * DAY; label = `last ${days} d`;
  }
  const step = stepFor(from, to, now);
  // The start on the hour (the day for daily steps): counters are read in slices that never cross an
  // hour, so an hour-aligned edge is exact; the end on the step's grid keeps the live edge.
  const period = { from: iso(floorTo(from, step === '1d' ? DAY : HOUR)), to: iso(floorTo(to, STEPS[step])), step, label,
    groupBy: document.getElementById('group-by').value || null };
  if (period.from === period.to) throw new Error(`the period is shorter than one ${step} step`);
  state.period = period;
  return period;
}

/** Shows or hides the custom inputs and fills them with the current period when they first appear. */
export function onPresetChange() {
  const custom = document.getElementById('period-preset').value === 'custom';
  document.getElementById('custom-period').hidden = !custom;
  if (custom && !document.getElementById('period-from').value) {
    const now = Date.now();
    document.getElementById('period-from').value = iso(floorTo(now - DAY, HOUR)).slice(0, 16);
    document.getElementById('period-to').value = iso(floorTo(now, HOUR)).slice(0, 16);
  }
  return !custom;
}
