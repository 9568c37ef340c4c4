#!/usr/bin/env bash
# Runs every performance benchmark of docs/performance.md and prints the key ratios as its last lines.
#   bash tests/Ombud.Benchmarks/run.sh            national profile (300 ombud, 10 years, 15,000 clients a year)
# Environment: OMBUD_BENCH_DB (SQLite file, default /tmp/perf-national.db; generated once, then reused),
#   OMBUD_PROFILE ("--ombud N --years Y --clients-per-year C", for a smaller profile), OMBUD_CIRCUITS (tabs per page, default 50),
#   OMBUD_BENCH_SQLSERVER (a SQL Server connection string to a database filled by seed-demo: benchmarked too),
#   OMBUD_BENCH_FILTER (BenchmarkDotNet filter, default '*'). Runs niced: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export OMBUD_BENCH_DB="${OMBUD_BENCH_DB:-/tmp/perf-national.db}"
profile="${OMBUD_PROFILE:---ombud 300 --years 10 --clients-per-year 15000}"
circuits="${OMBUD_CIRCUITS:-50}"
out="$PWD/tests/Ombud.Benchmarks/results"
mkdir -p "$out"

nice dotnet build src/Ombud.Web -c Release -nologo -v q
nice dotnet build tests/Ombud.Benchmarks -c Release -nologo -v q
dotnet tool restore >/dev/null # dotnet-gcdump: the circuit-memory probe reads the server's heap with it
web="$PWD/src/Ombud.Web/bin/Release/net10.0/Ombud.Web.dll"
if [ ! -f "$OMBUD_BENCH_DB" ]; then
  echo "Generating $OMBUD_BENCH_DB ($profile)..."
  # shellcheck disable=SC2086
  nice dotnet "$web" seed-demo $profile --ConnectionStrings:Ombud="Data Source=$OMBUD_BENCH_DB" 2>/dev/null | tee "$out/seed-demo.txt"
else
  # any verb applies pending migrations (e.g. a new index) to an existing file; a report for an empty year changes nothing
  nice dotnet "$web" units list --ConnectionStrings:Ombud="Data Source=$OMBUD_BENCH_DB" >/dev/null # applies pending migrations
fi

bench="$PWD/tests/Ombud.Benchmarks/bin/Release/net10.0"
(cd "$out" && nice dotnet "$bench/Ombud.Benchmarks.dll" --filter "${OMBUD_BENCH_FILTER:-*}" | tee "$out/benchmarks.txt")
# memory per circuit, the server process alone (its gcdump): empty page, Mina klienter, the client page
(cd "$bench" && nice dotnet Ombud.Benchmarks.dll --circuits "$circuits" 2>/dev/null | tee "$out/circuits.txt")
# Click-to-rendered page times in Chromium, both layouts and a unit alone (issue #13; OMBUD_BROWSER=0 skips it).
[ "${OMBUD_BROWSER:-1}" = 0 ] || OMBUD_SKIP_BUILD=1 bash tests/Ombud.Benchmarks/browser.sh

# Key ratios (last lines): the app's yearly report against the SQL lower bound (medians), and memory per circuit.
python3 - "$out" <<'PY'
import csv, glob, os, sys
out = sys.argv[1]
def ms(v):
    v = v.replace(',', '').strip()
    num, unit = v.split()[0], (v.split()[1] if len(v.split()) > 1 else 'ms')
    return float(num) * {'s': 1000, 'ms': 1, 'us': 0.001, 'μs': 0.001, 'ns': 1e-6}[unit]
rows = []
for f in glob.glob(os.path.join(out, 'BenchmarkDotNet.Artifacts', 'results', '*ReportBenchmarks-report.csv')):
    rows += list(csv.DictReader(open(f, encoding='utf-8')))
for scope in ('False', 'True'):
    sel = [r for r in rows if r['OneMunicipality'] == scope and r.get('Provider', 'Sqlite') == 'Sqlite']
    bound = next((ms(r['Median']) for r in sel if 'SQL lower bound' in r['Method']), None)
    app = next((ms(r['Median']) for r in sel if 'client figures' in r['Method']), None)
    whole = next((ms(r['Median']) for r in sel if 'whole report' in r['Method']), None)
    if bound and app:
        name = 'one municipality' if scope == 'True' else 'all municipalities'
        print(f"RATIO report/sql-bound ({name}): {app / bound:.2f}  (app {app:.0f} ms, whole report {whole:.0f} ms, SQL bound {bound:.0f} ms, medians; target <= 1.5 and < 1000 ms)")
for line in open(os.path.join(out, 'circuits.txt'), encoding='utf-8'):
    if line.startswith('CIRCUIT '):
        kv = dict(p.split('=') for p in line.split()[1:])
        print(f"KB per circuit ({kv['page']}): {kv['heap_kb_per_circuit']} KB live managed heap, {kv['rss_kb_per_circuit']} KB RSS"
              f" ({kv['circuits']} tabs, server process alone; target <= 500 KB)")
PY
