"""Makes the top-talkers test fixtures in ../../resources/talkers.

- top_talkers_7d.csv is a copy of shared/reference/sample-reports/top_talkers_7d.csv (a real global
  report). api_top_talkers_7d.json is what GET /api/v1/top-talkers would answer for its rows
  (docs/design.md, "FlowIQ top talkers").
- api_top_talkers_7d_per_spoke.json: a made-up per-spoke answer for five spokes (attributes from the
  bandwidth sample; one spoke without inventory attributes, one CGNAT address, an address shared by the
  two Azure spokes, a spoke with no sources), asked with top=3; api_top_talkers_7d_per_spoke_by_cloud.json
  is the same answer grouped by cloud, the groups as the server sends them.
- Every API answer says how many rows per ranking were asked ("top": 10 for the sample, the original
  script's default); the printed JSON (top_talkers_7d*.json) is the original's and leaves it out.
- The expected outputs (*.txt, *.json, top_talkers_7d_per_spoke.csv) are the original script's formats, written
  here with print()/csv/json.dumps from the layout of the original README's example
  (the text report's layout is in BandwidthText's and TopTalkersText's Javadoc), independently of the Java code under test:
    row  = "  " + rank right-aligned in 3 + ". " + ip left-aligned in 24 + " " + bytes right-aligned
           in 12 (44 characters, as every row of the README example) + " [CGNAT]" for 100.64.0.0/10;
    per-spoke rows are indented two more spaces; grouped output follows egressmon's choices (groups
    sorted by name, "unknown" for a missing attribute, rankings merged by summing bytes per address).

Also copies what the CLI tests need to app/src/test/resources/cli, and what the tests of the API's
records and CSV need to api/src/test/resources/talkers.

Run: python3 report/src/test/python/talkers/talkers_oracle.py   (Python 3.7+, standard library only)
"""
import contextlib, csv, io, json, os, shutil, sys
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from original_formats import hb  # noqa: E402  (the shared module is one folder up)
OUT = os.path.join(HERE, '..', '..', 'resources', 'talkers')
CLI = os.path.join(HERE, '..', '..', '..', '..', '..', 'app', 'src', 'test', 'resources', 'cli')
API = os.path.join(HERE, '..', '..', '..', '..', '..', 'api', 'src', 'test', 'resources', 'talkers')

START = datetime(2026, 2, 3, 10, 0, 0)
END = datetime(2026, 2, 10, 10, 0, 0)
DAYS = 7


def cgnat(ip):
    a = ip.split('.')
    return len(a) == 4 and a[0] == '100' and 64 <= int(a[1]) <= 127


def api_row(rank, ip, b, url):
    return {"rank": rank, "ip": ip, "bytes": b, "human_readable": hb(b), "is_cgnat": cgnat(ip),
            "flowiq_filter": ip, "copilot_url": url}


def write(name, text):
    with open(os.path.join(OUT, name), 'w', newline='') as f:
        f.write(text)


# --- the global sample ---
with open(os.path.join(OUT, 'top_talkers_7d.csv'), newline='') as f:
    sample = list(csv.DictReader(f))
URL = sample[0]['copilot_url']
dst = [api_row(int(r['rank']), r['ip'], int(r['bytes']), URL) for r in sample if r['direction'] == 'destination']
src = [api_row(int(r['rank']), r['ip'], int(r['bytes']), URL) for r in sample if r['direction'] == 'source']
head = {"report": "flowiq_top_talkers", "mode": "global",
        "period_start": START.isoformat() + "Z", "period_end": END.isoformat() + "Z", "period_days": DAYS,
        "copilot_flowiq_url": URL}
global_doc = dict(head, destinations=dst, sources=src)
write('api_top_talkers_7d.json', json.dumps(dict(global_doc, top=10), indent=2) + "\n")
write('top_talkers_7d.json', json.dumps(global_doc, indent=2) + "\n")


def row_line(indent, r):
    mark = " [CGNAT]" if r['is_cgnat'] else ""
    return f"{indent}  {r['rank']:>3}. {r['ip']:<24} {hb(r['bytes']):>12}{mark}"


def header(extra=()):
    print("=" * 70)
    print("FlowIQ Top Talkers Report")
    print(f"Period: {START:%Y-%m-%d} to {END:%Y-%m-%d} ({DAYS} days)")
    for line in extra:
        print(line)
    print("=" * 70)


