package io.caspian.dispatch;

import io.caspian.events.Placement;
import io.caspian.events.WorkloadSpec;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
    /** The workload's job_id as given (a label value is limited to 63 characters of a small alphabet). */
    public static final String JOB_ID_ANNOTATION = "caspian.io/job-id";
    /** The submission the Job runs, as an ISO-8601 instant: the newest one wins in the status feedback. */
    public static final String SUBMITTED_AT_ANNOTATION = "caspian.io/submitted-at";
    /** Longest Job name: the Job controller copies it into a pod label, which holds 63 characters. */
    public static final int MAX_NAME_LENGTH = 63;
    static final int NAME_HASH_LENGTH = 10;
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
                    + Instant.ofEpochMilli(placement.deadlineMillis()) + ") has passed at the round that dispatches it ("
                    + Instant.ofEpochMilli(placement.roundMillis()) + "); no Job was created");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(JOB_ID_ANNOTATION, placement.jobId());
        annotations.put(SUBMITTED_AT_ANNOTATION, Instant.ofEpochMilli(placement.submittedMillis()).toString());
        annotations.put(TARGET_CLUSTER_ANNOTATION, placement.targetCluster());
        annotations.put(ESTIMATED_CO2_ANNOTATION, String.format(Locale.ROOT, "%.2f", placement.estimatedCo2G()));
        if (placement.migratedFrom() != null) {
            annotations.put(MIGRATED_FROM_ANNOTATION, placement.migratedFrom());
        }
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name(placement))
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

    /** The name of the Job that runs this placement's submission: the same on every cluster it moves to. */
    public static String name(Placement placement) {
        return name(placement.jobId(), placement.submittedMillis());
    }

    /**
     * A DNS-1123 label unique per submission: the job_id made a label (lowercase letters, digits and
     * '-', cut to 52 characters) + '-' + 10 hex digits of SHA-256 over the job_id as given and the
     * submission's epoch millis. The same submission always gets the same name, so a retry or a
     * restart finds its own Job; a job_id submitted again gets a new name, so it never meets the
     * previous submission's finished Job, which stays until its TTL runs out. The hash covers the
     * job_id as given, so ids that differ only where the label form had to change still differ.
     */
    public static String name(String jobId, long submittedMillis) {
        String hash = sha256Hex(jobId + "\n" + submittedMillis).substring(0, NAME_HASH_LENGTH);
        String base = trimDashes(jobId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-"));
        int room = MAX_NAME_LENGTH - 1 - NAME_HASH_LENGTH;
        if (base.length() > room) {
            base = trimDashes(base.substring(0, room));
        }
        return (base.isEmpty() ? "workload" : base) + "-" + hash;
    }

    /**
     * The {@code job-id} label: the job_id itself when it is a valid label value, else its name form
     * (the annotation {@link #JOB_ID_ANNOTATION} always holds it as given).
     */
    static String jobIdLabel(String jobId) {
        if (jobId.length() <= MAX_NAME_LENGTH && jobId.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
            return jobId;
        }
        String label = trimDashes(jobId.replaceAll("[^A-Za-z0-9_.-]+", "-"));
        label = label.length() > MAX_NAME_LENGTH ? label.substring(0, MAX_NAME_LENGTH) : label;
        label = label.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return label.isEmpty() ? "workload" : label;
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+|-+$", "");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static Map<String, String> labels(String jobId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP_LABEL, APP);
        labels.put(JOB_ID_LABEL, jobIdLabel(jobId));
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
