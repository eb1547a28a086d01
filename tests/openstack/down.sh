#!/bin/bash
# ComputeModule real-OpenStack backend: stop exactly the processes that up.sh started. Each service was started by
# up.sh with setsid, so its PID is also its session id; we signal that PID and
# the processes of that session (uwsgi workers, oslo.service children, erl
# children of rabbitmq-server) - nothing else. Data under $OS_DIR is kept
# (use up.sh --reset, or rm -rf $OS_DIR, for a clean slate).
set -uo pipefail
OS_DIR=${OS_DIR:-/var/tmp/openstack}
RUN=$OS_DIR/run
log() { echo "[$(date -u +%H:%M:%S)] down.sh: $*"; }
[[ -d $RUN ]] || { log "nothing to stop ($RUN missing)"; exit 0; }

session_pids() { ps -e -o pid=,sid= | awk -v s="$1" '$2==s{print $1}'; }

# Two waves, each stopped in parallel: first the OpenStack services (consumers of the
# message bus and the databases), then rabbitmq, mariadb and epmd.
declare -a wave1=() wave2=()
for f in "$RUN"/*.pid; do
  [[ -e $f ]] || continue
  n=$(basename "$f" .pid)
  case $n in
    rabbitmq-beam) ;;
    rabbitmq|mariadb|epmd) wave2+=("$n") ;;
    *) wave1+=("$n") ;;
  esac
done

stop_wave() { # names...: TERM every session, wait up to 15 s for all, KILL what is left
  local n f pid pids all="" left i
  for n in "$@"; do
    f=$RUN/$n.pid
    [[ -s $f ]] || { rm -f "$f"; continue; }
    pid=$(cat "$f")
    pids=$(session_pids "$pid")
    if [[ -z $pids ]] && ! kill -0 "$pid" 2>/dev/null; then rm -f "$f"; continue; fi
    pids=${pids:-$pid}
    log "stopping $n (pid $pid; session: $(echo $pids))"
    kill -TERM $pids 2>/dev/null
    all="$all $pids"
  done
  for ((i = 0; i < 75; i++)); do
    left=$(for p in $all; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
    [[ -z $left ]] && break
    sleep 0.2
  done
  if [[ -n ${left:-} ]]; then log "  killing leftovers: $(echo $left)"; kill -KILL $left 2>/dev/null; fi
  for n in "$@"; do rm -f "$RUN/$n.pid"; done
}
# rabbitmq's epmd ordering: epmd last
stop_wave "${wave1[@]}"
stop_wave $(printf '%s\n' "${wave2[@]}" | grep -v '^epmd$')
stop_wave $(printf '%s\n' "${wave2[@]}" | grep '^epmd$')
rm -f "$RUN/rabbitmq-beam.pid"
log "all stopped (data kept in $OS_DIR; rm -rf it for a clean slate)"
