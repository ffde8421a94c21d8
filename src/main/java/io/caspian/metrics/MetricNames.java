package io.caspian.metrics;

/**
 * Names of the job's user metrics and of their label groups. Flink's Prometheus reporter exposes a
 * metric as {@code flink_taskmanager_job_task_operator_<label keys>_<name>}; the relabelling rules
 * shipped in {@code monitoring/prometheus.yml} and {@code k8s/podmonitor.yaml} strip that prefix so
 * the names below are what PromQL sees.
 */
public final class MetricNames {

    // the CASPIAN seed's migration metrics
    public static final String MIGRATIONS_TOTAL = "migrations_total";
    public static final String MIGRATION_DATA_TRANSFERRED_GB = "migration_data_transferred_gb";
    public static final String MIGRATION_COST_GCO2 = "migration_cost_gco2";
    public static final String MIGRATIONS_IN_PROGRESS = "migrations_in_progress";

    public static final String GRID_CARBON_INTENSITY = "grid_carbon_intensity_gco2_per_kwh";
    // each zone's forecast error over the last analytics window, per source and lead band
    public static final String FORECAST_MAPE_PCT = "forecast_mape_pct";
    public static final String FORECAST_BIAS = "forecast_bias_gco2_per_kwh";

    // fleet state after each scheduling round
    public static final String WORKLOADS_BY_PHASE = "workloads_by_phase";
    public static final String WORKLOADS_FINISHED = "workloads_finished_total";
    public static final String WORKLOADS_BY_CLUSTER = "workloads_by_cluster";
    public static final String CLUSTERS_BY_STATUS = "clusters_by_status";
    public static final String DECISION_LATENCY_MS = "scheduling_decision_latency_ms";
    public static final String CARBON_SAVED_GCO2 = "carbon_saved_gco2";
    public static final String ROUND_STAGE_MS = "scheduling_round_stage_ms";

    // label keys
    public static final String FROM_CLUSTER = "from_cluster";
    public static final String TO_CLUSTER = "to_cluster";
    public static final String ZONE = "zone";
    public static final String PHASE = "phase";
    public static final String CLUSTER = "cluster";
    public static final String STATUS = "status";
    public static final String STAGE = "stage";
    public static final String SOURCE = "source";
    public static final String LEAD_HOURS = "lead_hours";
    public static final String WINDOW = "window";

    private MetricNames() {}
}
