#!/usr/bin/env bash
# The one "run all the tests" command, locally and in CI (.ci/run).
#
# Installs (Debian packages, only when missing) and starts on loopback the real services the tests use:
# PostgreSQL, Redis, Chromium (+ Noto fonts for Arabic screenshots). Then runs `dotnet test Messaging.sln`.
# Extra arguments are passed to `dotnet test`, e.g.:  bash scripts/test.sh --filter "FullyQualifiedName~Search"
#
# Works as root without systemd (uses pg_ctlcluster, not systemctl) and is idempotent: a second run
# only checks that everything is already up.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

log() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

if [[ "$(id -u)" -eq 0 ]]; then
    as_root() { "$@"; }
    as_postgres() { (cd / && runuser -u postgres -- "$@"); }
else
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is not installed; run as root"
    as_root() { sudo "$@"; }
    as_postgres() { (cd / && sudo -u postgres "$@"); }
fi

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------- packages
packages=(postgresql redis-server chromium fonts-noto-core)
missing=()
for pkg in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
    log "Installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ---------------------------------------------------------------------------------------------- PostgreSQL
# Pick the newest cluster named main, else the newest cluster; create one if the package did not (or it was dropped).
clusters="$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1nr || true)"
cluster="$(awk '$2 == "main"' <<<"$clusters" | head -n 1)"
[[ -n "$cluster" ]] || cluster="$(head -n 1 <<<"$clusters")"
if [[ -z "$cluster" ]]; then
    pg_version="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null | awk -F/ '{ print $5 }' | sort -n | tail -n 1 || true)"
    [[ -n "$pg_version" ]] || die "PostgreSQL is installed but no server version found in /usr/lib/postgresql"
    create_port=5432
    while port_in_use "$create_port"; do create_port=$((create_port + 1)); done
    log "Creating PostgreSQL cluster $pg_version/main on port $create_port"
    as_root pg_createcluster --port "$create_port" "$pg_version" main >/dev/null
    cluster="$(pg_lsclusters --no-header | awk -v v="$pg_version" '$1 == v && $2 == "main"')"
fi
read -r pg_version pg_cluster pg_port pg_status _ <<<"$cluster"

# Installing the package may have started the cluster through its init script, listening on 'localhost'
# (127.0.0.1 and ::1); restart such a fresh cluster our way. A cluster that was already running is left alone.
if [[ "$pg_status" == online* && " ${missing[*]} " == *" postgresql "* ]]; then
    log "Restarting the freshly installed PostgreSQL $pg_version/$pg_cluster on loopback only"
    as_root pg_ctlcluster "$pg_version" "$pg_cluster" stop
    pg_status=down
fi

if [[ "$pg_status" == online* ]]; then
    log "PostgreSQL $pg_version/$pg_cluster already running on port $pg_port"
else
    # Keep the configured port unless something else holds it.
    if port_in_use "$pg_port"; then
        new_port=5432
        while port_in_use "$new_port"; do new_port=$((new_port + 1)); done
        log "Port $pg_port is taken; moving PostgreSQL $pg_version/$pg_cluster to port $new_port"
        as_root pg_conftool "$pg_version" "$pg_cluster" set port "$new_port"
        pg_port="$new_port"
    fi
    # The socket directory lives on /run, which is empty after a reboot or in a fresh container.
    as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    log "Starting PostgreSQL $pg_version/$pg_cluster on 127.0.0.1:$pg_port"
    # Loopback only, given on the command line so postgresql.conf stays untouched. Extra options also make
    # pg_ctlcluster start postgres directly instead of redirecting to systemctl (there is no systemd in CI).
    if ! as_root pg_ctlcluster -o "-c listen_addresses=127.0.0.1" "$pg_version" "$pg_cluster" start; then
        tail -n 30 "/var/log/postgresql/postgresql-$pg_version-$pg_cluster.log" >&2 || true
        die "could not start PostgreSQL cluster $pg_version/$pg_cluster"
    fi
fi

pg_ready=false
for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$pg_port" -t 1; then pg_ready=true; break; fi
    sleep 0.5
done
$pg_ready || die "PostgreSQL did not accept connections on 127.0.0.1:$pg_port within 30 s (see /var/log/postgresql/postgresql-$pg_version-$pg_cluster.log)"

# The tests create and drop one database per test class, so the role needs CREATEDB; SUPERUSER also lets
# them install extensions. Run every time (cheap) so a changed password is put back.
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres <<'SQL' >/dev/null
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'messaging') THEN
        CREATE ROLE messaging LOGIN SUPERUSER PASSWORD 'messaging';
    ELSE
        ALTER ROLE messaging LOGIN SUPERUSER PASSWORD 'messaging';
    END IF;
END
$$;
SQL

# ---------------------------------------------------------------------------------------------- Redis
redis_port=6379
if [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null || true)" == "PONG" ]]; then
    log "Redis already running on 127.0.0.1:$redis_port"
else
    port_in_use "$redis_port" && die "port $redis_port is taken by something that does not answer Redis PING"
    redis_log="${TMPDIR:-/tmp}/messaging-test-redis.log"
    log "Starting Redis on 127.0.0.1:$redis_port (log: $redis_log)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
        --dir "${TMPDIR:-/tmp}" --logfile "$redis_log" --pidfile "${TMPDIR:-/tmp}/messaging-test-redis.pid"
fi
redis_ready=false
for _ in $(seq 1 50); do
    if [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null || true)" == "PONG" ]]; then redis_ready=true; break; fi
    sleep 0.2
done
$redis_ready || die "Redis did not answer PING on 127.0.0.1:$redis_port within 10 s (see ${TMPDIR:-/tmp}/messaging-test-redis.log)"

