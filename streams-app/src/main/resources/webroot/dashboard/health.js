// How the pipeline is doing: this instance's /health and /ready, and how far the answers' data reaches.

import { state, get, utc } from './api.js';

function item(dl, term, value, cls) {
  const dt = document.createElement('dt'), dd = document.createElement('dd');
  dt.textContent = term; dd.textContent = value;
  if (cls) dd.className = cls;
  dl.append(dt, dd);
}

export async function loadHealth() {
  const dl = document.getElementById('health');
  let h, ready;
  try { h = await get('/health'); } catch (e) { h = { status: 'unreachable', error: e.message }; }
  try { ready = (await get('/ready')).status; } catch (e) { ready = `not ready: ${e.message}`; }
  dl.replaceChildren();
  item(dl, 'status', h.status + (h.error ? ` (${h.error})` : ''), `status-${h.status}`);
  item(dl, 'Kafka Streams', h.streams_state ?? '—');
  item(dl, 'readiness', ready);
  if (h.kafka) item(dl, 'Kafka', h.kafka.reachable ? `reachable (contact ${h.kafka.seconds_since_contact} s ago)` : `NOT reachable: ${h.kafka.error ?? ''}`);
  item(dl, 'processing lag', h.processing_lag_records == null ? '—' : `${h.processing_lag_records} records`);
  const b = state.bandwidth, t = state.talkers, f = state.flows;
  item(dl, 'counters watermark', b && !b.error ? (b.complete ? `complete to ${utc(b.periodEnd)}` : `behind: see the chart's "data until"`) : '—');
  item(dl, 'talkers watermark', t && !t.error ? (t.complete ? `complete to ${utc(t.periodEnd)}` : 'behind: see the talkers panel') : '—');
  item(dl, 'flow table', f && !f.error ? (f.complete ? 'collecting for the whole window' : 'collecting for part of the window') : '—');
  for (const [reason, count] of Object.entries(h.dropped ?? {})) item(dl, `dropped: ${reason}`, String(count));
  state.health = { status: h.status, streamsState: h.streams_state, lag: h.processing_lag_records, dropped: h.dropped, ready };
}
