#!/usr/bin/env bash
# Central-sync benchmark (numbers for the issue's note; timings never go in unit tests). Starts its own
# PostgreSQL 15 in a temporary folder on a loopback port, then:
#   1. simulates KIOSKS kiosks × PER_KIOSK results each (kiosk-admin simulate, dates spread over a year);
#   2. syncs every kiosk with `kiosk-admin sync` (its own role, one process per kiosk, one after another):
#      total rows/s and the largest peak memory (RSS) of one sync process;
#   3. in the same run, loads the same rows with `psql \copy` into a table of the same shape (the upper
#      bound: no reading of SQLite, no acknowledgements, one stream);
#   4. times the city report's queries (kiosk-admin city-report prints each query's time).
#   4b. with --report-rows N: copies the central rows server-side (new random ids, dates, locations and
#      profile bands drawn at random, so the cells fill as 94 real kiosks' would) up to N rows and times the
#      city report again there — the report at 2 M rows without simulating and syncing 2 M rows first;
#   5. profiles refresh_city() (EXPLAIN ANALYZE of its statements, in DIR/refresh-profile.txt with --keep).
# Default 94 × 500 (47 000 rows) finishes in a few minutes; the issue's size is `--rows 2000000` (94 kiosks ×
# 21 277, about one year each) — or the same as a first argument: scripts/bench-central.sh 2000000.
# Usage: scripts/bench-central.sh [ROWS] [--rows N | --per-kiosk N] [--kiosks N] [--batch N] [--dir DIR]
#                                 [--report-rows N] [--keep] [--no-build]
# On a shared 2-core machine 94 × 21 277 does not finish in reasonable time (simulating alone runs at a few
# hundred rows/s); `--kiosks 4 --per-kiosk 21300 --report-rows 2000000` measures sync at a full kiosk-year
# per kiosk and the report at 2 M rows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
kiosks=94 per=500 rows="" report_rows=0 batch=500 dir="" keep=0 build_first=1
while [ $# -gt 0 ]; do
  case "$1" in
    [0-9]*) rows="$1"; shift ;;
    --rows) rows="$2"; shift 2 ;;
    --report-rows) report_rows="$2"; shift 2 ;;
    --kiosks) kiosks="$2"; shift 2 ;;
    --per-kiosk) per="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build_first=0; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "bench-central: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -n "$rows" ]; then
  [[ "$rows" =~ ^[0-9]+$ ]] && [ "$rows" -ge "$kiosks" ] || { echo "bench-central: ROWS must be a whole number ≥ the kiosk count" >&2; exit 2; }
  per=$(( (rows + kiosks - 1) / kiosks ))
