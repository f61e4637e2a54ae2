#!/bin/bash
# How long the server and a command take to start, java -jar ledger-app.jar against ./ledger (the extracted jar with
# its class-data archive), alternated round by round (BENCHMARKS.md, "Starting the server and a command").
# Usage, from the repository after ./mvnw -q -DskipTests package:
#   ledger-bench/start-times.sh FOLDER [ROUNDS] [PORT]
# FOLDER holds the store (./data) that `verify` reads and the server opens, e.g. one where ./ledger --demo ran once.
# A command's time is the whole process's (verify, from start to exit); the server's, from its start until its
# readiness check answers UP.
set -u
repo=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
folder=$1; rounds=${2:-4}; port=${3:-18193}
cd "$folder" || exit 2
ms() { date +%s%3N; }
for round in $(seq "$rounds"); do
  for way in java-jar launcher; do
    if [ $way = java-jar ]; then cmd=(java -jar "$repo/ledger-app/target/ledger-app.jar"); else cmd=("$repo/ledger"); fi
    t0=$(ms); "${cmd[@]}" verify > /dev/null 2>&1; rc=$?; t1=$(ms)
    echo "round $round $way verify: $((t1 - t0)) ms, exit $rc"
    t0=$(ms); "${cmd[@]}" --server.port="$port" > "start-times-server.log" 2>&1 & pid=$!
    until curl -sf "localhost:$port/actuator/health/readiness" > /dev/null 2>&1; do
      kill -0 $pid 2>/dev/null || { echo "the server stopped: see $folder/start-times-server.log" >&2; exit 1; }
      sleep 0.05   # polling the readiness check, the thing measured
    done
    t1=$(ms)
    started=$(grep -o 'Started LedgerApplication in [0-9.]* seconds' start-times-server.log)
    echo "round $round $way server ready: $((t1 - t0)) ms ($started)"
    kill $pid; wait $pid 2>/dev/null
  done
done
