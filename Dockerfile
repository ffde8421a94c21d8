# The CASPIAN job image: the official Flink image, the Prometheus reporter plugin enabled, and the
# shaded job jar where the FlinkDeployment (k8s/flinkdeployment.yaml) looks for it.
# Build after `mvn package`:  docker build -t caspian-flink:0.1.0 .
FROM flink:2.2.1-java17

# Reporters are plugins: each lives in its own folder under plugins/. The image ships the Prometheus
# reporter in opt/; copy it into plugins/ unless it is there already.
RUN if ! ls /opt/flink/plugins/metrics-prometheus/flink-metrics-prometheus-*.jar >/dev/null 2>&1; then \
      mkdir -p /opt/flink/plugins/metrics-prometheus && \
      cp /opt/flink/opt/flink-metrics-prometheus-*.jar /opt/flink/plugins/metrics-prometheus/; \
    fi

COPY --chown=flink:flink target/caspian-flink-0.1.0-SNAPSHOT.jar /opt/flink/usrlib/caspian-flink.jar
