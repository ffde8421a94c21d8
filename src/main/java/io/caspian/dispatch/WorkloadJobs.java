package io.caspian.dispatch;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The batch/v1 Job of a workload, as the CASPIAN seed dispatched it. */
public final class WorkloadJobs {

    public static final String APP_LABEL = "app";
    public static final String APP = "caspian-workload";
    public static final String JOB_ID_LABEL = "job-id";
    public static final String SCHEDULED_BY_LABEL = "scheduled-by";
    public static final String SCHEDULED_BY = "caspian";
    public static final String TARGET_CLUSTER_ANNOTATION = "caspian.io/target-cluster";
    public static final String ESTIMATED_CO2_ANNOTATION = "caspian.io/estimated-co2-g";
    public static final String MIGRATED_FROM_ANNOTATION = "caspian.io/migrated-from";
    public static final String CONTAINER = "workload";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    public static final int BACKOFF_LIMIT = 3;
    public static final int TTL_SECONDS_AFTER_FINISHED = 3600;

    private WorkloadJobs() {}

    /** @throws IllegalArgumentException when the placement lacks what a Job needs (image, resources) */
    public static Job build(Placement placement, String namespace) {
        WorkloadSpec spec = placement.spec();
        if (spec == null || spec.image() == null || spec.image().isBlank()) {
            throw new IllegalArgumentException("workload " + placement.jobId() + " has no image to run");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(TARGET_CLUSTER_ANNOTATION, placement.targetCluster());
        annotations.put(ESTIMATED_CO2_ANNOTATION, String.format(Locale.ROOT, "%.2f", placement.estimatedCo2G()));
        if (placement.migratedFrom() != null) {
            annotations.put(MIGRATED_FROM_ANNOTATION, placement.migratedFrom());
        }
        return new JobBuilder()
                .withNewMetadata()
                    .withName(placement.jobId())
                    .withNamespace(namespace)
                    .withLabels(labels(placement.jobId()))
                    .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(BACKOFF_LIMIT)
                    .withTtlSecondsAfterFinished(TTL_SECONDS_AFTER_FINISHED)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels(placement.jobId())).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(spec.image())
                                .withCommand(spec.command())
                                .withResources(resources(spec))
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    public static Map<String, String> labels(String jobId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP_LABEL, APP);
        labels.put(JOB_ID_LABEL, jobId);
        labels.put(SCHEDULED_BY_LABEL, SCHEDULED_BY);
        return labels;
    }

    /** Requests equal limits: the carbon estimate assumes the workload gets exactly what it asked for. */
    static ResourceRequirements resources(WorkloadSpec spec) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("cpu", new Quantity(plain(spec.cpu())));
        // mem_gb is decimal gigabytes
        amounts.put("memory", new Quantity(plain(spec.memGb()), "G"));
        if (spec.gpu() > 0) {
            amounts.put(GPU_RESOURCE, new Quantity(Integer.toString(spec.gpu())));
        }
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(new LinkedHashMap<>(amounts)).build();
    }

    private static String plain(double amount) {
        return new java.math.BigDecimal(Double.toString(amount)).stripTrailingZeros().toPlainString();
    }
}
