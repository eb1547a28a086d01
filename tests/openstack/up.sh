#!/bin/bash
# ComputeModule's real-OpenStack test backend: a minimal, real OpenStack (Zed, Debian 12
# packages) on 127.0.0.1: Keystone v3, Glance, Placement, Neutron (API only, no networks),
# Nova (api, conductor, scheduler, compute with the fake virt driver), RabbitMQ; MariaDB for
# nova/placement/glance, SQLite for keystone/neutron. README.md: timings, memory, quirks.
# Then seeds what the Pester suite needs: flavor, image, project/user "demo", ~20 ACTIVE servers,
# and writes $OS_DIR/openrc (OS_* for the suite + COMPUTE_TEST_BACKEND=openstack).
#
# Usage:  ./up.sh            # idempotent: install if missing, configure, start what is not running, seed
#         ./up.sh --reset    # down.sh + wipe $OS_DIR first (fresh start)
#         ./down.sh          # stop exactly what up.sh started (by session id)
# Then:   source /var/tmp/openstack/openrc    (demo user; openrc-admin for admin)
#
# Knobs: OS_DIR (/var/tmp/openstack), OS_ADMIN_PASSWORD (secret), OS_SERVICE_PASSWORD,
#        OS_DEMO_PASSWORD (demo-password), OS_SEED_SERVERS (20), OS_SEED_BATCH (5),
#        OS_SKIP_INSTALL=1 (never apt-get), OS_API_PROCS (uwsgi processes per API, 2),
#        OS_FAKE_COMPUTES (fake nova-compute hosts, 1)
# Logs: $OS_DIR/log/up.log (this script), $OS_DIR/log/<service>.log, $OS_DIR/log/apt.log
set -euo pipefail

OS_DIR=${OS_DIR:-/var/tmp/openstack}
ADMIN_PASSWORD=${OS_ADMIN_PASSWORD:-secret}
SERVICE_PASSWORD=${OS_SERVICE_PASSWORD:-servicepass}
API_PROCS=${OS_API_PROCS:-2}
FAKE_COMPUTES=${OS_FAKE_COMPUTES:-1}
HOST_IP=127.0.0.1
REGION=RegionOne
KEYSTONE_PORT=5000 GLANCE_PORT=9292 PLACEMENT_PORT=8778 NOVA_PORT=8774 NEUTRON_PORT=9696 RABBIT_PORT=5672
COMPUTE_HOST=fake-compute-1   # extra fake hosts: fake-compute-2..N

# Use Debian's python/openstack tools, never a pyenv/venv shim that may be first on PATH.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH VIRTUAL_ENV OS_CLOUD || true
for v in $(env | sed -n 's/^\(OS_[A-Z_]*\)=.*/\1/p'); do
  case $v in OS_DIR|OS_ADMIN_PASSWORD|OS_SERVICE_PASSWORD|OS_DEMO_PASSWORD|OS_SKIP_INSTALL|OS_API_PROCS|OS_FAKE_COMPUTES|OS_SEED_SERVERS|OS_SEED_BATCH) ;; *) unset "$v";; esac
done
DEMO_PASSWORD=${OS_DEMO_PASSWORD:-demo-password}
SEED_SERVERS=${OS_SEED_SERVERS:-20}
SEED_BATCH=${OS_SEED_BATCH:-5}
PY=/usr/bin/python3