# ---------------------------------------------------------------------------------------------- S3 (s3rver)
# A real S3-protocol server for the S3 attachment store's tests: npm s3rver, installed once into a cache folder and
# started on loopback with its data in TMPDIR. A second run finds it answering and leaves it alone.
s3_port=4569
s3_dir="${XDG_CACHE_HOME:-$HOME/.cache}/messaging-test/s3rver"
if (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && curl -s "http://127.0.0.1:$s3_port/" 2>/dev/null | grep -q ListAllMyBucketsResult; then
    log "s3rver already running on 127.0.0.1:$s3_port"
else
    port_in_use "$s3_port" && die "port $s3_port is taken by something that is not s3rver"
    command -v npm >/dev/null 2>&1 || die "npm is needed to install s3rver (apt-get install npm)"
    if [[ ! -x "$s3_dir/node_modules/.bin/s3rver" ]]; then
        log "Installing s3rver into $s3_dir"
        mkdir -p "$s3_dir"
        (cd "$s3_dir" && npm install --no-audit --no-fund --loglevel=error s3rver@3.7.1 >/dev/null)
    fi
    s3_data="${TMPDIR:-/tmp}/messaging-test-s3rver"
    mkdir -p "$s3_data"
    log "Starting s3rver on 127.0.0.1:$s3_port (data: $s3_data)"
    nohup node "$s3_dir/node_modules/.bin/s3rver" -d "$s3_data" -a 127.0.0.1 -p "$s3_port" --silent \
        >"${TMPDIR:-/tmp}/messaging-test-s3rver.log" 2>&1 &
    echo $! >"${TMPDIR:-/tmp}/messaging-test-s3rver.pid"
    s3_ready=false
    for _ in $(seq 1 50); do
        if port_in_use "$s3_port"; then s3_ready=true; break; fi
        sleep 0.2
    done
    $s3_ready || die "s3rver did not listen on 127.0.0.1:$s3_port within 10 s (see ${TMPDIR:-/tmp}/messaging-test-s3rver.log)"
fi
export MESSAGING_TEST_S3="http://127.0.0.1:$s3_port"

# ---------------------------------------------------------------------------------------------- Chromium
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found although the chromium package is installed"

# ---------------------------------------------------------------------------------------------- tests
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json"

export MESSAGING_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=messaging;Password=messaging"
export MESSAGING_TEST_REDIS="127.0.0.1:$redis_port"
export MESSAGING_TEST_CHROMIUM=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------------------------------------- format gate
# Formatting and code style (whitespace, usings, analyzers' fixable rules) are checked before any test runs.
log "dotnet format Messaging.sln --verify-no-changes"
if ! dotnet format Messaging.sln --verify-no-changes; then
    die "code is not formatted: run 'dotnet format Messaging.sln', review the changes and commit them"
fi

log "Services ready: PostgreSQL 127.0.0.1:$pg_port, Redis 127.0.0.1:$redis_port, Chromium /usr/bin/chromium"
log "dotnet test Messaging.sln -c Release $*"

test_log="$(mktemp "${TMPDIR:-/tmp}/messaging-test.XXXXXX.log")"
trap 'rm -f "$test_log"' EXIT
test_rc=0
dotnet test Messaging.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$test_log" || test_rc=$?

# dotnet test prints one summary per test assembly. With the minimal console verbosity (the default):
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - Messaging.Tests.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, Duration: 1 s - Messaging.Tests.dll (net10.0)
# With verbosity=normal (used above) a block instead:
#   Test Run Failed.
#   Total tests: 12
#        Passed: 11
#        Failed: 1
#    Total time: 1.2 Seconds
# Sum either form across assemblies (the one-line form wins if both appear, e.g. a second console logger in "$@").
read -r total_passed total_failed < <(
    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\r$//' "$test_log" | awk '
        /^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:/ {
            line = $0
            match(line, /Failed:[[:space:]]*[0-9]+/); f1 += substr(line, RSTART + 7, RLENGTH - 7) + 0
            match(line, /Passed:[[:space:]]*[0-9]+/); p1 += substr(line, RSTART + 7, RLENGTH - 7) + 0
            one_line = 1; next
        }
        /^Total tests:[[:space:]]*[0-9]+[[:space:]]*$/ { in_block = 1; next }
        in_block && /^[[:space:]]*Passed:[[:space:]]*[0-9]+[[:space:]]*$/ { p2 += $2; next }
        in_block && /^[[:space:]]*Failed:[[:space:]]*[0-9]+[[:space:]]*$/ { f2 += $2; next }
        in_block && /^[[:space:]]*Total time:/ { in_block = 0 }
        END { if (one_line) print p1 + 0, f1 + 0; else print p2 + 0, f2 + 0 }'
)

# CI shows only the end of this output: repeat each failed test with its error message there.
if ((total_failed > 0)); then
    echo
    echo "Failed tests (error messages; full output above):"
    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\r$//' "$test_log" | awk '
        /^[[:space:]]+Failed [A-Za-z_.]+/ { shown = 0; printing = 1; print; next }
        printing && /^[[:space:]]+(Stack Trace:|Passed |Failed |Skipped )/ { printing = 0 }
        printing && shown < 12 { print; shown++ }'
fi

echo
echo "Tests: $total_passed passed, $total_failed failed"

if ((test_rc != 0)); then
    exit "$test_rc"
fi
if ((total_failed > 0)); then
    exit 1
fi
if ((total_passed + total_failed == 0)); then
    echo "test.sh: error: dotnet test ran zero tests" >&2
    exit 1
fi
