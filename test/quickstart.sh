#!/usr/bin/env bash
# The README's quick start, exactly as written, on a clean checkout with the Node on PATH: its first
# line (`npm install && npm start`) must answer /api/health, stop on Ctrl-C (SIGINT to its process
# group) within 15 s leaving no PostgreSQL behind, and come back with the same data; its second line
# (`npm test`) must pass. Prints the install time and the time to /api/health, fresh and on restart.
# Driven by .ci/run on each Node line; run by hand from the project root after `rm -rf node_modules`.
set -euo pipefail
cd "$(dirname "$0")/.."

readarray -t lines < <(awk '/^## Quick start/{q=1} q&&/^```/{if(b){exit}b=1;next} b' README.md)
[[ ${#lines[@]} -eq 2 ]] || { echo "FATAL: the README's quick start is not two command lines: ${lines[*]}" >&2; exit 1; }
start_line=${lines[0]} test_line=${lines[1]}

port=${QUICKSTART_PORT:-3000}
health="http://127.0.0.1:${port}/api/health"
log=$(mktemp)
node_major=$(node -p 'process.versions.node.split(".")[0]')
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

# Nothing of an earlier run may make this one look fresh or warm.
if curl -sf -o /dev/null "$health"; then echo "FATAL: something already answers on port $port" >&2; exit 1; fi
rm -rf .enlace dist

pgid=
stop_group() { # SIGINT, as Ctrl-C in the terminal would; then wait for every process of the group
  local t0 deadline
  t0=$(now)
  kill -INT -- "-$pgid" 2>/dev/null || true
  deadline=$((SECONDS + 15))
  while kill -0 -- "-$pgid" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      ps -o pid,args -g "$pgid" >&2 || true
      kill -KILL -- "-$pgid" 2>/dev/null || true
      echo "FATAL: npm start did not stop within 15 s of Ctrl-C" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "quickstart: stopped in $(elapsed "$t0") s"
  pgid=
}
trap '[[ -n $pgid ]] && kill -KILL -- "-$pgid" 2>/dev/null; rm -f "$log"' EXIT

start() { # $1: the command line; $2: what to call it in the report
  local t0 deadline
  t0=$(now)
  # Without DATABASE_URL and REDIS_URL, as on a fresh machine: everything embedded.
  setsid env -u DATABASE_URL -u REDIS_URL PORT="$port" bash -c "$1" >>"$log" 2>&1 &
  pgid=$!
  deadline=$((SECONDS + 600))
  until curl -sf -o /dev/null "$health"; do
    if ! kill -0 "$pgid" 2>/dev/null || ((SECONDS > deadline)); then
      tail -n 40 "$log" >&2
      echo "FATAL: '$1' did not answer $health" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "quickstart: '$1' answered /api/health $2 after $(elapsed "$t0") s on Node $(node -v)"
}

start "$start_line" "(fresh clone, install included)"
if ((node_major >= 22)) && grep -q EBADENGINE "$log"; then
  grep -A4 EBADENGINE "$log" >&2
  echo "FATAL: npm warns EBADENGINE on Node $(node -v), a supported line" >&2
  exit 1
fi
if grep -qE 'ERESOLVE|npm error' "$log"; then grep -E 'ERESOLVE|npm error' "$log" >&2; exit 1; fi

json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]??""))' "$1"; }
demo_token() { # the demo directory is seeded: a demo user signs in
  curl -sf -H 'content-type: application/json' -d '{"email":"fiscal.gt@demo.enlace","password":"enlace-demo"}' \
    "http://127.0.0.1:${port}/api/auth/login" | json_field accessToken
}
token=$(demo_token)
created=$(curl -sf -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d '{"requestedCountry":"MX","title":"Quick start check"}' "http://127.0.0.1:${port}/api/requests" | json_field id)
[[ -n $created ]] || { echo "FATAL: a demo user could not create a request" >&2; exit 1; }
stop_group

if pgrep -f "$(pwd)/.enlace" >/dev/null; then
  pgrep -af "$(pwd)/.enlace" >&2
  echo "FATAL: a process of the data folder outlived npm start" >&2
  exit 1
fi

start "$start_line" "(restart)"
token=$(demo_token)
curl -sf -o /dev/null -H "authorization: Bearer $token" "http://127.0.0.1:${port}/api/requests/$created" \
  || { echo "FATAL: the request made before the restart is gone" >&2; exit 1; }
stop_group

echo "quickstart: running '$test_line'"
bash -c "$test_line"