ETC=$OS_DIR/etc LOG=$OS_DIR/log RUN=$OS_DIR/run DATA=$OS_DIR/data BIN=$OS_DIR/bin
# MariaDB (socket only, no TCP, no grant tables) for nova, placement and glance: under SQLite,
# concurrent writers (nova-api + conductor + compute) fail with "database is locked" at once
# (WAL snapshot upgrade), which killed snapshots mid-way. Keystone and neutron stay on SQLite.
MYSOCK=$OS_DIR/run/mysqld.sock
MYDB() { echo "mysql+pymysql://root@localhost/$1?unix_socket=$MYSOCK&charset=utf8"; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

T0=$(date +%s.%N)
declare -a TIMINGS=()
ts() { date +%s.%N; }
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
mark() {
  local now; now=$(ts)
  TIMINGS+=("$(awk -v a="$now" -v b="${_LAST:-$T0}" -v c="$T0" -v n="$1" 'BEGIN{printf "%-44s %7.1fs  (t=%6.1fs)", n, a-b, a-c}')")
  _LAST=$now; log ">>> $1 done ($(awk -v a="$now" -v b="${_PREV:-$T0}" 'BEGIN{printf "%.1f", a-b}')s step, t=$(awk -v a="$now" -v c="$T0" 'BEGIN{printf "%.1f", a-c}')s)"
  _PREV=$now
}
# CUR_LOG = the service log that matters for the step running now; printed on failure
CUR_LOG=
show_log() {
  local f
  for f in "$@"; do
    [[ -n $f && -s $f ]] || continue
    echo "----- last 40 lines of $f -----" >&2
    tail -n 40 "$f" >&2
    echo "----- end of $f -----" >&2
  done
}
die() { log "ERROR: $*" >&2; show_log "$CUR_LOG"; exit 1; }
trap 'rc=$?; log "ERROR: up.sh line $LINENO: $BASH_COMMAND (exit $rc)" >&2; show_log "$CUR_LOG"' ERR
step() { log "--- $*"; }

if [[ ${1:-} == --reset ]]; then
  [[ $(id -u) == 0 ]] || die "run as root"
  OS_DIR=$OS_DIR "$HERE/down.sh" || true
  rm -rf "$OS_DIR"
  mark "reset (down.sh + rm -rf \$OS_DIR)"
fi

[[ $(id -u) == 0 ]] || die "run as root"
mkdir -p "$LOG"
exec > >(tee -a "$LOG/up.log") 2>&1
log "up.sh starting (OS_DIR=$OS_DIR)"

# ---------------------------------------------------------------- 1. packages
PKGS="keystone glance-api placement-api nova-api nova-conductor nova-scheduler neutron-server
      python3-openstackclient python3-novaclient python3-openstacksdk rabbitmq-server
      uwsgi-plugin-python3 sqlite3 curl jq mariadb-server python3-pymysql"
need_install=0
for p in $PKGS; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_install=1; done
if [[ $need_install == 1 ]]; then
  [[ ${OS_SKIP_INSTALL:-0} == 1 ]] && die "packages missing and OS_SKIP_INSTALL=1"
  created_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  step "installing packages (apt-get update + install, log: $LOG/apt.log)"
  CUR_LOG=$LOG/apt.log
  apt-get update -qq >> "$LOG/apt.log" 2>&1 || { [[ $created_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d; die "apt-get update failed"; }
  # nova-compute (the package) is NOT installed: it drags in a hypervisor package
  # (libvirt/qemu/ironic). python3-nova (pulled by nova-api) has the code; we run
  # nova.cmd.compute directly with a fake virt driver (computemodule_fake.py).
  apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold $PKGS \
      >> "$LOG/apt.log" 2>&1 || { [[ $created_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  [[ $created_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  mark "apt-get install"
else
  mark "packages already installed"
fi

mkdir -p "$ETC"/{keystone,glance,placement,nova,neutron,rabbitmq} "$LOG" "$RUN" "$BIN" \
         "$DATA"/{keystone/fernet-keys,keystone/credential-keys,glance/images,glance/staging,glance/tasks,nova/instances,nova/lock,glance/lock,placement,neutron/lock,rabbitmq}
chmod 700 "$DATA/keystone/fernet-keys" "$DATA/keystone/credential-keys"

# ---------------------------------------------------------------- 2. config
KS_AUTHTOKEN() { # $1 = service user
cat <<EOF
[keystone_authtoken]
www_authenticate_uri = http://$HOST_IP:$KEYSTONE_PORT/
auth_url = http://$HOST_IP:$KEYSTONE_PORT/
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
region_name = $REGION
EOF
}

cat > "$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
debug = false
[database]
connection = sqlite:///$DATA/keystone/keystone.sqlite
sqlite_synchronous = false
[token]
provider = fernet
expiration = 14400
[fernet_tokens]
key_repository = $DATA/keystone/fernet-keys
[fernet_receipts]
key_repository = $DATA/keystone/fernet-keys
[credential]
key_repository = $DATA/keystone/credential-keys
[catalog]
driver = sql
[cache]
# without a cache every token validation opens ~200 SQLite connections (~1 s);
# in-process cache => keystone runs as ONE uwsgi process so the cache stays coherent
enabled = true
backend = dogpile.cache.memory
EOF

cp /etc/glance/glance-api-paste.ini "$ETC/glance/glance-api-paste.ini"
cat > "$ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
debug = false
bind_host = $HOST_IP
bind_port = $GLANCE_PORT
workers = 1
log_file = $LOG/glance-api.log
enabled_backends = fs:file
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $DATA/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $DATA/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/glance/tasks
[database]
connection = $(MYDB glance)
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $DATA/glance/lock
$(KS_AUTHTOKEN glance)
EOF

cat > "$ETC/placement/placement.conf" <<EOF
[DEFAULT]
debug = false
[api]
auth_strategy = keystone
[placement_database]
connection = $(MYDB placement)
$(KS_AUTHTOKEN placement)
EOF

cp /etc/neutron/api-paste.ini "$ETC/neutron/api-paste.ini"
cat > "$ETC/neutron/neutron.conf" <<EOF
[DEFAULT]
debug = false
core_plugin = ml2
service_plugins =
auth_strategy = keystone
bind_host = $HOST_IP
bind_port = $NEUTRON_PORT
api_workers = 0
rpc_workers = 0
rpc_state_report_workers = 0
transport_url = rabbit://guest:guest@$HOST_IP:$RABBIT_PORT/
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
api_paste_config = $ETC/neutron/api-paste.ini
state_path = $DATA/neutron
[database]
connection = sqlite:///$DATA/neutron/neutron.sqlite
sqlite_synchronous = false
[ml2]
type_drivers = flat,vlan
tenant_network_types =
mechanism_drivers =
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[oslo_concurrency]
lock_path = $DATA/neutron/lock
$(KS_AUTHTOKEN neutron)
EOF

cp /etc/nova/api-paste.ini "$ETC/nova/api-paste.ini"
# nova-compute gets a config without database sections (compute must not touch the DB)
cat > "$ETC/nova/nova-compute.conf" <<EOF
[DEFAULT]
debug = false
host = $COMPUTE_HOST
my_ip = $HOST_IP
state_path = $DATA/nova
instances_path = $DATA/nova/instances
transport_url = rabbit://guest:guest@$HOST_IP:$RABBIT_PORT/
# nova.virt.fake.FakeDriver that adopts, as running, the servers of an earlier nova-compute process
# (computemodule_fake.py): otherwise snapshots fail after a restart
compute_driver = computemodule_fake.FakeDriver
# and no power-state sync: the fake driver's view must never stop servers (SHUTOFF)
sync_power_state_interval = -1
enabled_apis = osapi_compute
use_rootwrap_daemon = false
[api]
auth_strategy = keystone
max_limit = 1000
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[placement]
region_name = $REGION
auth_type = password
auth_url = http://$HOST_IP:$KEYSTONE_PORT/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = nova
password = $SERVICE_PASSWORD
[neutron]
region_name = $REGION
auth_type = password
auth_url = http://$HOST_IP:$KEYSTONE_PORT/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = neutron
password = $SERVICE_PASSWORD
[glance]
region_name = $REGION
[cinder]
os_region_name = $REGION
[oslo_concurrency]
lock_path = $DATA/nova/lock
[oslo_messaging_notifications]
driver = noop
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = -1
[quota]
instances = 1000
cores = 2000
ram = 2048000
[vnc]
enabled = false
[spice]
enabled = false
$(KS_AUTHTOKEN nova)
EOF
{ cat "$ETC/nova/nova-compute.conf"; cat <<EOF
[api_database]
connection = $(MYDB nova_api)
[database]
connection = $(MYDB nova)
EOF
} > "$ETC/nova/nova.conf"

cat > "$ETC/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = $HOST_IP:$RABBIT_PORT
loopback_users.guest = true
log.file.level = warning
log.console = false
EOF
echo '[].' > "$ETC/rabbitmq/enabled_plugins"

# nova-compute launcher (the Debian nova-compute package is not installed, see above)
cp "$HERE/computemodule_fake.py" "$BIN/computemodule_fake.py"
cat > "$BIN/nova-compute" <<'EOF'
#!/usr/bin/python3
import os, sys
from nova.cmd.compute import main  # first: nova.cmd monkey-patches eventlet
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import computemodule_fake  # noqa: E402
# Nova loads compute_driver from the nova.virt namespace only
sys.modules['nova.virt.computemodule_fake'] = computemodule_fake
sys.exit(main())
EOF
chmod +x "$BIN/nova-compute"
mark "write configuration"

# ---------------------------------------------------------------- helpers
alive() { [[ -s $RUN/$1.pid ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }
# start NAME CMD...: run in its own session (PGID = PID), log to $LOG/NAME.log
start() {
  local name=$1; shift
  if alive "$name"; then log "    $name already running (pid $(cat "$RUN/$name.pid"))"; return; fi
  setsid "$@" >>"$LOG/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
  log "    started $name pid $! (log $LOG/$name.log)"
}
wait_http() { # url timeout-seconds service-name (its log is shown on failure)
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    curl -s -o /dev/null --max-time 2 "$1" && return 0
    [[ -n ${3:-} ]] && ! alive "$3" && { CUR_LOG=$LOG/$3.log; die "$3 exited while waiting for $1"; }
    sleep 0.2
  done
  CUR_LOG=$LOG/${3:-up}.log; die "timeout waiting for $1"
}
wait_port() { # port timeout-seconds service-name
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    (exec 3<>/dev/tcp/$HOST_IP/$1) 2>/dev/null && return 0
    sleep 0.2
  done
  CUR_LOG=$LOG/${3:-up}.log; die "timeout waiting for port $1"
}
wal() { sqlite3 "$1" 'PRAGMA journal_mode=WAL;' >/dev/null; }
# threads=1: SQLite connections must not cross threads, and nova-api is eventlet-patched.
# "Connection: close": uwsgi --http-socket does not do keep-alive; without it clients
# (requests/keystoneauth, .NET HttpClient) reuse a closed socket -> "connection reset".
UWSGI() { # name port wsgi-file env...   (PROCS=n overrides the process count)
  local name=$1 port=$2 file=$3 procs=${PROCS:-$API_PROCS}; shift 3
  local envs=(); for e in "$@"; do envs+=(--env "$e"); done
  start "$name" uwsgi --plugins python3 --master --http-socket "$HOST_IP:$port" \
    --wsgi-file "$file" --processes "$procs" --threads 1 --enable-threads --lazy-apps \
    --die-on-term --no-orphans --buffer-size 65535 --need-app --add-header "Connection: close" \
    "${envs[@]}"
}

# ---------------------------------------------------------------- 3. rabbitmq
step "starting rabbitmq"
export ERL_EPMD_ADDRESS=$HOST_IP
start epmd /usr/bin/epmd -address $HOST_IP
RABBIT_ENV=(env HOME="$DATA/rabbitmq" RABBITMQ_NODENAME=rabbit@localhost
  RABBITMQ_CONFIG_FILE="$ETC/rabbitmq/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$ETC/rabbitmq/enabled_plugins"
  RABBITMQ_MNESIA_BASE="$DATA/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$LOG/rabbitmq" RABBITMQ_PID_FILE="$RUN/rabbitmq-beam.pid"
  RABBITMQ_CONF_ENV_FILE=/dev/null ERL_EPMD_ADDRESS=$HOST_IP RABBITMQ_DIST_PORT=25672
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}")
start rabbitmq "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server

# ---------------------------------------------------------------- 3b. mariadb
step "starting mariadb (socket $MYSOCK)"
CUR_LOG=$LOG/mariadb.log
mysql_q() { mariadb --no-defaults -S "$MYSOCK" -u root -N -B -e "$1"; }
if [[ ! -d $DATA/mysql/mysql ]]; then
  mariadb-install-db --no-defaults --datadir="$DATA/mysql" --user=root --auth-root-authentication-method=normal \
    --skip-test-db >>"$LOG/mariadb.log" 2>&1
fi
start mariadb /usr/sbin/mariadbd --no-defaults --datadir="$DATA/mysql" --socket="$MYSOCK" \
  --pid-file="$DATA/mysql/mariadbd.pid" --skip-networking --user=root --log-error="$LOG/mariadb.log" \
  --skip-grant-tables --max-connections=1000 --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=0 \
  --innodb-doublewrite=0 --innodb-flush-method=nosync --innodb-file-per-table=0 --skip-log-bin \
  --character-set-server=utf8mb3 --collation-server=utf8mb3_general_ci
for ((i = 0; i < 300; i++)); do mysql_q 'select 1' >/dev/null 2>&1 && break; alive mariadb || die "mariadbd exited"; sleep 0.2; done
mysql_q 'select 1' >/dev/null || die "mariadb does not answer on $MYSOCK"
for db in nova_api nova nova_cell0 placement glance; do mysql_q "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb3"; done
mark "mariadb answering"

# ---------------------------------------------------------------- 4. keystone
# $DATA/.db-synced: schemas made and bootstrap done once for this data dir -> warm runs skip it all
SYNCED=0; [[ -e $DATA/.db-synced ]] && SYNCED=1
KPID=
start_keystone() { PROCS=1 UWSGI keystone $KEYSTONE_PORT /usr/bin/keystone-wsgi-public OS_KEYSTONE_CONFIG_DIR="$ETC/keystone"; }
if [[ $SYNCED == 0 ]]; then
  # keystone's db_sync + bootstrap + start run in the background, beside the other db syncs
  step "keystone db_sync + bootstrap + start (background, log $LOG/keystone-manage.log)"
  (
  KM=(keystone-manage --config-file "$ETC/keystone/keystone.conf")
  "${KM[@]}" db_sync >>"$LOG/keystone-manage.log" 2>&1
  wal "$DATA/keystone/keystone.sqlite"
  [[ -e $DATA/keystone/fernet-keys/0 ]] || "${KM[@]}" fernet_setup --keystone-user root --keystone-group root >>"$LOG/keystone-manage.log" 2>&1
  [[ -e $DATA/keystone/credential-keys/0 ]] || "${KM[@]}" credential_setup --keystone-user root --keystone-group root >>"$LOG/keystone-manage.log" 2>&1
  "${KM[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id "$REGION" --bootstrap-admin-url "http://$HOST_IP:$KEYSTONE_PORT/v3/" \
    --bootstrap-public-url "http://$HOST_IP:$KEYSTONE_PORT/v3/" --bootstrap-internal-url "http://$HOST_IP:$KEYSTONE_PORT/v3/" \
    >>"$LOG/keystone-manage.log" 2>&1
  start_keystone
  ) &
  KPID=$!
else
  start_keystone
fi

# ---------------------------------------------------------------- 5. DB syncs (in parallel with keystone start-up)
NM=(nova-manage --config-file "$ETC/nova/nova.conf")
if [[ $SYNCED == 0 ]]; then
  step "glance/placement/nova/neutron db sync (keystone starting meanwhile)"
  CUR_LOG=$LOG/nova-manage.log
  glance-manage --config-file "$ETC/glance/glance-api.conf" db_sync >>"$LOG/glance-manage.log" 2>&1 &
  GPID=$!
  placement-manage --config-file "$ETC/placement/placement.conf" db sync >>"$LOG/placement-manage.log" 2>&1 &
  PPID_=$!
  "${NM[@]}" api_db sync >>"$LOG/nova-manage.log" 2>&1
  "${NM[@]}" cell_v2 map_cell0 --database_connection "$(MYDB nova_cell0)" >>"$LOG/nova-manage.log" 2>&1
  # (a SQL query instead of "nova-manage cell_v2 list_cells": each nova-manage start costs 5-25 s)
  if [[ $(mysql_q "select count(*) from nova_api.cell_mappings where name='cell1'") == 0 ]]; then
    "${NM[@]}" cell_v2 create_cell --name cell1 >>"$LOG/nova-manage.log" 2>&1
  fi
  "${NM[@]}" db sync >>"$LOG/nova-manage.log" 2>&1
  # Neutron's alembic migrations do not run on SQLite (ALTER of constraints), so the
  # schema is created from the models (as Neutron's own unit tests do) and stamped.
  if [[ ! -s $DATA/neutron/neutron.sqlite ]]; then
    CUR_LOG=$LOG/neutron-db-manage.log
    $PY -c "import sqlalchemy as sa; from neutron.db.migration.models import head; head.get_metadata().create_all(sa.create_engine('sqlite:///$DATA/neutron/neutron.sqlite'))" >>"$LOG/neutron-db-manage.log" 2>&1
    neutron-db-manage --config-file "$ETC/neutron/neutron.conf" stamp heads >>"$LOG/neutron-db-manage.log" 2>&1
  fi
  wait $GPID || { CUR_LOG=$LOG/glance-manage.log; die "glance-manage db_sync failed"; }
  wait $PPID_ || { CUR_LOG=$LOG/placement-manage.log; die "placement-manage db sync failed"; }
  wait $KPID || { CUR_LOG=$LOG/keystone-manage.log; die "keystone db_sync/bootstrap failed"; }
  wal "$DATA/neutron/neutron.sqlite"
  touch "$DATA/.db-synced"
fi
mark "db syncs (keystone, glance, placement, nova, neutron)"

# ---------------------------------------------------------------- 6. identity objects
wait_http "http://$HOST_IP:$KEYSTONE_PORT/v3" 120 keystone
mark "keystone answering"
step "keystone projects/users/services/endpoints"
CUR_LOG=$LOG/keystone.log
cat > "$OS_DIR/openrc-admin" <<EOF
export OS_AUTH_URL=http://$HOST_IP:$KEYSTONE_PORT/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=$ADMIN_PASSWORD
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
EOF
set -a; . "$OS_DIR/openrc-admin"; set +a

DEMO_PASSWORD=$DEMO_PASSWORD SERVICE_PASSWORD=$SERVICE_PASSWORD HOST_IP=$HOST_IP $PY - <<'EOF'
import os, openstack
c = openstack.connect()
h, pw = os.environ['HOST_IP'], os.environ['SERVICE_PASSWORD']
idn = c.identity
dom = idn.find_domain('default')
proj = idn.find_project('service', domain_id=dom.id) or idn.create_project(name='service', domain_id=dom.id, description='Service project')
admin_role = idn.find_role('admin')
for u in ('nova', 'glance', 'placement', 'neutron'):
    user = idn.find_user(u, domain_id=dom.id) or idn.create_user(name=u, password=pw, domain_id=dom.id, default_project_id=proj.id)
    idn.assign_project_role_to_user(proj, user, admin_role)
svcs = {'nova': ('compute', f'http://{h}:8774/v2.1', 'OpenStack Compute'),
        'glance': ('image', f'http://{h}:9292', 'OpenStack Image'),
        'placement': ('placement', f'http://{h}:8778', 'Placement API'),
        'neutron': ('network', f'http://{h}:9696', 'OpenStack Networking')}
for name, (typ, url, desc) in svcs.items():
    svc = next((s for s in idn.services() if s.type == typ), None) or idn.create_service(name=name, type=typ, description=desc)
    have = {e.interface for e in idn.endpoints(service_id=svc.id)}
    for itf in ('public', 'internal', 'admin'):
        if itf not in have:
            idn.create_endpoint(service_id=svc.id, interface=itf, url=url, region_id='RegionOne')
# the suite's user: project "demo", user "demo" (role member), like the emulator's defaults
demo = idn.find_project('demo', domain_id=dom.id) or idn.create_project(name='demo', domain_id=dom.id, description='ComputeModule tests')
member = idn.find_role('member')
du = idn.find_user('demo', domain_id=dom.id) or idn.create_user(name='demo', password=os.environ['DEMO_PASSWORD'], domain_id=dom.id, default_project_id=demo.id)
idn.assign_project_role_to_user(demo, du, member)
print('identity objects ok; demo project', demo.id)
EOF
mark "keystone users/services/endpoints"

# ---------------------------------------------------------------- 7. start the rest
step "starting glance, neutron, placement, nova"
start glance-api glance-api --config-file "$ETC/glance/glance-api.conf"
start neutron-server neutron-server --config-file "$ETC/neutron/neutron.conf" --log-file "$LOG/neutron-server.log"
UWSGI placement $PLACEMENT_PORT /usr/bin/placement-api OS_PLACEMENT_CONFIG_DIR="$ETC/placement"
UWSGI nova-api $NOVA_PORT /usr/bin/nova-api-wsgi OS_NOVA_CONFIG_DIR="$ETC/nova"
wait_port $RABBIT_PORT 120 rabbitmq
mark "rabbitmq answering"
start nova-conductor nova-conductor --config-file "$ETC/nova/nova.conf"
start nova-scheduler nova-scheduler --config-file "$ETC/nova/nova.conf"
wait_http "http://$HOST_IP:$PLACEMENT_PORT/" 120 placement
start nova-compute "$BIN/nova-compute" --config-file "$ETC/nova/nova-compute.conf"
for ((c = 2; c <= FAKE_COMPUTES; c++)); do
  printf '[DEFAULT]\nhost = fake-compute-%d\n' $c > "$ETC/nova/nova-compute-$c.conf"
  start nova-compute-$c "$BIN/nova-compute" --config-file "$ETC/nova/nova-compute.conf" --config-file "$ETC/nova/nova-compute-$c.conf"
done
wait_http "http://$HOST_IP:$GLANCE_PORT/" 120 glance-api
wait_http "http://$HOST_IP:$NOVA_PORT/" 120 nova-api
wait_http "http://$HOST_IP:$NEUTRON_PORT/" 120 neutron-server
mark "all APIs answering"

# compute node record -> host mapping
step "waiting for nova-compute to register"
CUR_LOG=$LOG/nova-compute.log
for ((i = 0; i < 300; i++)); do
  n=$(mysql_q "select count(*) from nova.compute_nodes where deleted=0" 2>/dev/null || echo 0)
  [[ $n -ge $FAKE_COMPUTES ]] && break
  alive nova-compute || die "nova-compute exited"
  sleep 0.5
done
[[ $n -ge $FAKE_COMPUTES ]] || die "nova-compute did not register"
CUR_LOG=$LOG/nova-manage.log
if [[ $(mysql_q "select count(*) from nova_api.host_mappings" 2>/dev/null || echo 0) -lt $FAKE_COMPUTES ]]; then
  "${NM[@]}" cell_v2 discover_hosts >>"$LOG/nova-manage.log" 2>&1
fi
mark "nova-compute registered + discover_hosts"

# ---------------------------------------------------------------- 8. seed: flavor, image, servers
cat > "$OS_DIR/openrc" <<EOF
# ComputeModule test backend: real OpenStack (Nova 26 / Zed) on $HOST_IP. source this file.
export COMPUTE_TEST_BACKEND=openstack
export OS_AUTH_URL=http://$HOST_IP:$KEYSTONE_PORT/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=demo
export OS_PASSWORD=$DEMO_PASSWORD
export OS_PROJECT_NAME=demo
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
EOF
step "seeding flavor, image and $SEED_SERVERS servers (batches of $SEED_BATCH; log $LOG/seed.log)"
CUR_LOG=$LOG/nova-compute.log
$PY "$HERE/seed.py" --admin-rc "$OS_DIR/openrc-admin" --demo-rc "$OS_DIR/openrc" \
    --servers "$SEED_SERVERS" --batch "$SEED_BATCH" 2>&1 | tee -a "$LOG/seed.log" \
  || { show_log "$LOG/nova-conductor.log" "$LOG/nova-scheduler.log"; die "seeding failed"; }
mark "seed flavor + image + servers ACTIVE"

# every service started must still be running (e.g. a nova-compute that died after registering)
for f in "$RUN"/*.pid; do
  n=$(basename "$f" .pid)
  [[ $n == rabbitmq-beam ]] && continue
  alive "$n" || { CUR_LOG=$LOG/$n.log; die "$n is not running any more"; }
done

# ---------------------------------------------------------------- summary
mem_kib() { # PSS of every process in the session groups we started
  local total=0 pid pg sess
  for f in "$RUN"/*.pid; do
    [[ $f == */rabbitmq-beam.pid ]] && continue
    sess=$(cat "$f")
    for pid in $(ps -e -o pid=,sid= | awk -v s="$sess" '$2==s{print $1}'); do
      v=$(awk '/^Pss:/{print $2}' /proc/$pid/smaps_rollup 2>/dev/null || echo 0); total=$((total + ${v:-0}))
    done
  done
  echo $total
}
echo
log "================ OpenStack (Zed, Debian bookworm) up on $HOST_IP ================"
printf '%s\n' "${TIMINGS[@]}"
echo "memory (PSS, all started processes): $(( $(mem_kib) / 1024 )) MiB"
echo
echo "Endpoints:  keystone http://$HOST_IP:$KEYSTONE_PORT/v3   nova http://$HOST_IP:$NOVA_PORT/v2.1 (legacy /v2/{project_id})"
echo "            glance http://$HOST_IP:$GLANCE_PORT   placement http://$HOST_IP:$PLACEMENT_PORT   neutron http://$HOST_IP:$NEUTRON_PORT   rabbitmq $HOST_IP:$RABBIT_PORT"
echo "State/logs/PIDs: $OS_DIR/{etc,log,run,data}   stop with: $HERE/down.sh"
echo "Suite environment: source $OS_DIR/openrc   (admin: $OS_DIR/openrc-admin)"
grep '^export' "$OS_DIR/openrc" | sed 's/^/  /'
echo "Log of this script: $LOG/up.log"
