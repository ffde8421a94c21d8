package io.caspian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.caspian.config.CaspianConfig;
import io.caspian.config.ConfigLoader;
import io.caspian.cli.Main;
import io.caspian.sources.KafkaInputs;
import io.fabric8.kubernetes.api.model.Quantity;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.MemorySize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every manifest in k8s/ parses, names a known kind with its apiVersion and required fields, and the
 * deployment agrees with the build: the jar the Dockerfile copies is the one Maven packages, it lands
 * where the FlinkDeployment looks, the entry class is the jar's main class, and the reporter port is
 * the one flink-conf/config.yaml and the PodMonitor use.
 */
class ManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("FlinkDeployment", "flink.apache.org/v1beta1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Namespace", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"),
            Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaUser", "kafka.strimzi.io/v1beta2"),
            Map.entry("Elasticsearch", "elasticsearch.k8s.elastic.co/v1"),
            Map.entry("Kibana", "kibana.k8s.elastic.co/v1"),
            Map.entry("PodMonitor", "monitoring.coreos.com/v1"),
            Map.entry("ResourceQuota", "v1"),
            Map.entry("LimitRange", "v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"));

    private static List<JsonNode> manifests;

    @BeforeAll
    static void read() throws IOException {
        manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc != null && !doc.isEmpty()) {
                            manifests.add(doc);
                        }
                    }
                }
            }
        }
        assertThat(manifests).isNotEmpty();
    }

    private static List<JsonNode> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertThat(found).as("one %s", kind).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyManifestHasAKnownKindItsApiVersionAndAName() {
        for (JsonNode m : manifests) {
            String kind = m.path("kind").asText();
            assertThat(API_VERSIONS).as("kind %s is checked by this test", kind).containsKey(kind);
            assertThat(m.path("apiVersion").asText()).as("apiVersion of %s", kind).isEqualTo(API_VERSIONS.get(kind));
            assertThat(m.path("metadata").path("name").asText()).as("name of a %s", kind).isNotBlank();
            if (!kind.equals("Namespace")) {
                assertThat(m.path("metadata").path("namespace").asText()).as("namespace of %s", kind).isNotBlank();
            }
        }
        assertThat(manifests).extracting(m -> m.path("kind").asText()).contains("FlinkDeployment", "ServiceAccount", "Role",
                "RoleBinding", "KafkaTopic", "Elasticsearch", "Kibana", "PodMonitor");
    }

    /** The streaming job's FlinkDeployment and the indexer's: the only two, by name. */
    private static final String STREAMING = "caspian";
    private static final String INDEXER = "caspian-indexer";

    private static JsonNode deployment(String name) {
        assertThat(ofKind("FlinkDeployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder(STREAMING, INDEXER);
        return ofKind("FlinkDeployment").stream().filter(d -> d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void bothFlinkDeploymentsAgreeWithTheBuildAndTheImage() throws Exception {
        for (String name : List.of(STREAMING, INDEXER)) {
            agreesWithTheBuildAndTheImage(deployment(name));
        }
        // the streaming job's state is its rounds: RocksDB, as flink-conf/config.yaml has it
        assertThat(deployment(STREAMING).at("/spec/flinkConfiguration/state.backend.type").asText()).isEqualTo("rocksdb");
    }

    private static void agreesWithTheBuildAndTheImage(JsonNode deployment) throws Exception {
        JsonNode spec = deployment.path("spec");
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String artifact = pom.getElementsByTagName("artifactId").item(0).getTextContent();
        String version = pom.getElementsByTagName("version").item(0).getTextContent();
        String mainClass = pom.getElementsByTagName("main.class").item(0).getTextContent();

        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM flink:2\\.2\\.\\d+-java17$");
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).as("the Dockerfile copies the job jar").isTrue();
        assertThat(copy.group(1)).isEqualTo("target/" + artifact + "-" + version + ".jar");
        assertThat(spec.path("job").path("jarURI").asText()).isEqualTo("local://" + copy.group(2));
        assertThat(copy.group(2)).startsWith("/opt/flink/usrlib/");
        assertThat(spec.path("job").path("entryClass").asText()).isEqualTo(mainClass);
        assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();

        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.path("image").asText()).isNotBlank();
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("state.backend.type").asText()).isIn("rocksdb", "hashmap");
        assertThat(flink.path("execution.checkpointing.interval").asText()).isNotBlank();
        assertThat(flink.path("execution.checkpointing.dir").asText()).isNotBlank();
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).as("savepoint upgrades need a target").isNotBlank();

        // Kubernetes HA, with the keys as Flink itself spells them
        assertThat(flink.path(HighAvailabilityOptions.HA_MODE.key()).asText()).isEqualTo("kubernetes");
        String haDir = flink.path(HighAvailabilityOptions.HA_STORAGE_PATH.key()).asText();
        assertThat(haDir).as("HA metadata must outlive the pods").matches("(s3|s3a|s3p|gs|abfss|wasbs|oss|hdfs)://.+");
        assertThat(haDir).isNotEqualTo(flink.path("execution.checkpointing.dir").asText());
        assertThat(spec.path("serviceAccount").asText()).as("HA needs an account that may manage ConfigMaps").isNotBlank();
        String tolerable = flink.path(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key()).asText();
        assertThat(tolerable).matches("\\d+");
        assertThat(Integer.parseInt(tolerable)).as("one failed checkpoint must not restart the job").isPositive();
        for (String key : List.of(HighAvailabilityOptions.HA_MODE.key(), HighAvailabilityOptions.HA_STORAGE_PATH.key(),
                CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key())) {
            assertThat(flink.has(key)).as("flinkConfiguration has %s", key).isTrue();
        }

        JsonNode conf = YAML.readTree(Path.of("flink-conf/config.yaml").toFile());
        JsonNode prom = conf.path("metrics").path("reporter").path("prom");
        assertThat(flink.path("pipeline.generic-types").asText()).isEqualTo(conf.path("pipeline").path("generic-types").asText());
        assertThat(flink.path("metrics.reporter.prom.factory.class").asText()).isEqualTo(prom.path("factory.class").asText());
        assertThat(flink.path("metrics.reporter.prom.filterLabelValueCharacters").asText()).isEqualTo("false");
        int port = prom.path("port").asInt();
        assertThat(flink.path("metrics.reporter.prom.port").asInt()).isEqualTo(port);
        JsonNode container = spec.path("podTemplate").path("spec").path("containers").path(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        assertThat(container.path("ports")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("metrics");
            assertThat(p.path("containerPort").asInt()).isEqualTo(port);
        });

        JsonNode monitor = one("PodMonitor").path("spec");
        assertThat(monitor.path("podMetricsEndpoints").path(0).path("port").asText()).isEqualTo("metrics");
        JsonNode podLabels = spec.path("podTemplate").path("metadata").path("labels");
        monitor.path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).as("pod label %s", label.getKey())
                        .isEqualTo(label.getValue().asText()));
    }

    @Test
    void dispatcherMayOnlyHandleJobsInItsNamespace() {
        CaspianConfig config = ConfigLoader.defaults();
        JsonNode role = one("Role");
        String namespace = role.path("metadata").path("namespace").asText();
        assertThat(namespace).isEqualTo(config.kubernetes().namespace());
        assertThat(role.path("rules")).allSatisfy(rule -> {
            assertThat(rule.path("apiGroups")).extracting(JsonNode::asText).containsExactly("batch");
            assertThat(rule.path("resources")).extracting(JsonNode::asText).containsExactly("jobs");
            assertThat(rule.path("verbs")).extracting(JsonNode::asText).isSubsetOf("get", "list", "watch", "create", "delete");
            assertThat(rule.has("resourceNames") || rule.has("nonResourceURLs")).isFalse();
        });
        JsonNode account = one("ServiceAccount");
        JsonNode binding = one("RoleBinding");
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        assertThat(binding.path("subjects")).singleElement().satisfies(s -> {
            assertThat(s.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(s.path("name").asText()).isEqualTo(account.path("metadata").path("name").asText());
            assertThat(s.path("namespace").asText()).isEqualTo(namespace);
        });
        assertThat(account.path("metadata").path("namespace").asText()).isEqualTo(namespace);
        assertThat(ofKind("ClusterRole")).isEmpty();
    }

    /** Mount path → name of the secret mounted there. */
    private static Map<String, String> mountedSecrets(JsonNode deployment) {
        return mounted(deployment, "secret", "/secret/secretName");
    }

    /** Mount path → name of the volume source of {@code kind} (secret, configMap) mounted there. */
    private static Map<String, String> mounted(JsonNode deployment, String kind, String namePointer) {
        Map<String, String> sourceOfVolume = new java.util.HashMap<>();
        deployment.at("/spec/podTemplate/spec/volumes").forEach(v -> {
            if (v.has(kind)) {
                sourceOfVolume.put(v.get("name").asText(), v.at(namePointer).asText());
            }
        });
        Map<String, String> mounts = new java.util.HashMap<>();
        deployment.at("/spec/podTemplate/spec/containers/0/volumeMounts").forEach(m -> {
            String source = sourceOfVolume.get(m.get("name").asText());
            if (source != null) {
                mounts.put(m.get("mountPath").asText(), source);
            }
        });
        return mounts;
    }

    @Test
    void theShippedSettingsReachKafkaOverSaslSslAndElasticsearchOverTlsWithTheClustersCas() throws IOException {
        JsonNode deployment = deployment(STREAMING);
        CaspianConfig config = settingsOf(deployment);
        Map<String, String> kafka = config.kafka().properties();
        assertThat(kafka).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "<from the KafkaUser's secret>").containsEntry("ssl.truststore.type", "PEM");
        // no explicit prefix: each deployment derives its own from CASPIAN_DEPLOYMENT
        assertThat(config.kafka().transactionalIdPrefix()).isEqualTo("caspian-caspian.caspian");
        assertThat(config.elasticsearch().url()).startsWith("https://caspian-es-es-http.");
        for (String name : List.of(STREAMING, INDEXER)) {
            assertThat(mountedSecrets(deployment(name)).get(Path.of(kafka.get("ssl.truststore.location")).getParent().toString()))
                    .as("the Kafka CA file is in %s's mount of Strimzi's cluster CA secret", name)
                    .isEqualTo("caspian-kafka-cluster-ca-cert");
        }
        // Elasticsearch is the indexer's alone
        assertThat(mountedSecrets(deployment(INDEXER)).get(Path.of(config.elasticsearch().tls().caFile()).getParent().toString()))
                .as("the Elasticsearch CA file is in a mount of ECK's public HTTP certificate secret")
                .isEqualTo(one("Elasticsearch").path("metadata").path("name").asText() + "-es-http-certs-public");
        Map<String, JsonNode> env = environment(deployment);
        assertThat(env.get("CASPIAN_DEPLOYMENT").path("value").asText()).contains("$(CASPIAN_NAMESPACE)");
        assertThat(env.get("CASPIAN_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.namespace");
        JsonNode user = kafkaUser(env.get("CASPIAN_KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText());
        assertThat(user).as("the streaming job logs in as a KafkaUser of the manifests").isNotNull();
        List<JsonNode> acls = new ArrayList<>();
        user.at("/spec/authorization/acls").forEach(acls::add);
        for (String topic : config.topics().outputs()) {
            assertThat(acls).as("Write on %s", topic).anyMatch(acl -> allows(acl, "topic", topic, "Write"));
        }
        String transactionalId = config.kafka().transactionalIdPrefix() + "-placements-0-1";
        assertThat(acls).as("Write on the transactional id %s", transactionalId)
                .anyMatch(acl -> allows(acl, "transactionalId", transactionalId, "Write"));
    }

    /** The container's environment variables by name. */
    private static Map<String, JsonNode> environment(JsonNode deployment) {
        Map<String, JsonNode> env = new java.util.HashMap<>();
        deployment.at("/spec/podTemplate/spec/containers/0/env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    /** The KafkaUser whose secret (Strimzi names it after the user) holds a JAAS line, or null. */
    private static JsonNode kafkaUser(String secret) {
        return ofKind("KafkaUser").stream().filter(u -> u.path("metadata").path("name").asText().equals(secret)).findFirst()
                .orElse(null);
    }

    /**
     * The settings a deployment's job runs with: the file of the ConfigMap it mounts, under the job's own
     * arguments, with the environment the pod gives it.
     */
    private static Main.Arguments arguments(JsonNode deployment) {
        List<String> args = new ArrayList<>();
        deployment.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        Main.Arguments parsed = Main.Arguments.parse(args.toArray(String[]::new));
        parsed.checkModeOptions();
        return parsed;
    }

    private static CaspianConfig settingsOf(JsonNode deployment) throws IOException {
        Main.Arguments args = arguments(deployment);
        String mountedName = mounted(deployment, "configMap", "/configMap/name").get(args.configFile().getParent().toString());
        assertThat(mountedName).as("the config file %s lies in a ConfigMap mount", args.configFile()).isNotNull();
        JsonNode configMap = ofKind("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals(mountedName)).findFirst().orElseThrow();
        Path settings = Files.createTempFile("caspian-configmap", ".yaml");
        try {
            Files.writeString(settings, configMap.path("data").path(args.configFile().getFileName().toString()).asText());
            Map<String, String> environment = Map.of("CASPIAN_KAFKA_SASL_JAAS_CONFIG", "<from the KafkaUser's secret>",
                    "CASPIAN_DEPLOYMENT", "caspian.caspian");
            return new ConfigLoader(environment::get).load(settings, args.configOverrides());
        } finally {
            Files.delete(settings);
        }
    }

    /** Whether a Strimzi ACL grants {@code operation} on the resource of that type and name. */
    private static boolean allows(JsonNode acl, String type, String name, String operation) {
        String pattern = acl.at("/resource/name").asText();
        boolean prefix = acl.at("/resource/patternType").asText("literal").equals("prefix");
        boolean named = prefix ? name.startsWith(pattern) : name.equals(pattern);
        List<String> operations = new ArrayList<>();
        acl.path("operations").forEach(o -> operations.add(o.asText()));
        return acl.at("/resource/type").asText().equals(type) && named && operations.contains(operation);
    }

    @Test
    void theIndexerIndexesWhatTheStreamingJobLeavesToIt() throws IOException {
        JsonNode streaming = deployment(STREAMING);
        JsonNode indexer = deployment(INDEXER);
        assertThat(arguments(streaming).mode()).isEqualTo("run");
        assertThat(arguments(indexer).mode()).isEqualTo("index");
        CaspianConfig scheduling = settingsOf(streaming);
        CaspianConfig indexing = settingsOf(indexer);
        assertThat(scheduling.elasticsearch().separateIndexer()).as("the streaming job writes no document").isTrue();
        assertThat(indexing.elasticsearch().enabled()).as("mode index refuses to start without Elasticsearch").isTrue();
        // one set of topics, group and index names between them
        assertThat(indexing.topics()).isEqualTo(scheduling.topics());
        assertThat(indexing.kafka().groupId()).isEqualTo(scheduling.kafka().groupId());
        assertThat(indexing.elasticsearch().url()).isEqualTo(scheduling.elasticsearch().url());
        assertThat(indexing.elasticsearch().indexPrefix()).isEqualTo(scheduling.elasticsearch().indexPrefix());
        for (String part : List.of("/image", "/flinkVersion", "/job/jarURI", "/job/entryClass", "/serviceAccount")) {
            assertThat(indexer.at("/spec" + part).asText()).as(part).isEqualTo(streaming.at("/spec" + part).asText());
        }

        // each keeps its own checkpoints, savepoints and HA metadata
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                HighAvailabilityOptions.HA_STORAGE_PATH.key())) {
            String own = indexer.at("/spec/flinkConfiguration").path(key).asText();
            String other = streaming.at("/spec/flinkConfiguration").path(key).asText();
            assertThat(own).as(key).isNotBlank();
            assertThat(own.startsWith(other) || other.startsWith(own)).as("%s of the two deployments apart: %s, %s", key, own, other)
                    .isFalse();
        }
        for (JsonNode deployment : List.of(streaming, indexer)) {
            for (String part : List.of("jobManager", "taskManager")) {
                // the operator reads these as Flink memory sizes ("2048m" is 2048 MB, not a Kubernetes milli-quantity)
                assertThat(MemorySize.parse(deployment.at("/spec/" + part + "/resource/memory").asText()).getMebiBytes())
                        .as("%s memory", part).isGreaterThanOrEqualTo(1024);
                assertThat(deployment.at("/spec/" + part + "/resource/cpu").asDouble()).as("%s cpu", part).isPositive();
            }
        }

        // Elasticsearch credentials only where they are used
        Map<String, JsonNode> indexerEnv = environment(indexer);
        assertThat(indexerEnv).containsKeys(indexing.elasticsearch().usernameEnv(), indexing.elasticsearch().passwordEnv());
        assertThat(environment(streaming).keySet()).as("the streaming job holds no Elasticsearch credential")
                .doesNotContain(scheduling.elasticsearch().usernameEnv(), scheduling.elasticsearch().passwordEnv(),
                        scheduling.elasticsearch().apiKeyEnv());

        // the indexer reads as a Kafka user of its own, allowed to read and commit its group's offsets, never to write
        JsonNode user = kafkaUser(indexerEnv.get("CASPIAN_KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText());
        assertThat(user).as("the indexer's KafkaUser").isNotNull();
        String group = indexing.kafka().groupId() + KafkaInputs.INDEXER_GROUP_SUFFIX;
        List<JsonNode> acls = new ArrayList<>();
        user.at("/spec/authorization/acls").forEach(acls::add);
        assertThat(acls).as("Read on the group %s", group).anyMatch(acl -> allows(acl, "group", group, "Read"));
        for (String topic : scheduling.topics().outputs()) {
            assertThat(acls).as("Read on the topic %s", topic).anyMatch(acl -> allows(acl, "topic", topic, "Read"));
        }
        assertThat(acls).allSatisfy(acl -> assertThat(acl.path("operations")).extracting(JsonNode::asText)
                .doesNotContain("Write", "Create", "Delete", "Alter", "All"));
    }

    @Test
    void theShippedSettingsDispatchIntoTheWorkloadsNamespaceWithAnImageAllowlist() throws IOException {
        CaspianConfig.Kubernetes kubernetes = settingsOf(deployment(STREAMING)).kubernetes();
        assertThat(kubernetes.enabled()).isTrue();
        assertThat(kubernetes.namespace()).isEqualTo(one("Role").path("metadata").path("namespace").asText());
        assertThat(kubernetes.imageAllowlist().entries()).as("an empty allowlist would refuse every workload").isNotEmpty();
    }

    @Test
    void theWorkloadsNamespaceEnforcesRestrictedPodSecurity() {
        String namespace = ConfigLoader.defaults().kubernetes().namespace();
        List<JsonNode> declared = ofKind("Namespace").stream()
                .filter(n -> n.path("metadata").path("name").asText().equals(namespace)).toList();
        assertThat(declared).as("the workloads' namespace is declared once").hasSize(1);
        JsonNode labels = declared.get(0).path("metadata").path("labels");
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertThat(labels.path("pod-security.kubernetes.io/" + mode).asText()).as(mode).isEqualTo("restricted");
        }
    }

    @Test
    void theWorkloadsNamespaceHasAQuotaLimitsAndDeniesAllTraffic() {
        String namespace = ConfigLoader.defaults().kubernetes().namespace();
        JsonNode quota = inNamespace("ResourceQuota", namespace).path("spec").path("hard");
        for (String resource : List.of("requests.cpu", "limits.cpu", "requests.memory", "limits.memory", "pods",
                "count/jobs.batch")) {
            assertThat(quota.path(resource).asText()).as("quota on %s", resource).isNotBlank();
        }
        // a quota on a resource the Jobs do not request (nor the LimitRange defaults) would refuse every pod
        Set<String> requested = Set.of("cpu", "memory", "nvidia.com/gpu");
        quota.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("requests.") || key.startsWith("limits.")) {
                assertThat(requested).as("quota key %s", key).contains(key.substring(key.indexOf('.') + 1));
            }
        });

        JsonNode limits = inNamespace("LimitRange", namespace).path("spec").path("limits");
        JsonNode container = null;
        for (JsonNode limit : limits) {
            if (limit.path("type").asText().equals("Container")) {
                container = limit;
            }
        }
        assertThat(container).as("a Container limit").isNotNull();
        for (String part : List.of("default", "defaultRequest", "max")) {
            assertThat(container.path(part).path("cpu").asText()).as("%s cpu", part).isNotBlank();
            assertThat(container.path(part).path("memory").asText()).as("%s memory", part).isNotBlank();
        }
        // the seed's largest workload (16 cores, 64 GB) fits in one container and in the quota
        assertThat(Quantity.getAmountInBytes(new Quantity(container.path("max").path("cpu").asText())))
                .isGreaterThanOrEqualTo(new java.math.BigDecimal(16));
        assertThat(Quantity.getAmountInBytes(new Quantity(container.path("max").path("memory").asText())))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(new Quantity("64", "G")));
        assertThat(Quantity.getAmountInBytes(new Quantity(quota.path("requests.memory").asText())))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(new Quantity(container.path("max").path("memory").asText())));

        JsonNode policy = inNamespace("NetworkPolicy", namespace).path("spec");
        assertThat(policy.path("podSelector").isObject() && policy.path("podSelector").isEmpty()).as("selects every pod").isTrue();
        assertThat(policy.path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.has("ingress") || policy.has("egress")).as("no rule: nothing allowed").isFalse();
    }

    private static JsonNode inNamespace(String kind, String namespace) {
        List<JsonNode> found = ofKind(kind).stream()
                .filter(m -> m.path("metadata").path("namespace").asText().equals(namespace)).toList();
        assertThat(found).as("one %s in %s", kind, namespace).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyConfiguredTopicHasAKafkaTopic() {
        CaspianConfig.Topics t = ConfigLoader.defaults().topics();
        Set<String> configured = Set.of(t.carbonIntensity(), t.workloads(), t.clusters(), t.eventsIn(), t.alertRules(),
                t.policies(), t.placements(), t.auditEvents(), t.analytics(), t.alerts(), t.deadLetter(), t.roundSummaries(),
                t.dispatchOutcomes());
        Set<String> declared = new HashSet<>();
        for (JsonNode topic : ofKind("KafkaTopic")) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isNotBlank();
            assertThat(topic.path("spec").path("partitions").asInt()).isPositive();
            assertThat(topic.path("spec").path("replicas").asInt()).isPositive();
            declared.add(topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText()));
        }
        assertThat(declared).isEqualTo(configured);
        for (String compacted : List.of(t.alertRules(), t.policies())) {
            JsonNode topic = ofKind("KafkaTopic").stream().filter(k -> k.path("spec").path("topicName").asText().equals(compacted))
                    .findFirst().orElseThrow();
            assertThat(topic.path("spec").path("config").path("cleanup.policy").asText()).as(compacted).isEqualTo("compact");
        }
        JsonNode placements = ofKind("KafkaTopic").stream()
                .filter(k -> k.path("spec").path("topicName").asText().equals(t.placements())).findFirst().orElseThrow();
        assertThat(placements.path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    @Test
    void kibanaUsesTheElasticsearchOfTheSameVersion() {
        JsonNode es = one("Elasticsearch");
        JsonNode kibana = one("Kibana");
        assertThat(es.path("spec").path("version").asText()).startsWith("8.");
        assertThat(es.path("spec").path("nodeSets")).isNotEmpty();
        assertThat(es.path("spec").path("nodeSets")).allSatisfy(n -> assertThat(n.path("count").asInt()).isPositive());
        assertThat(kibana.path("spec").path("version").asText()).isEqualTo(es.path("spec").path("version").asText());
        assertThat(kibana.path("spec").path("elasticsearchRef").path("name").asText())
                .isEqualTo(es.path("metadata").path("name").asText());
    }
}
