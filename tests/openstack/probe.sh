#!/bin/bash
# Record what the real Nova (tests/openstack/up.sh) answers to the requests that
# NOVA-DIFFERENCES.md documents. Each exchange goes to $OUT/NAME.txt: the request line,
# the status line and headers (token redacted), the body (pretty JSON when it is JSON).
# Creates (and removes again) a few servers and snapshots of its own in the demo project.
# Usage: tests/openstack/probe.sh [OUT]   (default OUT: tests/openstack/samples)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${1:-$HERE/samples}
OS_DIR=${OS_DIR:-/var/tmp/openstack}
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# shellcheck disable=SC1091
. "$OS_DIR/openrc"
mkdir -p "$OUT"
log() { echo "[$(date -u +%H:%M:%S)] probe: $*"; }

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
AUTH_BODY=$(jq -cn --arg u "$OS_USERNAME" --arg p "$OS_PASSWORD" --arg pr "$OS_PROJECT_NAME" '
  {auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{name:"Default"},password:$p}}},
         scope:{project:{name:$pr,domain:{name:"Default"}}}}}')

# rec NAME METHOD URL [BODY] [MICROVERSION] [TOKEN]: record one exchange; sets STATUS, BODY, HDRS
rec() {
  local name=$1 method=$2 url=$3 body=${4:-} mv=${5:-} tok=${6-$TOKEN}
  local args=(-s -g -X "$method" -D "$TMP/h" -o "$TMP/b" -H 'Accept: application/json')
  [[ -n $tok ]] && args+=(-H "X-Auth-Token: $tok")
  [[ -n $mv ]] && args+=(-H "OpenStack-API-Version: compute $mv")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$url"
  STATUS=$(awk 'NR==1{print $2}' "$TMP/h")
  HDRS=$(tr -d '\r' < "$TMP/h")
  BODY=$(cat "$TMP/b")
  {
    echo "> $method $url"
    [[ -n $mv ]] && echo "> OpenStack-API-Version: compute $mv"
    [[ -n $body && ${#body} -lt 400 ]] && echo "> $body"
    [[ -n $body && ${#body} -ge 400 ]] && echo "> (body of ${#body} bytes: ${body:0:160}...)"
    echo "$HDRS" | sed -e 's/^\(X-Subject-Token:\).*/\1 <token>/I' -e '/^$/d' -e 's/^/< /'
    echo
    if jq -e . "$TMP/b" >/dev/null 2>&1; then jq . "$TMP/b"; else cat "$TMP/b"; echo; fi
  } > "$OUT/$name.txt"
  log "$name: $method ${url#http://127.0.0.1} -> $STATUS"
}
hdr() { echo "$HDRS" | awk -v k="$(echo "$1" | tr A-Z a-z)" 'BEGIN{FS=": "} tolower($1)==k{print $2}'; }

# ---- identity
rec keystone-v3-token POST "$OS_AUTH_URL/auth/tokens" "$AUTH_BODY" "" ""
TOKEN=$(hdr X-Subject-Token)
NOVA=$(echo "$BODY" | jq -r '.token.catalog[] | select(.type=="compute") | .endpoints[] | select(.interface=="public") | .url')
GLANCE=$(echo "$BODY" | jq -r '.token.catalog[] | select(.type=="image") | .endpoints[] | select(.interface=="public") | .url')
PROJECT_ID=$(echo "$BODY" | jq -r .token.project.id)
ROOT=${NOVA%/v2.1*}
log "compute endpoint $NOVA (project $PROJECT_ID)"
rec keystone-v3-root GET "${OS_AUTH_URL%/v3}/" "" "" ""
rec keystone-v3-bad-password POST "$OS_AUTH_URL/auth/tokens" "${AUTH_BODY/$OS_PASSWORD/wrong}" "" ""

# ---- versions
rec nova-root GET "$ROOT/" "" "" ""
rec nova-v21-root GET "$ROOT/v2.1/" "" "" ""
rec nova-v21-root-noslash GET "$ROOT/v2.1" "" "" ""
rec nova-v2-root GET "$ROOT/v2/" "" "" ""
rec nova-v2-project-servers GET "$ROOT/v2/$PROJECT_ID/servers?limit=1"
rec nova-v21-project-servers GET "$ROOT/v2.1/$PROJECT_ID/servers?limit=1"

# ---- auth failures on compute
rec nova-401-bad-token GET "$NOVA/servers" "" "" "not-a-token"
rec nova-401-no-token GET "$NOVA/servers" "" "" ""

# ---- paging
rec servers-all GET "$NOVA/servers/detail?limit=1000"
TOTAL=$(echo "$BODY" | jq '.servers | length')
FIRST=$(echo "$BODY" | jq -r '.servers[0].id')
rec servers-detail-limit2 GET "$NOVA/servers/detail?limit=2"
rec servers-limit2 GET "$NOVA/servers?limit=2"
rec servers-detail-limit-exact GET "$NOVA/servers/detail?limit=$TOTAL"
NEXT=$(echo "$BODY" | jq -r '.servers_links[0].href // empty')
[[ -n $NEXT ]] && rec servers-detail-after-last GET "$NEXT"
rec servers-detail-limit-over GET "$NOVA/servers/detail?limit=$((TOTAL + 1))"
rec servers-detail-limit0 GET "$NOVA/servers/detail?limit=0"
rec servers-detail-limit-neg GET "$NOVA/servers/detail?limit=-1"
rec servers-detail-limit-big GET "$NOVA/servers/detail?limit=5000"
rec servers-detail-bad-marker GET "$NOVA/servers/detail?marker=00000000-0000-0000-0000-000000000000"
rec servers-detail-marker-notuuid GET "$NOVA/servers/detail?marker=nope"
rec images-detail-limit1 GET "$NOVA/images/detail?limit=1"
rec images-limit1 GET "$NOVA/images?limit=1"
rec images-detail-bad-marker GET "$NOVA/images/detail?marker=00000000-0000-0000-0000-000000000000"
rec servers-detail-v293 GET "$NOVA/servers/detail?limit=1" "" 2.93
rec server-show-v21 GET "$NOVA/servers/$FIRST"
rec server-show-v293 GET "$NOVA/servers/$FIRST" "" 2.93
rec servers-detail-name-filter GET "$NOVA/servers/detail?name=srv-0[12]"
rec servers-detail-status-filter GET "$NOVA/servers/detail?status=ACTIVE&limit=1"
rec servers-detail-bad-status GET "$NOVA/servers/detail?status=BOGUS"

# ---- 404s
rec server-404 GET "$NOVA/servers/00000000-0000-0000-0000-000000000000"
rec server-404-notuuid GET "$NOVA/servers/12345"
rec image-404 GET "$NOVA/images/00000000-0000-0000-0000-000000000000"
BASE_IMG=$(curl -s -H "X-Auth-Token: $TOKEN" "$NOVA/images?name=fake-image" | jq -r '.images[0].id')
rec image-base-show GET "$NOVA/images/$BASE_IMG"
rec image-metadata-404-image GET "$NOVA/images/00000000-0000-0000-0000-000000000000/metadata"
rec image-metadata-404-key GET "$NOVA/images/$BASE_IMG/metadata/no-such-key"
rec image-metadata-base-post-403 POST "$NOVA/images/$BASE_IMG/metadata" '{"metadata":{"a":"1"}}'
rec rax-si-image-schedule-404 GET "$NOVA/servers/$FIRST/rax-si-image-schedule"
rec rax-si-image-schedule-post-404 POST "$NOVA/servers/$FIRST/rax-si-image-schedule" '{"image_schedule":{"retention":7}}'
rec images-v236-404 GET "$NOVA/images/detail?limit=1" "" 2.36
rec image-metadata-v239-404 GET "$NOVA/images/$BASE_IMG/metadata" "" 2.39

# ---- limits
rec limits-v21 GET "$NOVA/limits"
rec limits-v239 GET "$NOVA/limits" "" 2.39
rec flavors-detail GET "$NOVA/flavors/detail"

# ---- createImage + snapshot + image metadata
cleanup_snaps() { # delete this script's snapshots (also those a failed createImage left behind)
  local id
  for id in $(curl -s -g -H "X-Auth-Token: $TOKEN" "$NOVA/images/detail?limit=1000" |
              jq -r '.images[] | select(.name | startswith("probe-snap")) | .id'); do
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $TOKEN" "$NOVA/images/$id"
  done
}
cleanup_snaps
T0=$(date -u +%Y-%m-%dT%H:%M:%SZ); sleep 1
rec create-image-v21 POST "$NOVA/servers/$FIRST/action" '{"createImage":{"name":"probe-snap-1","metadata":{"k":"v"}}}'
SNAP=$(hdr Location); SNAP=${SNAP##*/}
rec snapshot-show-saving GET "$NOVA/images/$SNAP"
rec snapshot-glance-v2 GET "$GLANCE/v2/images/$SNAP"
rec server-after-create-image GET "$NOVA/servers/$FIRST"
for i in $(seq 1 30); do   # wait for the server to leave image_snapshot task state
  st=$(curl -s -H "X-Auth-Token: $TOKEN" "$NOVA/servers/$FIRST" | jq -r '.server["OS-EXT-STS:task_state"]')
  [[ $st == null ]] && break; sleep 1
done
for try in 1 2 3; do   # SQLite may answer "database is locked" (500) here: try again
  rec create-image-v245 POST "$NOVA/servers/$FIRST/action" '{"createImage":{"name":"probe-snap-2"}}' 2.45
  [[ $STATUS != 500 ]] && break; sleep 3
done
SNAP2=$(echo "$BODY" | jq -r '.image_id // empty')
rec snapshot-show-v21-after GET "$NOVA/images/$SNAP"
for i in $(seq 1 30); do
  st=$(curl -s -H "X-Auth-Token: $TOKEN" "$NOVA/servers/$FIRST" | jq -r '.server["OS-EXT-STS:task_state"]')
  [[ $st == null ]] && break; sleep 1
done
rec create-image-conflict-setup POST "$NOVA/servers/$FIRST/action" '{"createImage":{"name":"probe-snap-3"}}'
SNAP3=$(hdr Location); SNAP3=${SNAP3##*/}
rec create-image-while-snapshotting POST "$NOVA/servers/$FIRST/action" '{"createImage":{"name":"probe-snap-4"}}'
SNAP4=$(hdr Location); SNAP4=${SNAP4##*/}
rec create-image-no-name POST "$NOVA/servers/$FIRST/action" '{"createImage":{}}'
rec create-image-404-server POST "$NOVA/servers/00000000-0000-0000-0000-000000000000/action" '{"createImage":{"name":"x"}}'
rec images-detail-server-filter GET "$NOVA/images/detail?server=$FIRST"
rec images-detail-type-SNAPSHOT GET "$NOVA/images/detail?type=SNAPSHOT&limit=1"
rec images-detail-type-snapshot GET "$NOVA/images/detail?type=snapshot&limit=1"
rec images-detail-status-saving GET "$NOVA/images/detail?status=SAVING&limit=1"
rec images-detail-name GET "$NOVA/images/detail?name=probe-snap-1"

M=$NOVA/images/$SNAP/metadata
rec image-metadata-get GET "$M"
rec image-metadata-post POST "$M" '{"metadata":{"a":"1","k":"v2"}}'
rec image-metadata-put PUT "$M" '{"metadata":{"only":"this"}}'
rec image-metadata-get-after-put GET "$M"
rec image-metadata-item-put PUT "$M/color" '{"meta":{"color":"blue"}}'
rec image-metadata-item-get GET "$M/color"
rec image-metadata-item-put-mismatch PUT "$M/color" '{"meta":{"colour":"blue"}}'
rec image-metadata-item-put-two-keys PUT "$M/color" '{"meta":{"color":"blue","x":"y"}}'
LONGKEY=$(printf 'k%.0s' $(seq 1 256))
rec image-metadata-item-put-longkey PUT "$M/$LONGKEY" "{\"meta\":{\"$LONGKEY\":\"v\"}}"
rec image-metadata-post-longkey POST "$M" "{\"metadata\":{\"$LONGKEY\":\"v\"}}"
LONGVAL=$(printf 'v%.0s' $(seq 1 256))
rec image-metadata-post-longvalue POST "$M" "{\"metadata\":{\"lv\":\"$LONGVAL\"}}"
rec image-metadata-post-emptykey POST "$M" '{"metadata":{"":"v"}}'
rec image-metadata-post-badbody POST "$M" '{"meta":{"a":"1"}}'
rec image-metadata-item-delete DELETE "$M/color"
rec image-metadata-item-delete-again DELETE "$M/color"
many=$(jq -n '[range(0;129)] | map({key:("m\(.)"), value:"x"}) | from_entries | {metadata:.}')
rec image-metadata-post-129 POST "$M" "$many"
many=$(jq -n '[range(0;127)] | map({key:("m\(.)"), value:"x"}) | from_entries | {metadata:.}')
rec image-metadata-put-127 PUT "$M" "$many"
rec image-metadata-item-put-128th PUT "$M/m127" '{"meta":{"m127":"x"}}'
rec image-metadata-item-put-129th PUT "$M/m128" '{"meta":{"m128":"x"}}'
rec image-metadata-post-129th POST "$M" '{"metadata":{"zz":"x"}}'
many=$(jq -n '[range(0;129)] | map({key:("m\(.)"), value:"x"}) | from_entries | {metadata:.}')
rec image-metadata-put-129 PUT "$M" "$many"
rec image-metadata-put-empty PUT "$M" '{"metadata":{}}'
rec image-metadata-get-after-empty GET "$M"
rec image-delete DELETE "$NOVA/images/$SNAP"
rec image-delete-again DELETE "$NOVA/images/$SNAP"
rec image-show-deleted GET "$NOVA/images/$SNAP"
rec images-changes-since-incl-deleted GET "$NOVA/images/detail?changes-since=$T0"
cleanup_snaps

# ---- changes-since with a deleted server
T=$(date -u +%Y-%m-%dT%H:%M:%SZ); sleep 1
IMG=$BASE_IMG
rec server-create-v21 POST "$NOVA/servers" "{\"server\":{\"name\":\"probe-cs\",\"imageRef\":\"$IMG\",\"flavorRef\":\"100\"}}"
CS=$(echo "$BODY" | jq -r .server.id)
for i in $(seq 1 60); do
  st=$(curl -s -H "X-Auth-Token: $TOKEN" "$NOVA/servers/$CS" | jq -r .server.status)
  [[ $st != BUILD ]] && break; sleep 1
done
rec server-delete DELETE "$NOVA/servers/$CS"
for i in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $TOKEN" "$NOVA/servers/$CS")
  [[ $code == 404 ]] && break; sleep 1
done
rec servers-changes-since GET "$NOVA/servers/detail?changes-since=$T"
rec servers-changes-since-list GET "$NOVA/servers?changes-since=$T"
rec servers-no-changes-since GET "$NOVA/servers/detail?name=probe-cs"
rec server-show-deleted GET "$NOVA/servers/$CS"
rec servers-changes-since-bad GET "$NOVA/servers/detail?changes-since=yesterday"
rec servers-changes-since-future GET "$NOVA/servers/detail?changes-since=2099-01-01T00:00:00Z"
rec images-changes-since GET "$NOVA/images/detail?changes-since=$T"
log "done: $(ls "$OUT" | wc -l) files in $OUT"