def footer():
    print()
    print("Method: FlowIQ field_agg (bidirectional, CIDR-based egress filter)")
    print(f"CoPilot: {URL}")
    print("Tip: paste any IP into the FlowIQ filter bar to drill down")
    print("=" * 70)


def global_text(doc):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        header()
        print()
        print(f"TOP {len(doc['destinations'])} DESTINATIONS (Egress)")
        print("-" * 70)
        for r in doc['destinations']:
            print(row_line("", r))
        print()
        print(f"TOP {len(doc['sources'])} SOURCES (Internal \u2192 Egress)")
        print("-" * 70)
        for r in doc['sources']:
            print(row_line("", r))
        footer()
    return buf.getvalue()


write('top_talkers_7d.txt', global_text(global_doc))

# --- a per-spoke answer, top=3 ---
TOP = 3
ATTRS = ('account_name', 'vpc_name', 'vpc_id', 'vpc_region', 'vendor_name', 'transit_gw_name', 'group_name')
spokes = [
    ("lab-spoke", dict.fromkeys(ATTRS, None),
     [("23.39.40.90", 812345678)], [("10.9.0.5", 812345678)]),
    ("marketing-azure-spoke-all",
     dict(account_name="marketing-azure", vpc_name="marketing-azure-spoke-all",
          vpc_id="marketing-azure-spoke-all:rg-av-marketing-azure-spoke-all-783434:5555b6f5-2ecf-4bc6-a5ae-07b964264407",
          vpc_region="North Europe", vendor_name="Azure ARM", transit_gw_name="transit-azure-north-europe",
          group_name="marketing-azure-spoke-all"),
     [("23.185.0.3", 26889267504), ("47.91.64.21", 15756893421), ("216.150.1.1", 5336693864)],
     [("10.2.2.100", 35032320124), ("10.2.2.40", 20144438134), ("10.2.2.70", 13512054273)]),
    ("operations-aws-spoke-k8s",
     dict(account_name="operations-aws", vpc_name="operations-aws-spoke-k8s",
          vpc_id="vpc-03bca47bf62b22bf3~~operations-aws-spoke-k8s", vpc_region="us-east-1", vendor_name="AWS",
          transit_gw_name="transit-aws-us-east-1", group_name="operations-aws-spoke-k8s"),
     [("3.33.186.135", 5280571749), ("15.197.167.90", 5271027734), ("100.64.12.7", 733)],
     [("10.1.5.46", 6468218334), ("10.1.5.12", 6466555885), ("10.1.5.13", 6462224436)]),
    ("operations-azure-spoke-k8s",
     dict(account_name="operations-azure", vpc_name="operations-azure-spoke-k8s",
          vpc_id="operations-azure-spoke-k8s:rg-av-operations-azure-spoke-k8s-005307:df903132-f1eb-4259-b38e-f23fc94f1123",
          vpc_region="North Europe", vendor_name="Azure ARM", transit_gw_name="transit-azure-north-europe",
          group_name="operations-azure-spoke-k8s"),
     [("23.39.42.173", 12344761313), ("216.150.1.1", 9900000000), ("54.230.114.5", 4556677722)],
     [("10.2.5.141", 4941039399), ("10.2.5.143", 4936300998)]),
    ("operations-oci-spoke-shared",
     dict(account_name="operations-oci", vpc_name="operations-oci-spoke-shared",
          vpc_id="ocid1.vcn.oc1.ap-singapore-1.amaaaaaaldcacyaaktoqqhfcr2onbzsvzbnntexhmdriapaek52ea37sqlzq~~operations-oci-spoke-shared",
          vpc_region="ap-singapore-1", vendor_name="Oracle Cloud Infrastructure",
          transit_gw_name="transit-oci-ap-singapore-1", group_name="operations-oci-spoke-shared"),
     [("54.230.114.67", 4555510589), ("54.230.114.82", 1500)], []),
]
gateways = []
for name, attrs, d, s in spokes:
    g = {"gateway": name}
    g.update(attrs)
    g["destinations"] = [api_row(i, ip, b, URL) for i, (ip, b) in enumerate(d, 1)]
    g["sources"] = [api_row(i, ip, b, URL) for i, (ip, b) in enumerate(s, 1)]
    gateways.append(g)
per_spoke_doc = {"report": "flowiq_top_talkers", "mode": "per_spoke",
                 "period_start": START.isoformat() + "Z", "period_end": END.isoformat() + "Z",
                 "period_days": DAYS, "copilot_flowiq_url": URL, "gateways": gateways}
