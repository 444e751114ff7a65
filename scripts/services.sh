#!/usr/bin/env bash
# Starts (idempotently) the real services the test suite needs: Debian's Docker Engine on its own socket
# and data dir, and Debian's docker-registry on a loopback port. Installs missing Debian packages first.
#   scripts/services.sh start | stop | status | env
# `env` prints the variables tests read (DOCKER_HOST, BASESCOPE_TEST_REGISTRY).
set -euo pipefail

STATE=${BASESCOPE_SERVICES_DIR:-/tmp/basescope-services}
REGISTRY_PORT=${BASESCOPE_REGISTRY_PORT:-5731}
SOCK="$STATE/docker/docker.sock"
PACKAGES=(docker.io docker-registry chromium mmdebstrap rpm skopeo zstd apache2-utils)

log() { printf '[services] %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_engine() {
  mkdir -p "$STATE/docker"
  if alive "$STATE/docker/dockerd.pid" && DOCKER_HOST="unix://$SOCK" docker version >/dev/null 2>&1; then
    log "docker engine already running"; return 0
  fi
  log "starting docker engine"
  setsid /usr/sbin/dockerd --data-root "$STATE/docker/data" --exec-root "$STATE/docker/exec" \
    --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none \
    --host "unix://$SOCK" --pidfile "$STATE/docker/dockerd.pid" \
    >"$STATE/docker/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    DOCKER_HOST="unix://$SOCK" docker version >/dev/null 2>&1 && { log "docker engine ready"; return 0; }
    sleep 0.5
  done
  log "docker engine did not start; log follows"; tail -20 "$STATE/docker/dockerd.log" >&2; return 1
}

start_registry() {
  mkdir -p "$STATE/registry/data"
  if alive "$STATE/registry/pid" && curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null 2>&1; then
    log "registry already running"; return 0
  fi
  cat >"$STATE/registry/config.yml" <<YML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $STATE/registry/data }
  delete: { enabled: true }
http:
  addr: 127.0.0.1:$REGISTRY_PORT
YML
  log "starting registry on 127.0.0.1:$REGISTRY_PORT"
  setsid docker-registry serve "$STATE/registry/config.yml" >"$STATE/registry/log" 2>&1 < /dev/null &
  echo $! >"$STATE/registry/pid"
  for _ in $(seq 1 40); do
    curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null 2>&1 && { log "registry ready"; return 0; }
    sleep 0.25
  done
  log "registry did not start"; tail -20 "$STATE/registry/log" >&2; return 1
}

stop_pidfile() { alive "$1" && kill "$(cat "$1")" && log "stopped $(basename "$(dirname "$1")")" || true; }

print_env() {
  echo "DOCKER_HOST=unix://$SOCK"
  echo "BASESCOPE_TEST_REGISTRY=127.0.0.1:$REGISTRY_PORT"
  echo "BASESCOPE_SERVICES_DIR=$STATE"
}

case "${1:-start}" in
  start) ensure_packages; start_engine; start_registry; print_env >"$STATE/env"; print_env ;;
  stop) stop_pidfile "$STATE/registry/pid"; stop_pidfile "$STATE/docker/dockerd.pid" ;;
  status) alive "$STATE/docker/dockerd.pid" && echo "engine: running" || echo "engine: stopped"
          alive "$STATE/registry/pid" && echo "registry: running" || echo "registry: stopped" ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
