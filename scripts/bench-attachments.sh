#!/usr/bin/env bash
# Attachment throughput and memory: uploads and downloads ten 10 MB files through the HTTP API, then samples the
# server's RSS while one 100 MB file streams in. One Release node on SQLite in a temp data directory, loopback only.
# Usage: bash scripts/bench-attachments.sh        (prints a small table for docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-5391}
base="http://127.0.0.1:$port"
work="$(mktemp -d "${TMPDIR:-/tmp}/messaging-bench-files.XXXXXX")"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release Messaging.Web -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Messaging__DataDirectory="$work/data" \
  Messaging__Admin__Email=admin@bench.local Messaging__Admin__Password=admin-password-1 \
  Logging__LogLevel__Default=Warning \
  dotnet Messaging.Web/bin/Release/net10.0/Messaging.Web.dll --urls "$base" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

json() { curl -sf -H 'Content-Type: application/json' "$@"; }
token() { json -X POST "$base/api/v1/auth/login" -d "{\"email\":\"$1\",\"password\":\"password-123\"}" | jq -r .access_token; }
admin=$(json -X POST "$base/api/v1/auth/login" -d '{"email":"admin@bench.local","password":"admin-password-1"}' | jq -r .access_token)
for who in sara omar; do
  json -X POST "$base/api/v1/auth/register" -d "{\"email\":\"$who@bench.local\",\"password\":\"password-123\",\"name\":\"$who\"}" >/dev/null
done
sara=$(token sara@bench.local); omar=$(token omar@bench.local)
omar_id=$(curl -sf -H "Authorization: Bearer $omar" "$base/api/v1/users/me" | jq -r .user_id)
sara_id=$(curl -sf -H "Authorization: Bearer $sara" "$base/api/v1/users/me" | jq -r .user_id)
for id in "$sara_id" "$omar_id"; do curl -sf -X POST -H "Authorization: Bearer $admin" "$base/api/v1/admin/users/$id/verify" >/dev/null; done
conversation=$(json -X POST -H "Authorization: Bearer $sara" "$base/api/v1/messaging/conversations" \
  -d "{\"conversation_type\":\"direct\",\"participant_ids\":[\"$omar_id\"]}" | jq -r .id)

# Text files (an allowed type) of random letters, so nothing compresses along the way.
head -c 7500000 /dev/urandom | base64 -w 100 | head -c 10485760 >"$work/10mb.txt"
head -c 75000000 /dev/urandom | base64 -w 100 | head -c 104857600 >"$work/100mb.txt"

rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server_pid/status"; }
upload() { curl -sf -H "Authorization: Bearer $sara" -F "file=@$1" "$base/api/v1/messaging/conversations/$conversation/attachments" | jq -r .id; }

ids=()
start=$(date +%s.%N)
for _ in $(seq 1 10); do ids+=("$(upload "$work/10mb.txt")"); done
up_seconds=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
for id in "${ids[@]}"; do curl -sf -H "Authorization: Bearer $sara" -o /dev/null "$base/api/v1/messaging/attachments/$id"; done
down_seconds=$(echo "$(date +%s.%N) - $start" | bc)

baseline=$(rss); peak=$baseline
upload "$work/100mb.txt" >"$work/big.id" &
uploader=$!
while kill -0 "$uploader" 2>/dev/null; do now=$(rss); ((now > peak)) && peak=$now; sleep 0.1; done
wait "$uploader"
[[ -s "$work/big.id" ]] || { echo "the 100 MB upload failed" >&2; exit 1; }

printf '| measure | value |\n|---|---|\n'
printf '| upload, 10 × 10 MB, sequential | %.1f MB/s (%.2f s) |\n' "$(echo "100 / $up_seconds" | bc -l)" "$up_seconds"
printf '| download, 10 × 10 MB, sequential | %.1f MB/s (%.2f s) |\n' "$(echo "100 / $down_seconds" | bc -l)" "$down_seconds"
printf '| server RSS before the 100 MB upload | %d MB |\n' "$baseline"
printf '| server RSS peak during the 100 MB upload | %d MB (+%d MB) |\n' "$peak" "$((peak - baseline))"
