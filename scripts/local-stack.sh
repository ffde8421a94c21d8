#!/usr/bin/env bash
# A local streaming stack without Docker: a real Kafka broker (KRaft, from Maven Central artifacts),
# the job's topics, and the CASPIAN job in streaming mode against them. See docs/streaming.md.
#
#   scripts/local-stack.sh up      start the broker, create the topics, start the job (background)
#   scripts/local-stack.sh feed    produce the seed scenario (examples/seed/*.jsonl) with kcat
#   scripts/local-stack.sh status  say what runs, and where
#   scripts/local-stack.sh down    stop the job and the broker (their files stay in the work folder)
#
# Environment: CASPIAN_STACK_DIR (work folder, default target/local-stack), KAFKA_PORT (default: a free
# port chosen now), MVN (default: mvn), CASPIAN_IDLENESS (how long an input waits for its first record
# before event time moves on without it, default 10 min: feed within that), CASPIAN_IDLENESS_AFTER_DATA
# (how long a fed input may be quiet before it counts as idle, default 2 s).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${CASPIAN_STACK_DIR:-$ROOT/target/local-stack}"
MVN="${MVN:-mvn}"
IDLENESS="${CASPIAN_IDLENESS:-10 min}"
IDLENESS_AFTER_DATA="${CASPIAN_IDLENESS_AFTER_DATA:-2 s}"
mkdir -p "$WORK"

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

running() {
  [[ -f "$WORK/$1.pid" ]] && kill -0 "$(cat "$WORK/$1.pid")" 2>/dev/null
}

bootstrap() {
  cat "$WORK/bootstrap"
}

classpaths() {
  if [[ ! -s "$WORK/kafka.classpath" ]]; then
    $MVN -B -q -f "$ROOT/scripts/kafka-broker.pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/kafka.classpath"
  fi
  # compile scope includes Flink itself (provided), as for the embedded demo
  $MVN -B -q -f "$ROOT/pom.xml" compile dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile="$WORK/job.classpath.all"
  # test jars that come along transitively carry a log4j2-test.properties that would silence the job
  tr ':' '\n' < "$WORK/job.classpath.all" | grep -v -- '-tests\.jar$' | paste -sd: > "$WORK/job.classpath"
}

start_broker() {
  local port controller
  port="${KAFKA_PORT:-$(free_port)}"
  controller="$(free_port)"
  mkdir -p "$WORK/kafka-data"
  cat > "$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$WORK/kafka-data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat > "$WORK/kafka-log4j2.properties" <<PROPS
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = $WORK/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d %-5p %c{1} - %m%n
PROPS
  local cp
  cp="$(cat "$WORK/kafka.classpath")"
  if [[ ! -f "$WORK/kafka-data/meta.properties" ]]; then
    java -cp "$cp" -Dlog4j2.configurationFile="$WORK/kafka-log4j2.properties" kafka.tools.StorageTool format \
      -t "$(/usr/bin/python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
      -c "$WORK/server.properties" > "$WORK/kafka-format.log" 2>&1
  fi
  nohup java -Xmx512m -cp "$cp" -Dlog4j2.configurationFile="$WORK/kafka-log4j2.properties" kafka.Kafka "$WORK/server.properties" \
    > "$WORK/kafka.out" 2>&1 &
  echo $! > "$WORK/kafka.pid"
  echo "127.0.0.1:$port" > "$WORK/bootstrap"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "kafka broker up on $(bootstrap) (log: $WORK/kafka.log)"
      return 0
    fi
    running kafka || { echo "the broker stopped; see $WORK/kafka.out and $WORK/kafka.log" >&2; exit 1; }
    sleep 1
  done
  echo "the broker did not open port $port within 60 s; see $WORK/kafka.log" >&2
  exit 1
}

