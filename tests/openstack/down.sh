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

# stop order: consumers first, rabbitmq/epmd last
order=($(cd "$RUN" && ls nova-compute-*.pid 2>/dev/null | sed 's/\.pid$//') nova-compute nova-scheduler nova-conductor nova-api neutron-server placement glance-api keystone rabbitmq epmd)
for f in "$RUN"/*.pid; do
  n=$(basename "$f" .pid)
  [[ $n == rabbitmq-beam ]] && continue
  [[ " ${order[*]} " == *" $n "* ]] || order+=("$n")
done

for n in "${order[@]}"; do
  f=$RUN/$n.pid
  [[ -s $f ]] || continue
  pid=$(cat "$f")
  if ! kill -0 "$pid" 2>/dev/null && [[ -z $(session_pids "$pid") ]]; then rm -f "$f"; continue; fi
  pids=$(session_pids "$pid"); pids=${pids:-$pid}
  log "stopping $n (pid $pid; session: $(echo $pids))"
  kill -TERM $pids 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    left=$(for p in $pids; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
    [[ -z $left ]] && break
    sleep 0.2
  done
  if [[ -n ${left:-} ]]; then log "  killing leftovers: $(echo $left)"; kill -KILL $left 2>/dev/null; fi
  rm -f "$f"
done
rm -f "$RUN/rabbitmq-beam.pid"
log "all stopped (data kept in $OS_DIR; rm -rf it for a clean slate)"
