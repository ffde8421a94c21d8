package io.caspian.config;

import io.caspian.dispatch.ImageAllowlist;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The job's own settings, parsed once in {@code main} from {@code caspian.yaml} and the command
 * line. Immutable and serializable, so functions can hold it.
 */
public record CaspianConfig(
        Topics topics,
        Kafka kafka,
        Scheduler scheduler,
        Carbon carbon,
        Watermarks watermarks,
        Migration migration,
        Energy energy,
        String baselineHomeCluster,
        Demo demo,
        Elasticsearch elasticsearch,
        Kubernetes kubernetes,
        Audit audit,
        Limits limits)
        implements Serializable {

    /** The same configuration with other Kubernetes settings. */
    public CaspianConfig withKubernetes(Kubernetes other) {
        return new CaspianConfig(topics, kafka, scheduler, carbon, watermarks, migration, energy, baselineHomeCluster, demo,
                elasticsearch, other, audit, limits);
    }

    /** The same configuration with the learned forecast switched on or off (a back-test's forecast mode). */
    public CaspianConfig withLearnedForecast(boolean learned) {
        Carbon c = new Carbon(carbon.maxAge(), carbon.signal(), carbon.format(), learned);
        return new CaspianConfig(topics, kafka, scheduler, c, watermarks, migration, energy, baselineHomeCluster, demo,
                elasticsearch, kubernetes, audit, limits);
    }

    public record Topics(
            String carbonIntensity,
            String workloads,
            String clusters,
            String eventsIn,
            String alertRules,
            String policies,
            String placements,
            String auditEvents,
            String analytics,
            String alerts,
            String deadLetter,
            String roundSummaries,
            String dispatchOutcomes)
            implements Serializable {

        /** Every topic the job writes. */
        public java.util.List<String> outputs() {
            return java.util.List.of(placements, auditEvents, analytics, alerts, deadLetter, roundSummaries);
        }
    }

    /** Kafka client settings; {@code properties} may hold secrets and is never printed. */
    public record Kafka(
            String bootstrapServers,
            String groupId,
            String transactionalIdPrefix,
            Map<String, String> properties)
            implements Serializable {
        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId
                    + ", properties=" + properties.keySet() + " (values hidden)]";
        }
    }

    public record Scheduler(
            Duration interval,
            Duration slot,
            Duration horizon,
            SolverChoice solver,
            double solverDeterministicTime,
            Duration solverTimeLimit,
            long localSearchBudget,
            boolean completeAfterRuntime,
            Map<String, String> clusterDomains,
            boolean anticipateArrivals)
            implements Serializable {

        /** The scheduling domains ({@code scheduler.domains}): each listed cluster's domain. */
        public io.caspian.scheduling.Domains domains() {
            return new io.caspian.scheduling.Domains(clusterDomains);
        }

        public int horizonSlots() {
            return (int) Math.max(1, horizon.toMillis() / slot.toMillis());
        }
    }

    public enum SolverChoice {
        GREEDY,
        EXACT,
        AUTO
    }

    /** @param format how carbon-topic payloads are read: a format name, or {@code auto} to recognise each */
    /** @param learnedForecast a reading without a forecast gets one learnt from its zone's last week */
    public record Carbon(Duration maxAge, String signal, String format, boolean learnedForecast) implements Serializable {}

    /**
     * Bounds every input record is checked against when it is parsed (docs/limits.md); counts are
     * inclusive maxima.
     */
    public record Limits(
            long payloadBytes,
            int idLength,
            int zoneLength,
            int runtimeMinutes,
            int deadlineMinutes,
            double cpu,
            double memGb,
            int gpu,
            double dataGb,
            int imageLength,
            int commandArgs,
            int commandChars,
            double intensityGco2PerKwh,
            int forecastPoints,
            Duration forecastHorizon,
            Duration futureSkew,
            Instant earliestEventTime,
            long outputRecordBytes)
            implements Serializable {}

    /**
     * @param idleness how long an input without a record since the job started holds event time back
     * @param idlenessAfterData how long an input that has had records may be quiet before it counts as idle
     */
    public record Watermarks(Duration maxOutOfOrderness, Duration idleness, Duration idlenessAfterData) implements Serializable {

        public Watermarks(Duration maxOutOfOrderness, Duration idleness) {
            this(maxOutOfOrderness, idleness, idleness);
        }
    }

    /**
     * {@code networkCostGco2PerGb.get(from).get(to)}; a missing pair costs 0. {@code forbidden.get(from)}
     * lists the clusters a running workload on {@code from} may never be moved to (the matrix entry
     * {@code forbidden} in caspian.yaml).
     */
    public record Migration(double lambdaGco2, Map<String, Map<String, Double>> networkCostGco2PerGb,
            Map<String, Set<String>> forbidden)
            implements Serializable {
        /** Every move allowed. */
        public Migration(double lambdaGco2, Map<String, Map<String, Double>> networkCostGco2PerGb) {
            this(lambdaGco2, networkCostGco2PerGb, Map.of());
        }
    }

    public record Energy(double wattsPerCore, double wattsPerGbMemory, double wattsPerGpu, double pue)
            implements Serializable {}

    /** @param policiesFile policy documents (JSON, one per line) the demo publishes at their timestamps; null: none */
    public record Demo(String outputDir, long seed, int backgroundWorkloads, String policiesFile) implements Serializable {}

    /** How outputs are indexed into Elasticsearch; secrets are named by environment variable, never held. */
    /**
     * @param separateIndexer the streaming job leaves Elasticsearch to the {@code index} mode, which
     *     reads the output topics in its own job (its own failure domain)
     */
    public record Elasticsearch(
            boolean enabled,
            boolean separateIndexer,
            String url,
            String indexPrefix,
            IndexMode indexMode,
            String apiKeyEnv,
            String usernameEnv,
            String passwordEnv,
            int maxBatchSize,
            long maxBatchBytes,
            int maxInFlight,
            int maxBuffered,
            Duration maxTimeInBuffer,
            long maxDocumentBytes,
            Duration retryInitialBackoff,
            Duration retryMaxBackoff,
            Duration requestTimeout,
            ElasticsearchTls tls)
            implements Serializable {

        /** The same settings against another node (the report's {@code --es-url}). */
        public Elasticsearch withUrl(String otherUrl) {
            return new Elasticsearch(enabled, separateIndexer, otherUrl, indexPrefix, indexMode, apiKeyEnv, usernameEnv, passwordEnv, maxBatchSize,
                    maxBatchBytes, maxInFlight, maxBuffered, maxTimeInBuffer, maxDocumentBytes, retryInitialBackoff,
                    retryMaxBackoff, requestTimeout, tls);
        }
    }

    /**
     * Whom an {@code https} Elasticsearch client trusts: the CA certificates of a PEM file (ECK's
     * self-signed CA), or a trust store file, or, with neither, the JVM's default trust store. Paths
     * only: the files are read where the client is built (on the task managers, which mount them), and
     * the trust store's password comes from the environment variable named here, never the config.
     */
    public record ElasticsearchTls(String caFile, String truststorePath, String truststorePasswordEnv) implements Serializable {

        /** Trust the JVM's defaults (public CAs), as before this option existed. */
        public static final ElasticsearchTls JVM_DEFAULTS = new ElasticsearchTls(null, null, null);

        public boolean customTrust() {
            return caFile != null || truststorePath != null;
        }
    }

    public enum IndexMode {
        /** {@code <prefix>-<stream>-yyyy.MM.dd} by event time. */
        DAILY,
        /** the write alias {@code <prefix>-<stream>}, rolled over by the cluster's ILM policy. */
        ROLLOVER
    }

    /**
     * Kubernetes dispatch; each cluster's kubeconfig context comes from its registration record.
     *
     * @param imageAllowlist the images a workload may run; empty allows none (see {@link ImageAllowlist})
     * @param dispatchAttempts how many dispatches of a workload may fail before it ends {@code failed}
     * @param dispatchRetryBackoff how long a workload whose dispatch failed waits before it is planned
     *     again; doubled after each further failure
     * @param migrationStartTimeout how long a move waits for its target's Job to run before it gives
     *     the move up and the workload stays on its source
     * @param awaitOutcomes whether the placement rounds wait for the dispatcher's outcome of a dispatch (and
     *     do not move the workload meanwhile); only where the outcomes are read back ({@code topics.dispatch-outcomes})
     * @param outcomeTimeout how long after its round (in event time) an awaited outcome may take before the
     *     dispatch counts as failed; longer than {@code migrationStartTimeout}
     */
    public record Kubernetes(
            boolean enabled,
            String namespace,
            int retryAttempts,
            Duration retryInitialBackoff,
            Duration requestTimeout,
            Duration statusPollInterval,
            ImageAllowlist imageAllowlist,
            int dispatchAttempts,
            Duration dispatchRetryBackoff,
            Duration migrationStartTimeout,
            boolean awaitOutcomes,
            Duration outcomeTimeout)
            implements Serializable {

        public Kubernetes {
            if (outcomeTimeout.compareTo(migrationStartTimeout) <= 0) {
                // a move's outcome comes only once its target has started or migration-start-timeout has passed
                throw new ConfigException("kubernetes.outcome-timeout (" + outcomeTimeout.toSeconds()
                        + " s) must be longer than kubernetes.migration-start-timeout (" + migrationStartTimeout.toSeconds() + " s)");
            }
        }

        public Kubernetes withImageAllowlist(ImageAllowlist images) {
            return new Kubernetes(enabled, namespace, retryAttempts, retryInitialBackoff, requestTimeout, statusPollInterval,
                    images, dispatchAttempts, dispatchRetryBackoff, migrationStartTimeout, awaitOutcomes, outcomeTimeout);
        }

        /** The same settings, with the rounds not waiting for outcomes that never come back to them. */
        public Kubernetes withoutAwaitingOutcomes() {
            return new Kubernetes(enabled, namespace, retryAttempts, retryInitialBackoff, requestTimeout, statusPollInterval,
                    imageAllowlist, dispatchAttempts, dispatchRetryBackoff, migrationStartTimeout, false, outcomeTimeout);
        }
    }

    /**
     * Audit analytics and inefficiency detection (see docs/analytics.md).
     *
     * @param analyticsWindows tumbling window length by its label ({@code 1m}, {@code 1h}), in order
     * @param pricePerKwh price of a kWh for cost figures; null when none is configured
     * @param utilizationThresholdPct a cluster whose CPU utilization stays below this is under-used
     * @param inefficiencyMinDuration how long under-use must last before it is reported
     * @param idleWattsPerCore power an unused but powered core draws (before PUE)
     * @param idleBelowPct below this mean utilization an episode counts as an idle cluster (shutdown)
     */
    public record Audit(
            Map<String, Duration> analyticsWindows,
            Double pricePerKwh,
            String currency,
            double utilizationThresholdPct,
            Duration inefficiencyMinDuration,
            double idleWattsPerCore,
            double idleBelowPct,
            Duration policySwitchSpan)
            implements Serializable {}
}
