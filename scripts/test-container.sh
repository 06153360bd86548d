#!/usr/bin/env bash
# npm run test:container — builds the image with ../shared/container (podman, no Docker engine
# needed), runs it and checks what a user of `docker run` / `docker compose up` relies on:
# health check, non-root user, `ask` inside the container, a clean and quick stop, a read-only
# root file system, a mounted notes folder re-indexed at start, and the image size.
#
#   npm run test:container
#   KEEP_IMAGE=0 npm run test:container      # also remove the image afterwards
#   SKIP_BUILD=1 npm run test:container      # reuse docker-notes-bot:test as it is
#
# Needs root (base-image.sh installs podman/buildah on a fresh machine and makes the base image).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_CONTAINER:-$ROOT/../shared/container}"
TAG="${IMAGE_TAG:-docker-notes-bot:test}"
MAX_MB="${MAX_IMAGE_MB:-250}"
NAME="dnb-test-$$"
NAME_RO="dnb-test-ro-$$"
TMP="$(mktemp -d)"
passed=0
failed=0

say() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
summary() { printf '\ncontainer: %d passed, %d failed\n' "$passed" "$failed"; }

cleanup() {
  podman rm -f -t 0 "$NAME" "$NAME_RO" >/dev/null 2>&1 || true
  if [ "${KEEP_IMAGE:-1}" = 0 ]; then podman rmi -f "$TAG" >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
http_status() { node -e 'fetch(process.argv[1]).then(r=>{console.log(r.status)},()=>{console.log(0)})' "$1"; }

# Waits until `podman healthcheck run` passes (up to $2 seconds); prints the seconds it took.
wait_healthy() {
  local c=$1 limit=$2 t0=$SECONDS
  while [ $((SECONDS - t0)) -lt "$limit" ]; do
    if [ "$(podman inspect --format '{{.State.Running}}' "$c" 2>/dev/null)" != true ]; then return 1; fi
    if podman healthcheck run "$c" >/dev/null 2>&1; then echo $((SECONDS - t0)); return 0; fi
    sleep 1
  done
  return 1
}
show_logs() { echo "--- last logs of $1:"; podman logs --tail 30 "$1" 2>&1 | sed 's/^/    /'; }

# ---- podman and the base image ---------------------------------------------------------------
say "base image (podman, buildah; node:22-bookworm-slim made locally)"
if ! bash "$SHARED/base-image.sh"; then bad "base-image.sh"; summary; exit 1; fi
# shellcheck source=/dev/null
. "$SHARED/env.sh"

# ---- build -----------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" = 1 ] && podman image exists "$TAG"; then
  say "build skipped (SKIP_BUILD=1), using $TAG"
else
  say "build $TAG"
  t0=$SECONDS
  if bash "$SHARED/build.sh" "$ROOT" "$TAG" >"$TMP/build.log" 2>&1; then
    ok "image builds ($((SECONDS - t0)) s)"
  else
    tail -40 "$TMP/build.log"; bad "image build (log above)"; summary; exit 1
  fi
fi

# ---- size ------------------------------------------------------------------------------------
size=$(podman image inspect --format '{{.Size}}' "$TAG")
size_mb=$(( (size + 500000) / 1000000 ))
echo "image size: $size_mb MB ($size bytes, uncompressed)"
if [ "$size_mb" -le "$MAX_MB" ]; then ok "image size $size_mb MB <= $MAX_MB MB"; else bad "image size $size_mb MB > $MAX_MB MB"; fi

user=$(podman image inspect --format '{{.Config.User}}' "$TAG")
[ "$user" = node ] && ok "image runs as USER node" || bad "image USER is '$user', expected node"
hc=$(podman image inspect --format '{{json .Healthcheck}}' "$TAG" 2>/dev/null || podman image inspect --format '{{json .Config.Healthcheck}}' "$TAG")
case "$hc" in *healthz*) ok "image has a HEALTHCHECK on /healthz";; *) bad "no HEALTHCHECK on /healthz in the image ($hc)";; esac