fi
command -v sqlite3 >/dev/null || { echo "bench-central: the sqlite3 shell is needed" >&2; exit 1; }
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/pg_ctl" ] || { echo "bench-central: PostgreSQL 15 is needed (scripts/setup.sh installs it)" >&2; exit 1; }
[ "$build_first" = 0 ] || "$root/scripts/setup.sh" "$build" >/dev/null
admin="$build/kiosk/admin/kiosk-admin"
questionnaire="$root/questionnaires/danang-dcf.json"
[ -n "$dir" ] || dir="$(mktemp -d /tmp/bench-central-XXXXXX)"
mkdir -p "$dir"
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# The server runs as postgres when this script runs as root (PostgreSQL refuses root).
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); chown postgres: "$dir"; fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
pw="bench-$RANDOM$RANDOM"
echo "$pw" > "$dir/pwfile"; chmod 600 "$dir/pwfile"; [ ${#as_pg[@]} -eq 0 ] || chown postgres: "$dir/pwfile"
"${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U kadmin --pwfile="$dir/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 40
EOF
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  if [ "$keep" = 0 ]; then rm -rf "$dir"; else echo "kept $dir"; fi
}
trap cleanup EXIT
umask 077
echo "*:*:*:kadmin:$pw" > "$dir/admin.pgpass"
url="postgresql://kadmin@127.0.0.1:$port/postgres"
export PGPASSFILE="$dir/admin.pgpass"

echo "== machine: $(nproc) cores, $(uname -r); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') (default settings, fsync on)"
echo "== 1. simulating $kiosks kiosks × $per results (one year of dates)"
start=$EPOCHREALTIME
for i in $(seq 1 "$kiosks"); do
  "$admin" simulate --db "$dir/k$i.db" --questionnaire "$questionnaire" --count "$per" --batch 1000 \
    --days 365 --kiosk-id "kiosk-$i" --location "ward-$(( (i - 1) % 94 + 1 ))" --seed "$i" >/dev/null
done
total=$(( kiosks * per ))
echo "   $total results in $(calc "$EPOCHREALTIME - $start") s"

"$admin" central init --url "$url" --passfile "$PGPASSFILE" >/dev/null
for i in $(seq 1 "$kiosks"); do
  "$admin" central add-kiosk --url "$url" --passfile "$PGPASSFILE" --kiosk "kiosk-$i" --role "kiosk_$i" \
    --write-passfile "$dir/k$i.pgpass" >/dev/null
done

echo "== 2. kiosk-admin sync, $kiosks kiosks one after another, batches of $batch"
maxrss=0
start=$EPOCHREALTIME
for i in $(seq 1 "$kiosks"); do
  /usr/bin/time -f "%M" -o "$dir/rss" "$admin" sync --db "$dir/k$i.db" --passfile "$dir/k$i.pgpass" \
    --central "postgresql://kiosk_$i@127.0.0.1:$port/postgres" --batch "$batch" >/dev/null
  rss=$(tail -1 "$dir/rss"); [ "$rss" -gt "$maxrss" ] && maxrss=$rss
done
sync_s=$(calc "$EPOCHREALTIME - $start" 2)
central_rows=$(psql -h 127.0.0.1 -p "$port" -U kadmin -d postgres -Atc "SELECT count(*) FROM kiosk_central.results")
echo "   $central_rows rows in $sync_s s = $(calc "$central_rows / $sync_s" 0) rows/s; peak RSS of one sync process: $(calc "$maxrss / 1024") MiB"

echo "== 3. psql \\copy of the same rows into a table of the same shape (upper bound)"
cols="id, kiosk_id, location_code, questionnaire_id, questionnaire_version, questionnaire_sha256, day, language, assisted, age_band, gender, simulated, overall_score, overall_level, knowledge, skill, attitude, answers, area_scores, competency_scores"
for i in $(seq 1 "$kiosks"); do
  sqlite3 -batch -tabs -nullvalue '\N' "$dir/k$i.db" \
    "SELECT '\\\\x' || lower(hex(id)), kiosk_id, location_code, questionnaire_id, questionnaire_version, questionnaire_sha256, day, language, assisted, age_band, gender, CASE simulated WHEN 1 THEN 't' ELSE 'f' END, printf('%.17g', overall_score), overall_level, printf('%.17g', knowledge), printf('%.17g', skill), printf('%.17g', attitude), answers, area_scores, competency_scores FROM results"
done > "$dir/rows.tsv"
psql -q -h 127.0.0.1 -p "$port" -U kadmin -d postgres -c \
  "CREATE TABLE kiosk_central.results_copy (LIKE kiosk_central.results INCLUDING ALL)"
start=$EPOCHREALTIME
psql -q -h 127.0.0.1 -p "$port" -U kadmin -d postgres -c "\\copy kiosk_central.results_copy ($cols) FROM '$dir/rows.tsv'"
copy_s=$(calc "$EPOCHREALTIME - $start" 2)
copy_rows=$(psql -h 127.0.0.1 -p "$port" -U kadmin -d postgres -Atc "SELECT count(*) FROM kiosk_central.results_copy")
echo "   $copy_rows rows in $copy_s s = $(calc "$copy_rows / $copy_s" 0) rows/s"
echo "   sync / \\copy throughput: $(calc "($central_rows / $sync_s) / ($copy_rows / $copy_s)" 2)"

echo "== 4. city report on $central_rows rows (simulated results included: they are all simulated here)"
start=$EPOCHREALTIME
"$admin" city-report --central "$url" --passfile "$PGPASSFILE" --include-simulated \
  --html "$dir/city.html" --xlsx "$dir/city.xlsx" | sed 's/^/   /'
echo "   whole command: $(calc "$EPOCHREALTIME - $start" 2) s; HTML $(( $(stat -c %s "$dir/city.html") / 1024 )) KiB, XLSX $(( $(stat -c %s "$dir/city.xlsx") / 1024 )) KiB"

if [ "$report_rows" -gt "$central_rows" ]; then
  echo "== 4b. city report on $report_rows rows (central rows copied server-side with new ids, dates, places, bands)"
  copies=$(( (report_rows - central_rows + central_rows - 1) / central_rows ))
  start=$EPOCHREALTIME
  psql -q -h 127.0.0.1 -p "$port" -U kadmin -d postgres -c "
    INSERT INTO kiosk_central.results ($cols)
    SELECT decode(md5(random()::text || clock_timestamp()::text), 'hex'), kiosk_id,
           'ward-' || (1 + floor(random() * 94))::int, questionnaire_id, questionnaire_version, questionnaire_sha256,
           date '2026-01-01' + floor(random() * 365)::int, language,
           (ARRAY['yes', 'no', 'no-answer'])[1 + floor(random() * 3)::int],
           (ARRAY['under-30', '30-44', '45-59', '60-74', '75-plus', 'no-answer'])[1 + floor(random() * 6)::int],
           (ARRAY['female', 'male', 'other', 'no-answer'])[1 + floor(random() * 4)::int],
           simulated, overall_score, overall_level, knowledge, skill, attitude, answers, area_scores, competency_scores
    FROM kiosk_central.results_copy, generate_series(1, $copies)
    LIMIT $(( report_rows - central_rows ));
    ANALYZE kiosk_central.results;"
  big_rows=$(psql -h 127.0.0.1 -p "$port" -U kadmin -d postgres -Atc "SELECT count(*) FROM kiosk_central.results")
  echo "   $big_rows rows (copying took $(calc "$EPOCHREALTIME - $start" 1) s)"
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$dir/report-rss" "$admin" city-report --central "$url" --passfile "$PGPASSFILE" \
    --include-simulated --html "$dir/city-big.html" --xlsx "$dir/city-big.xlsx" | sed 's/^/   /'
  echo "   whole command: $(calc "$EPOCHREALTIME - $start" 2) s; peak RSS of city-report $(calc "$(tail -1 "$dir/report-rss") / 1024") MiB"
fi

echo "== 5. refresh_city() profile: each statement inside it with EXPLAIN ANALYZE (auto_explain)"
psql -q -h 127.0.0.1 -p "$port" -U kadmin -d postgres >"$dir/refresh-profile.txt" 2>&1 <<SQL
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_analyze = on;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_level = notice;
SET client_min_messages = notice;
SELECT kiosk_central.refresh_city(5, true);
SQL
# The slowest statements first: "duration: N ms  plan:" lines followed by the statement's first line.
awk '/duration: [0-9.]+ ms/ { match($0, /duration: [0-9.]+/); d = substr($0, RSTART + 10, RLENGTH - 10); getline; getline;
     sub(/^[ \t]*/, ""); printf "%10.1f ms  %s\n", d, substr($0, 1, 100) }' "$dir/refresh-profile.txt" | sort -rn | head -8 | sed 's/^/   /'
