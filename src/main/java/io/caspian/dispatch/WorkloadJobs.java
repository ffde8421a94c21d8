package io.caspian.dispatch;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The batch/v1 Job of a workload: the seed's Job (labels, annotations, resources), locked down to
 * what the Pod Security {@code restricted} profile demands, bounded by the workload's deadline, and
 * only for an image the allowlist admits.
 */
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
    /**
     * The uid and gid the workload's container runs as. Pod Security {@code restricted} demands
     * {@code runAsNonRoot}; many public images (the seed's {@code python:3.11-slim} among them) have
     * root as their user, and the kubelet refuses to start those unless a non-root uid is given.
     * 65532 is the conventional unprivileged "nonroot" uid of distroless images.
     */
    public static final long RUN_AS_USER = 65532L;
    public static final String SECCOMP_RUNTIME_DEFAULT = "RuntimeDefault";

    /** Dead-letter reasons of a workload the dispatcher refuses to run. */
    public static final String NO_IMAGE = "missing_image";
    public static final String IMAGE_NOT_ALLOWED = "image_not_allowed";
    public static final String DEADLINE_PASSED = "deadline_passed";

    /** A placement the dispatcher will not turn into a Job; {@code reason} is the dead letter's. */
    public static final class Refused extends IllegalArgumentException {
        private final String reason;

        Refused(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private WorkloadJobs() {}

    /**
     * @throws Refused when the placement lacks an image, its image is not on the allowlist, or its
     *     deadline has passed at the round that dispatches it
     */
    public static Job build(Placement placement, String namespace, ImageAllowlist allowlist) {
        WorkloadSpec spec = placement.spec();
        if (spec == null || spec.image() == null || spec.image().isBlank()) {
            throw new Refused(NO_IMAGE, "workload " + placement.jobId() + " has no image to run");
        }
        if (!allowlist.allows(spec.image())) {
            throw new Refused(IMAGE_NOT_ALLOWED, "image '" + spec.image() + "' of workload " + placement.jobId()
                    + " is not on kubernetes.image-allowlist " + allowlist + "; no Job was created");
        }
        long deadlineSeconds = activeDeadlineSeconds(placement);
        if (deadlineSeconds <= 0) {
            throw new Refused(DEADLINE_PASSED, "the deadline of workload " + placement.jobId() + " ("
                    + java.time.Instant.ofEpochMilli(placement.deadlineMillis()) + ") has passed at the round that dispatches it ("
                    + java.time.Instant.ofEpochMilli(placement.roundMillis()) + "); no Job was created");
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
                    .withActiveDeadlineSeconds(deadlineSeconds)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels(placement.jobId())).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .withSecurityContext(podSecurity())
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(spec.image())
                                .withCommand(spec.command())
                                .withResources(resources(spec))
                                .withSecurityContext(containerSecurity())
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

    /**
     * Seconds from the round that dispatches the workload to its deadline (submission +
     * {@code deadline_minutes}), rounded up. Kubernetes counts {@code activeDeadlineSeconds} from the
     * Job's start, which comes shortly after the round, so the cluster stops a workload at its
     * deadline plus that dispatch delay at the latest. A Job created on a move counts from the move's
     * round, so the deadline does not restart. Derived from the placement alone: a retry or a replay
     * builds the same Job.
     */
    static long activeDeadlineSeconds(Placement placement) {
        long millis = placement.deadlineMillis() - placement.roundMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** Pod Security {@code restricted}: non-root with a fixed uid, the runtime's default seccomp profile. */
    static PodSecurityContext podSecurity() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS_USER)
                .withRunAsGroup(RUN_AS_USER)
                .withNewSeccompProfile().withType(SECCOMP_RUNTIME_DEFAULT).endSeccompProfile()
                .build();
    }

    /** Pod Security {@code restricted} for the container: no privilege escalation, no capabilities. */
    static SecurityContext containerSecurity() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType(SECCOMP_RUNTIME_DEFAULT).endSeccompProfile()
                .build();
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
