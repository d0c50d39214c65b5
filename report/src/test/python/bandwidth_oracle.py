"""Makes the bandwidth test fixtures in ../resources/fixtures from the sample CSV's 14 rows.

- api_bandwidth_7d.json, api_bandwidth_7d_by_cloud.json: what GET /api/v1/bandwidth would answer for
  those spokes (docs/design.md). The CSV has no tunnels or eth0 counters, so tunnel names are made up
  (none for spokes with no internal bytes) and eth0 = egress + all tunnel bytes.
- spoke_bandwidth_7d.txt, *_by_cloud.txt, spoke_bandwidth_7d.json, *_by_cloud.json: the text and JSON
  the original Python script prints for them, written here with the original script's print()/json.dumps calls,
  independently of the Java code under test. The grouped outputs follow egressmon's choices (singular
  "(1 spoke)", every gateway listed, "group_by"/"groups" appended to the JSON).

Also copies what the CLI tests need to app/src/test/resources/cli, and what the tests of the API's
records and CSV need to api/src/test/resources/bandwidth.

Run: python3 report/src/test/python/bandwidth_oracle.py   (Python 3.7+, standard library only)
"""
import csv, json, hashlib, os
from datetime import datetime
from original_formats import hb
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'fixtures')
src = os.path.join(FIXTURES, 'spoke_bandwidth_7d.csv')
rows = list(csv.DictReader(open(src, newline='')))
def tunnels(r):
    if int(r['internal_rx_bytes']) == 0 and int(r['internal_tx_bytes']) == 0:
        return []
    h = hashlib.sha1(r['gateway'].encode()).hexdigest()
    n = 2 if r['vendor_name'] in ('Azure ARM', 'AWS') and 'prod' not in r['gateway'] else 1
    return ['tun-%s-%d' % (h[:8], i) for i in range(n)]
gws = []
for r in rows:
    irx, itx, erx, etx = (int(r[k]) for k in ('internal_rx_bytes','internal_tx_bytes','egress_rx_bytes','egress_tx_bytes'))
    g = {k: r[k] for k in ('gateway','account_name','vpc_name','vpc_id','vpc_region','vendor_name','transit_gw_name','group_name')}
    g['tunnel_interfaces'] = tunnels(r)
    g.update(internal_rx_bytes=irx, internal_tx_bytes=itx, egress_rx_bytes=erx, egress_tx_bytes=etx,
             eth0_rx_bytes=erx+irx+itx, eth0_tx_bytes=etx+irx+itx)
    gws.append(g)
start = datetime(2026, 2, 3, 10, 0, 0); end = datetime(2026, 2, 10, 10, 0, 0); days = 7
api = {"report": "spoke_gateway_bandwidth", "method": "interface_counters",
       "period_start": start.isoformat() + "Z", "period_end": end.isoformat() + "Z", "period_days": days,
       "gateways": [dict(g, tunnel_rx_bytes=g['internal_rx_bytes'], tunnel_tx_bytes=g['internal_tx_bytes'], resets=0) for g in gws],
       "aggregate": {"spokes": len(gws), **{k: sum(g[k] for g in gws) for k in ('internal_rx_bytes','internal_tx_bytes','egress_rx_bytes','egress_tx_bytes')}}}
def groups_by(attr):
    out = {}
    for g in gws:
        out.setdefault(g[attr] or 'unknown', []).append(g)
    return [{"name": k, "spokes": len(v), "gateways": [g['gateway'] for g in v],
             **{f: sum(g[f] for g in v) for f in ('internal_rx_bytes','internal_tx_bytes','egress_rx_bytes','egress_tx_bytes')}}
            for k, v in sorted(out.items())]
api_grouped = dict(api, group_by="cloud", groups=groups_by('vendor_name'))
open(os.path.join(FIXTURES, 'api_bandwidth_7d.json'),'w').write(json.dumps(api, indent=2) + "\n")
open(os.path.join(FIXTURES, 'api_bandwidth_7d_by_cloud.json'),'w').write(json.dumps(api_grouped, indent=2) + "\n")

# --- the oracle: the original script's formats as the original script prints them ---
import io, contextlib
def text(groups=None):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print("=" * 70)
        print("Spoke Gateway Bandwidth Report")
        print(f"Period: {start:%Y-%m-%d} to {end:%Y-%m-%d} ({days} days)")
        print("=" * 70)
        print()
        def fig(irx, itx, erx, etx):
            print(f"  Internal:  RX {hb(irx)}, TX {hb(itx)}")
            print(f"  Egress:    RX {hb(erx)}, TX {hb(etx)}")
            print(f"  Total:     {hb(irx+itx+erx+etx)}")
        if groups is None:
            for g in gws:
                print(f"{g['gateway']}:")
                fig(g['internal_rx_bytes'], g['internal_tx_bytes'], g['egress_rx_bytes'], g['egress_tx_bytes'])
                print()
        else:
            for g in groups:
                n = g['spokes']
                print(f"{g['name']}:  ({n} spoke{'' if n == 1 else 's'})")
                fig(g['internal_rx_bytes'], g['internal_tx_bytes'], g['egress_rx_bytes'], g['egress_tx_bytes'])
                print(f"  Gateways:  {', '.join(g['gateways'])}")
                print()
        print("-" * 70)
        print("AGGREGATE (all spokes)")
        print("-" * 70)
        a = api['aggregate']
        fig(a['internal_rx_bytes'], a['internal_tx_bytes'], a['egress_rx_bytes'], a['egress_tx_bytes'])
        print("=" * 70)
    return buf.getvalue()
open(os.path.join(FIXTURES, 'spoke_bandwidth_7d.txt'),'w').write(text())
open(os.path.join(FIXTURES, 'spoke_bandwidth_7d_by_cloud.txt'),'w').write(text(api_grouped['groups']))
original_json = {"report": "spoke_gateway_bandwidth", "method": "interface_counters",
             "period_start": start.isoformat() + "Z", "period_end": end.isoformat() + "Z", "period_days": days,
             "gateways": gws}
open(os.path.join(FIXTURES, 'spoke_bandwidth_7d.json'),'w').write(json.dumps(original_json, indent=2) + "\n")
original_json_grouped = dict(original_json, group_by="cloud", groups=api_grouped['groups'])
open(os.path.join(FIXTURES, 'spoke_bandwidth_7d_by_cloud.json'),'w').write(json.dumps(original_json_grouped, indent=2) + "\n")

# The CLI tests in app (io.egressmon.app.cli) run `report bandwidth` against a stub server answering
# with the API fixtures and compare stdout with the same expected files; the api module's tests read
# the answers, group the spokes and write the CSV: keep a copy in each.
import shutil
ROOT = os.path.join(FIXTURES, '..', '..', '..', '..', '..')
COPIES = {os.path.join(ROOT, 'app', 'src', 'test', 'resources', 'cli'):
              ('spoke_bandwidth_7d.csv', 'api_bandwidth_7d.json', 'api_bandwidth_7d_by_cloud.json',
               'spoke_bandwidth_7d.txt', 'spoke_bandwidth_7d_by_cloud.txt', 'spoke_bandwidth_7d.json'),
          os.path.join(ROOT, 'api', 'src', 'test', 'resources', 'bandwidth'):
              ('spoke_bandwidth_7d.csv', 'api_bandwidth_7d.json', 'api_bandwidth_7d_by_cloud.json')}
for folder, names in COPIES.items():
    os.makedirs(folder, exist_ok=True)
    for name in names:
        shutil.copyfile(os.path.join(FIXTURES, name), os.path.join(folder, name))