flink_conf() {
  # the production flink-conf, with checkpoints in the work folder and a short interval, so that
  # decisions (committed on checkpoints) show up within seconds; one subtask per operator, since each
  # input topic has one partition and a second reader would have nothing to read, holding event time
  # back for the whole start-up idleness
  mkdir -p "$WORK/flink-conf"
  sed -e "s#file:///tmp/caspian/checkpoints#file://$WORK/checkpoints#" \
      -e "s#^  default: 2#  default: 1#" \
      -e "s#file:///tmp/caspian/savepoints#file://$WORK/savepoints#" \
      -e "s#^    interval: 30 s#    interval: 5 s#" \
      -e "s#^    min-pause: 10 s#    min-pause: 1 s#" \
      "$ROOT/flink-conf/config.yaml" > "$WORK/flink-conf/config.yaml"
}

java_job() {
  java -cp "$ROOT/target/classes:$(cat "$WORK/job.classpath")" io.caspian.cli.Main "$@" --kafka.bootstrap-servers="$(bootstrap)"
}

up() {
  if running kafka; then
    echo "kafka already runs on $(bootstrap)"
  else
    classpaths
    start_broker
  fi
  [[ -s "$WORK/job.classpath" ]] || classpaths
  java_job create-topics
  if running job; then
    echo "the job already runs (pid $(cat "$WORK/job.pid"))"
    return 0
  fi
  flink_conf
  # Each data input (clusters, carbon, workloads) holds event time until its first record, for up to
  # CASPIAN_IDLENESS, so that what is fed reaches the rounds in event-time order whichever reader is first;
  # a fed input that then goes quiet for CASPIAN_IDLENESS_AFTER_DATA stops holding it, so the rounds follow
  # the feed within seconds (docs/streaming.md, "Time to the first decision").
  CASPIAN_FLINK_CONF_DIR="$WORK/flink-conf" nohup java -cp "$ROOT/target/classes:$(cat "$WORK/job.classpath")" \
    io.caspian.cli.Main run --kafka.bootstrap-servers="$(bootstrap)" --watermarks.idleness="$IDLENESS" \
    --watermarks.idleness-after-data="$IDLENESS_AFTER_DATA" > "$WORK/job.log" 2>&1 &
  echo $! > "$WORK/job.pid"
  echo "job started (pid $(cat "$WORK/job.pid"), log: $WORK/job.log)"
  echo "feed the seed scenario:   scripts/local-stack.sh feed"
  echo "watch the decisions:      kcat -b $(bootstrap) -C -t caspian.placements -X isolation.level=read_committed -o beginning"
}

feed() {
  command -v kcat > /dev/null || { echo "kcat is needed: apt-get install kcat" >&2; exit 1; }
  local b
  b="$(bootstrap)"
  kcat -b "$b" -P -t caspian.clusters -l "$ROOT/examples/seed/clusters.jsonl"
  kcat -b "$b" -P -t caspian.workloads -l "$ROOT/examples/seed/workloads.jsonl"
  kcat -b "$b" -P -t caspian.carbon-intensity -l "$ROOT/examples/seed/carbon.jsonl"
  echo "produced examples/seed/*.jsonl to $b"
}

status() {
  if running kafka; then echo "kafka: up on $(bootstrap) (pid $(cat "$WORK/kafka.pid"))"; else echo "kafka: down"; fi
  if running job; then echo "job:   up (pid $(cat "$WORK/job.pid"), log $WORK/job.log)"; else echo "job:   down"; fi
}

stop() {
  local name="$1"
  if running "$name"; then
    kill "$(cat "$WORK/$name.pid")"
    for _ in $(seq 1 30); do running "$name" || break; sleep 1; done
    if running "$name"; then kill -9 "$(cat "$WORK/$name.pid")"; fi
    echo "$name stopped"
  fi
  rm -f "$WORK/$name.pid"
}

down() {
  stop job
  stop kafka
}

case "${1:-}" in
  up) up ;;
  feed) feed ;;
  status) status ;;
  down) down ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
