#!/usr/bin/env bash
# Submits the packaged job jar through Flink's own CLI (CliFrontend run) to a separate Flink 2.2
# session cluster - a JobManager and a TaskManager process started from Maven Central jars - runs
# the demo mode on it, and checks that the job finished and did the seed's migration. Proves that the
# shaded jar carries everything Flink itself does not provide.
#
# usage: scripts/flink-session-smoke.sh [JOB_JAR]   (default: the jar `mvn package` builds)
# Needs the Maven artifacts offline (`mvn -o`); uses free ports; always stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR="$(realpath "${1:-target/caspian-flink-0.1.0-SNAPSHOT.jar}")"
MAIN_CLASS=io.caspian.cli.Main
WAIT_SECONDS=${WAIT_SECONDS:-60}
RUN_SECONDS=${RUN_SECONDS:-150}
[[ -f "$JAR" ]] || { echo "no job jar at $JAR: run mvn package first" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/caspian-session.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP_WORK:-}" != 1 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

echo "== class path of a bare Flink 2.2 (Maven Central jars)"
mvn -B -q -o -f src/test/flink-session/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$(cat "$WORK/classpath.txt")"

REST_PORT=$(free_port)
RPC_PORT=$(free_port)
mkdir -p "$WORK/conf" "$WORK/log" "$WORK/out"
cat > "$WORK/conf/config.yaml" <<YAML
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
rest.address: localhost
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
taskmanager.host: localhost
taskmanager.bind-host: 127.0.0.1
taskmanager.rpc.port: 0
taskmanager.numberOfTaskSlots: 2
# no start scripts derive the memory split here, so every part is set
taskmanager.cpu.cores: 2
taskmanager.memory.framework.heap.size: 64m
taskmanager.memory.framework.off-heap.size: 64m
taskmanager.memory.task.heap.size: 384m
taskmanager.memory.task.off-heap.size: 0m
taskmanager.memory.managed.size: 64m
taskmanager.memory.network.min: 32m
taskmanager.memory.network.max: 32m
taskmanager.memory.jvm-metaspace.size: 192m
taskmanager.memory.jvm-overhead.min: 64m
taskmanager.memory.jvm-overhead.max: 64m
parallelism.default: 2
pipeline.generic-types: false
restart-strategy.type: none
YAML
cat > "$WORK/conf/log4j2.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
LOG

# the flags Flink's own scripts pass on Java 17
OPENS=()
for p in java.util java.lang java.lang.reflect java.io java.net java.nio sun.nio.ch java.time java.util.concurrent java.util.concurrent.atomic; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
logging() { echo "-Dlog.file=$WORK/log/$1.log" "-Dlog4j.configurationFile=$WORK/conf/log4j2.properties"; }

echo "== JobManager on REST port $REST_PORT"
# shellcheck disable=SC2046
java -Xmx512m "${OPENS[@]}" $(logging jobmanager) -cp "$CP" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$WORK/conf" \
  > "$WORK/log/jobmanager.out" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2046
java -Xmx448m -XX:MaxDirectMemorySize=160m "${OPENS[@]}" $(logging taskmanager) -cp "$CP" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$WORK/conf" \
  > "$WORK/log/taskmanager.out" 2>&1 &
PIDS+=($!)

deadline=$((SECONDS + WAIT_SECONDS))
until curl -fsS "http://127.0.0.1:$REST_PORT/overview" 2>/dev/null | grep -q '"taskmanagers":1'; do
  if (( SECONDS > deadline )); then
    echo "the session cluster did not come up within ${WAIT_SECONDS}s" >&2
    tail -n 30 "$WORK/log/"*.log >&2 || true
    exit 1
  fi
  sleep 1
done
echo "== cluster up: $(curl -fsS "http://127.0.0.1:$REST_PORT/overview")"

echo "== flink run -c $MAIN_CLASS $(basename "$JAR") demo"
status=0
# shellcheck disable=SC2046
FLINK_CONF_DIR="$WORK/conf" timeout "$RUN_SECONDS" java "${OPENS[@]}" $(logging client) -cp "$CP" \
  org.apache.flink.client.cli.CliFrontend run -c "$MAIN_CLASS" "$JAR" demo --demo.output-dir="$WORK/out" \
  > "$WORK/log/client.out" 2>&1 || status=$?
tail -n 12 "$WORK/log/client.out"
if (( status != 0 )); then
  echo "flink run failed with exit code $status" >&2
  tail -n 40 "$WORK/log/client.log" "$WORK/log/jobmanager.log" "$WORK/log/taskmanager.log" >&2 || true
  exit 1
fi

jobs_json="$(curl -fsS "http://127.0.0.1:$REST_PORT/jobs/overview")"
echo "== jobs: $jobs_json"
grep -q '"state":"FINISHED"' <<<"$jobs_json" || { echo "no finished job on the session cluster" >&2; exit 1; }
grep -q "MIGRATION detected for migration-test: carbon-kr -> carbon-jp" "$WORK/log/taskmanager.log" \
  || { echo "the TaskManager did not log the seed's migration" >&2; exit 1; }
[[ -s "$WORK/out/placements.jsonl" ]] || { echo "the demo wrote no placements" >&2; exit 1; }
echo "SESSION-SMOKE OK: $(wc -l < "$WORK/out/placements.jsonl") placements, migration logged by the TaskManager"