# docker-compose.yml can't run here (no Docker engine): check it says what the image does.
compose_hc=$(cd "$ROOT" && node --input-type=module -e '
  import { readFileSync } from "node:fs"; import { parse } from "yaml";
  const bot = parse(readFileSync("docker-compose.yml", "utf8")).services.bot;
  const problems = [];
  if (bot.restart !== "unless-stopped") problems.push("restart");
  if (!bot.volumes?.includes("./knowledge:/app/knowledge:ro")) problems.push("knowledge volume");
  if (!bot.env_file?.some((e) => e.path === ".env" && e.required === false)) problems.push("env_file");
  if (!bot.ports?.some((p) => String(p).endsWith(":3000"))) problems.push("port 3000");
  console.log(problems.length ? "problems: " + problems.join(", ") : JSON.stringify(bot.healthcheck.test));' 2>&1)
img_hc=$(podman image inspect --format '{{json .Healthcheck.Test}}' "$TAG" 2>/dev/null || podman image inspect --format '{{json .Config.Healthcheck.Test}}' "$TAG")
if [ "$compose_hc" = "$img_hc" ]; then ok "docker-compose.yml: restart, .env, knowledge volume, port, same health check as the image"
else bad "docker-compose.yml: $compose_hc (image: $img_hc)"; fi

# ---- run -------------------------------------------------------------------------------------
say "run (no tokens, no TTY: health server only)"
port=$(free_port)
podman run -d --name "$NAME" -p "127.0.0.1:$port:3000" "$TAG" >/dev/null 2>"$TMP/run.err" || { cat "$TMP/run.err"; bad "podman run"; summary; exit 1; }
if secs=$(wait_healthy "$NAME" 60); then ok "podman healthcheck run passes (after ${secs} s)"; else bad "healthcheck did not pass within 60 s"; show_logs "$NAME"; fi

code=$(http_status "http://127.0.0.1:$port/healthz")
[ "$code" = 200 ] && ok "GET /healthz from the host -> 200 (port $port)" || bad "GET /healthz from the host -> $code"
code=0
for _ in $(seq 1 20); do code=$(http_status "http://127.0.0.1:$port/readyz"); [ "$code" = 200 ] && break; sleep 1; done
[ "$code" = 200 ] && ok "GET /readyz -> 200 (index loaded, no adapter to wait for)" || bad "GET /readyz -> $code"

uid=$(podman exec "$NAME" id -u 2>&1)
[ "$uid" = 1000 ] && ok "exec runs as uid 1000" || bad "exec uid is '$uid', expected 1000"
# The main process itself, seen from the host: real, effective, saved and fs uid all 1000.
hpid=$(podman inspect --format '{{.State.Pid}}' "$NAME")
uids=$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$hpid/status" 2>/dev/null)
[ "$uids" = "1000 1000 1000 1000" ] && ok "main process (host pid $hpid) runs as uid 1000" || bad "main process uids: '$uids'"
podman top "$NAME" user pid args 2>/dev/null | sed 's/^/    /'

answer=$(podman exec "$NAME" node dist/cli.js ask "/docker explain --restart" 2>&1)
if grep -q -- "unless-stopped" <<<"$answer" && grep -qi -- "restart" <<<"$answer"; then
  ok "ask '/docker explain --restart' prints the restart section (unless-stopped)"
else
  bad "ask '/docker explain --restart' answered:"; printf '%s\n' "$answer" | head -30 | sed 's/^/    /'
fi

# The store (better-sqlite3, built in the image): the file is made at start, and the report reads it.
report=$(podman exec "$NAME" node dist/cli.js report --json 2>&1)
if podman exec "$NAME" test -f /app/data/store.sqlite && grep -q '"totals"' <<<"$report"; then
  ok "store: /app/data/store.sqlite made at start; 'node dist/cli.js report --json' reads it"
else
  bad "store: no /app/data/store.sqlite, or the report failed:"; printf '%s\n' "$report" | head -10 | sed 's/^/    /'
fi

if podman exec "$NAME" sh -c 'test -w /app/data && ! test -w /app/dist && ! test -w /app/knowledge'; then
  ok "data/ writable by node; dist/ and knowledge/ are not"
else
  bad "file permissions: data/ should be writable by node, dist/ and knowledge/ not"
fi

say "stop"
t0=$(date +%s%N)
podman stop -t 10 "$NAME" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
if [ "$ms" -lt 10000 ]; then ok "podman stop -t 10 took $ms ms (< 10 s)"; else bad "podman stop took $ms ms (SIGKILL after 10 s?)"; fi
if [ "$exit_code" = 0 ]; then ok "exit code 0 after SIGTERM"; else bad "exit code $exit_code after SIGTERM"; show_logs "$NAME"; fi
podman rm -f "$NAME" >/dev/null 2>&1

# ---- read-only root file system, notes mounted from the host ---------------------------------
say "read-only: --read-only --tmpfs /app/data, own notes mounted at /app/knowledge"
mkdir -p "$TMP/knowledge"
# Notes only: the glossary and flag tables come from the image's copy in /app/defaults.
cp "$ROOT"/knowledge/*.md "$TMP/knowledge/"
cat >"$TMP/knowledge/container-check.md" <<'EOF'
# Container check

## Zorblax rollout

Rolling out zorblax: run `docker service update --image app:2 zorblax` and watch the tasks.
EOF
chmod -R a+rX "$TMP"
port=$(free_port)
podman run -d --name "$NAME_RO" --read-only --tmpfs /app/data -v "$TMP/knowledge:/app/knowledge:ro" \
  -p "127.0.0.1:$port:3000" "$TAG" >/dev/null 2>"$TMP/run.err" || { cat "$TMP/run.err"; bad "podman run --read-only"; }
if secs=$(wait_healthy "$NAME_RO" 60); then ok "read-only: healthcheck passes (after ${secs} s)"; else bad "read-only: healthcheck did not pass within 60 s"; show_logs "$NAME_RO"; fi
# The index is built in a worker after the health server is up (/healthz is liveness, not
# readiness): wait for the build to be logged rather than read the logs once.
for _ in $(seq 1 60); do
  logs=$(podman logs "$NAME_RO" 2>&1)
  grep -q '"index built"' <<<"$logs" && break
  sleep 1
done
if grep -q '"index built"' <<<"$logs" && grep -q '"sections":13[2-9]' <<<"$logs"; then
  ok "read-only: the mounted notes are indexed at start (more sections than the image's index)"
else
  bad "read-only: no 'index built' with the mounted note in the logs"; show_logs "$NAME_RO"
fi
# Docker's tmpfs starts empty and world-writable: the index is saved there. Podman copies the
# image's data/ into it, owned by root unless `--tmpfs /app/data:U`: the save is then skipped
# with a warning and the index lives in memory. Either way the bot must run.
if grep -q 'index saved' <<<"$logs"; then ok "read-only: index saved to the tmpfs /app/data"
elif grep -q 'rebuilt at every start' <<<"$logs"; then ok "read-only: /app/data not writable, index kept in memory (warned)"
else bad "read-only: neither saved nor warned about the index"; show_logs "$NAME_RO"; fi
answer=$(podman exec "$NAME_RO" node dist/cli.js ask "/docker search zorblax" 2>&1)
if grep -qi "zorblax rollout" <<<"$answer"; then
  ok "read-only: ask finds the note added on the host"
else
  bad "read-only: '/docker search zorblax' answered:"; printf '%s\n' "$answer" | head -20 | sed 's/^/    /'
fi
answer=$(podman exec "$NAME_RO" node dist/cli.js ask "/docker explain --restart" 2>&1)
grep -q -- "unless-stopped" <<<"$answer" && ok "read-only: ask answers" || { bad "read-only: ask answered:"; printf '%s\n' "$answer" | head -20 | sed 's/^/    /'; }
podman stop -t 10 "$NAME_RO" >/dev/null 2>&1
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME_RO")
[ "$exit_code" = 0 ] && ok "read-only: exit code 0 after SIGTERM" || { bad "read-only: exit code $exit_code"; show_logs "$NAME_RO"; }

podman rm -f "$NAME_RO" >/dev/null 2>&1

say "a mounted folder with other notes than the image's index (one-shot ask)"
out=$(podman run --rm -e LOG_LEVEL=warn -v "$TMP/knowledge:/app/knowledge:ro" "$TAG" node dist/cli.js ask "/docker search zorblax" 2>&1)
if grep -q "knowledge files changed since the snapshot" <<<"$out" && grep -qi "zorblax rollout" <<<"$out"; then
  ok "the image's index is not used for other notes: rebuilt ('knowledge files changed'), note found"
else
  bad "one-shot ask over mounted notes printed:"; printf '%s\n' "$out" | head -20 | sed 's/^/    /'
fi

summary
[ "$failed" -eq 0 ]
