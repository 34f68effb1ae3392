#!/usr/bin/env bash
# The whole scale benchmark of billing (bench/README.md): fetch the national Etalab files, build Release, run the
# pipeline benchmark (BenchmarkDotNet, pinned to one core), then a national billing run on SQLite and on PostgreSQL
# (with the treasury exports of the issued run, and of a small run first; RUN_ARGS=--no-exports to skip them).
# Raw outputs go to bench/.results/ (gitignored).
#
# Usage: bench/run.sh
# Environment:
#   PROVIDERS="Sqlite PostgreSql"   which databases to run on (default both)
#   SKIP_PIPELINE=1                 skip the BenchmarkDotNet part
#   GC_SERVER=1                     GC of the `run` mode: 1 = Server GC, as the web app (default); 0 = Workstation
#   SN_TEST_POSTGRES=<conn string>  use this PostgreSQL server instead of a throw-away one (initdb/pg_ctl)
#   RUN_ARGS="..."                  extra arguments of `run` (e.g. --subscriptions-per-tenant 10 --batch-size 1000)
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/.." && pwd)"
results="$bench_dir/.results"
project="$bench_dir/SommeNumerique.Saas.Bench"
dll="$project/bin/Release/net10.0/SommeNumerique.Saas.Bench.dll"
providers="${PROVIDERS:-Sqlite PostgreSql}"
mkdir -p "$results"

echo "== 1. Etalab national files"
"$bench_dir/fetch-etalab.sh"

echo "== 2. Build (Release)"
dotnet build "$project" -c Release --nologo -v quiet | tail -n 3

echo "== 3. Machine"
{
  echo "date: $(date -Iseconds)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB\n", $2/1024/1024}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "dotnet: $(dotnet --version)"
  echo "postgres: $( (command -v postgres >/dev/null && postgres --version) || (ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && "$(ls /usr/lib/postgresql/*/bin/postgres | tail -n1)" --version) || echo 'n/a')"
  echo "git: $(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo_root" diff --quiet 2>/dev/null || echo ' (working tree modified)')"
} | tee "$results/machine.txt"

time_v=()
if [[ -x /usr/bin/time ]]; then time_v=(/usr/bin/time -v); fi

if [[ "${SKIP_PIPELINE:-0}" != "1" ]]; then
  echo "== 4. Pipeline benchmark (BenchmarkDotNet, in-process, pinned to CPU 0)"
  pin=()
  if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
  (cd "$bench_dir" && "${pin[@]}" dotnet "$dll" pipeline --filter '*' --artifacts "$results/pipeline-artifacts") 2>&1 \
    | tee "$results/pipeline.txt" | grep -E '^\||^// [0-9]+ charges' || true
fi

for provider in $providers; do
  echo "== 5. National billing run on $provider"
  # shellcheck disable=SC2086
  (cd "$repo_root" && DOTNET_gcServer="${GC_SERVER:-1}" "${time_v[@]}" dotnet "$dll" run --provider "$provider" --data "$bench_dir/.data" ${RUN_ARGS:-}) \
    > "$results/run-$(echo "$provider" | tr '[:upper:]' '[:lower:]').txt" 2>&1 \
    || { echo "run on $provider failed: see $results/run-$(echo "$provider" | tr '[:upper:]' '[:lower:]').txt" >&2; exit 1; }
  grep -E '^\||Maximum resident|Elapsed \(wall|^Process:' "$results/run-$(echo "$provider" | tr '[:upper:]' '[:lower:]').txt" | awk '!seen[$0]++'
done

echo "Raw outputs: $results"
