#!/usr/bin/env bash
# Issue #13: click-to-rendered page times in Chromium, national profile in both layouts, and one unit alone (see
# docs/performance.md, "Page times in the browser"). Generates each database once (then reuses it) and prints one table
# per layout, then a unit's pages in the 50-unit installation against the same-size unit alone.
# Environment: OMBUD_REPS (repetitions after the first, default 9), OMBUD_PROFILE (default the national profile),
#   OMBUD_UNITS (default 50), OMBUD_BENCH_DB (the one-unit file, default /tmp/perf-national.db; the others get -units.db /
#   -unit.db next to it), OMBUD_APP_ARGS (more --Key=value settings for the app, e.g. to compare a setting's values).
#   Runs niced: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
profile="${OMBUD_PROFILE:---ombud 300 --years 10 --clients-per-year 15000}"
units="${OMBUD_UNITS:-50}"
reps="${OMBUD_REPS:-9}"
one="${OMBUD_BENCH_DB:-/tmp/perf-national.db}"
many="${one%.db}-units.db"
alone="${one%.db}-unit.db"
out="$PWD/tests/Ombud.Benchmarks/results"
mkdir -p "$out"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then # as tests/test.sh: Debian's chromium, never a downloaded browser
  echo "Installing Chromium (apt)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
[ "${OMBUD_SKIP_BUILD:-}" = 1 ] || nice dotnet build tests/Ombud.Benchmarks -c Release -nologo -v q
web="$PWD/src/Ombud.Web/bin/Release/net10.0/Ombud.Web.dll"
read -r _ ombud _ years _ perYear <<<"$profile"
# One unit alone of the size each of the N units gets: ombud/N ombud and clients-per-year/N clients a year, same years.
unitProfile="--ombud $((ombud / units)) --years $years --clients-per-year $((perYear / units))"
seed() { # FILE ARGS...
  local f="$1"; shift
  if [ ! -f "$f" ]; then echo "Generating $f ($*)..."; nice dotnet "$web" seed-demo "$@" --ConnectionStrings:Ombud="Data Source=$f" 2>/dev/null | tail -1
  else nice dotnet "$web" units list --ConnectionStrings:Ombud="Data Source=$f" >/dev/null; fi # applies pending migrations (any verb does)
}
# shellcheck disable=SC2086
seed "$one" $profile
# shellcheck disable=SC2086
seed "$many" $profile --units "$units"
# shellcheck disable=SC2086
seed "$alone" $unitProfile

bench="$PWD/tests/Ombud.Benchmarks/bin/Release/net10.0"
run() { (cd "$bench" && nice dotnet Ombud.Benchmarks.dll --browser --reps "$reps" "$@"); }
echo "uptime at the start: $(uptime)"
{
  run --db "$one" --layout "1-unit" --ombud ombud001 --lead chef-riket
  run --db "$many" --layout "$units-units" --ombud ombud001 --lead chef-enhet01
  run --db "$alone" --layout "unit-alone" --ombud ombud001 --lead chef-riket
} | tee "$out/browser.txt"
echo "uptime at the end: $(uptime)"

# A unit's pages in the N-unit installation against the same-size unit alone (median over median; target <= 1.2).
python3 - "$out/browser.txt" "$units" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1], encoding='utf-8'):
    if line.startswith('PAGE '):
        kv = dict(p.split('=', 1) for p in line.split()[1:])
        rows[(kv['layout'], kv['page'])] = float(kv['median_ms'])
many = f"{sys.argv[2]}-units"
for page in ('my-clients', 'search', 'client', 'review', 'report', 'faults'):
    a, b = rows.get((many, page)), rows.get(('unit-alone', page))
    if a and b:
        print(f"UNIT {page}: {many} {a:.0f} ms / unit alone {b:.0f} ms = {a / b:.2f} (target <= 1.2)")
PY