write('api_top_talkers_7d_per_spoke.json', json.dumps(dict(per_spoke_doc, top=TOP), indent=2) + "\n")
write('top_talkers_7d_per_spoke.json', json.dumps(per_spoke_doc, indent=2) + "\n")

buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["gateway", *ATTRS, "rank", "direction", "ip", "bytes", "human_readable", "is_cgnat",
            "flowiq_filter", "copilot_url"])
for g in gateways:
    for direction, rows in (("destination", g["destinations"]), ("source", g["sources"])):
        for r in rows:
            w.writerow([g["gateway"], *(g[a] for a in ATTRS), r["rank"], direction, r["ip"], r["bytes"],
                        r["human_readable"], r["is_cgnat"], r["flowiq_filter"], r["copilot_url"]])
write('top_talkers_7d_per_spoke.csv', buf.getvalue())


def rankings(dsts, srcs):
    if dsts:
        print("  Top Destinations:")
        for r in dsts:
            print(row_line("  ", r))
    if srcs:
        print("  Top Sources:")
        for r in srcs:
            print(row_line("  ", r))


def per_spoke_text():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        header(["Per-spoke breakdown"])
        for g in gateways:
            print()
            print(f"{g['gateway']}:")
            rankings(g["destinations"], g["sources"])
        footer()
    return buf.getvalue()


def merge(lists):
    total, order = {}, []
    for lst in lists:
        for r in lst:
            if r["ip"] not in total:
                order.append(r)
                total[r["ip"]] = 0
            total[r["ip"]] += r["bytes"]
    ranked = sorted(order, key=lambda r: total[r["ip"]], reverse=True)[:TOP]
    return [api_row(i, r["ip"], total[r["ip"]], URL) for i, r in enumerate(ranked, 1)]


def groups_by(key, attr):
    members = {}
    for g in gateways:
        members.setdefault(g[attr] or "unknown", []).append(g)
    return [{"name": k, "spokes": len(v), "gateways": [g["gateway"] for g in v],
             "destinations": merge([g["destinations"] for g in v]),
             "sources": merge([g["sources"] for g in v])} for k, v in sorted(members.items())]


def grouped_text(key, groups):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        header(["Per-spoke breakdown", f"Grouped by: {key}"])
        for grp in groups:
            n = grp["spokes"]
            print()
            print(f"{grp['name']}:  ({n} spoke{'' if n == 1 else 's'})")
            print(f"  Gateways: {', '.join(grp['gateways'])}")
            rankings(grp["destinations"], grp["sources"])
        footer()
    return buf.getvalue()


by_cloud = groups_by("cloud", "vendor_name")
write('top_talkers_7d_per_spoke.txt', per_spoke_text())
write('top_talkers_7d_per_spoke_by_cloud.txt', grouped_text("cloud", by_cloud))
write('api_top_talkers_7d_per_spoke_by_cloud.json',
      json.dumps(dict(per_spoke_doc, group_by="cloud", groups=by_cloud, top=TOP), indent=2) + "\n")
write('top_talkers_7d_per_spoke_by_cloud.json',
      json.dumps(dict(per_spoke_doc, group_by="cloud", groups=by_cloud), indent=2) + "\n")

# The CLI tests in app (io.egressmon.app.cli) run `report top-talkers` against a stub server answering
# with the API fixtures and compare stdout with the same expected files; the api module's tests read
# the answers and write the CSV: keep a copy in each.
COPIES = {CLI: ('top_talkers_7d.csv', 'api_top_talkers_7d.json', 'top_talkers_7d.txt', 'top_talkers_7d.json',
                'api_top_talkers_7d_per_spoke.json', 'top_talkers_7d_per_spoke.csv', 'top_talkers_7d_per_spoke.txt',
                'api_top_talkers_7d_per_spoke_by_cloud.json', 'top_talkers_7d_per_spoke_by_cloud.txt'),
          API: ('top_talkers_7d.csv', 'api_top_talkers_7d.json', 'api_top_talkers_7d_per_spoke.json',
                'top_talkers_7d_per_spoke.csv')}
for folder, names in COPIES.items():
    os.makedirs(folder, exist_ok=True)
    for name in names:
        shutil.copyfile(os.path.join(OUT, name), os.path.join(folder, name))
