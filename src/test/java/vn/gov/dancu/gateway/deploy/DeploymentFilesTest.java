package vn.gov.dancu.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of spec §6, proved without a container engine or a cluster: the compose
 * file against the Compose Specification's JSON schema (vendored, see
 * {@code src/test/resources/schemas/README.md}), the Kubernetes manifests by strict parsing into
 * the fabric8 Kubernetes model (a key the API does not know fails), and the files against each
 * other and against the application: every spec §2 variable configured, secrets only in the
 * Secret, probes on the contract's health paths, one port everywhere.
 */
class DeploymentFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path K8S = Path.of("deploy/k8s");

    /** Spec §2, written out here so that a variable dropped from a file fails this test. */
    private static final List<String> SPEC_VARIABLES = List.of("NPD_URL", "NPD_CLIENT_ID", "NPD_CLIENT_SECRET",
            "VNEID_URL", "VNEID_CLIENT_ID", "VNEID_CLIENT_SECRET", "VNEID_ID_TOKEN_AUDIENCE",
            "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS");
    /** Beyond spec §2: production requires an audience (Keycloak README), and the checkpoint key. */
    private static final List<String> REQUIRED = concat(SPEC_VARIABLES,
            List.of("QUARKUS_OIDC_TOKEN_AUDIENCE"));
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|KEY).*");

    // ---------------------------------------------------------------- compose

    @Test
    void composeFileFollowsTheComposeSpecification() throws IOException {
        List<Error> errors = composeSchema().validate(asJson(Path.of("docker/compose.yaml")), InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "docker/compose.yaml: " + errors);
    }

    @Test
    void composeSchemaRefusesAMistypedServiceKey() throws IOException {
        String mistyped = "{\"services\":{\"gateway\":{\"imagee\":\"dancu-gateway\"}}}";
        assertFalse(composeSchema().validate(mistyped, InputFormat.JSON).isEmpty(), "the schema is not vacuous");
    }

    @Test
    void composeStartsTheGatewayWithPostgresRedisAndKeycloakAndEveryVariable() throws IOException {
        JsonNode services = YAML.readTree(Path.of("docker/compose.yaml").toFile()).path("services");
        JsonNode gateway = services.path("gateway");
        Set<String> env = fieldNames(gateway.path("environment"));
        assertTrue(env.containsAll(REQUIRED), () -> "missing in compose: " + missing(REQUIRED, env));
        assertEquals(Set.of("postgres", "redis", "keycloak"), fieldNames(gateway.path("depends_on")));
        gateway.path("depends_on").forEach(d -> assertEquals("service_healthy", d.path("condition").asText()));
        assertEquals("quay.io/keycloak/keycloak:26.7.3", services.path("keycloak").path("image").asText());
        assertTrue(services.path("keycloak").path("command").toString().contains("--import-realm"));
        String realmMount = services.path("keycloak").path("volumes").get(0).asText();
        assertTrue(realmMount.startsWith("./keycloak/realm-dancu.json:/opt/keycloak/data/import/"), realmMount);
        assertTrue(Files.exists(Path.of("docker/keycloak/realm-dancu.json")));
        assertEquals("http://keycloak:8180/realms/dancu", gateway.path("environment")
                .path("QUARKUS_OIDC_AUTH_SERVER_URL").asText(), "the gateway expects the issuer Keycloak is pinned to");
        assertEquals("http://keycloak:8180",
                services.path("keycloak").path("environment").path("KC_HOSTNAME").asText());
    }

    // ---------------------------------------------------------------- the realm

    @Test
    void realmDeclaresRolesAgencyAttributeAudienceAndSandboxUsers() throws IOException {
        JsonNode realm = JSON.readTree(Path.of("docker/keycloak/realm-dancu.json").toFile());
        Set<String> roles = new TreeSet<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(new TreeSet<>(List.of("civil-status-officer", "judicial-record-officer", "auditor",
                "report-viewer")), roles);

        JsonNode counterApp = client(realm, "counter-app");
        JsonNode agencyMapper = mapper(counterApp, "oidc-usermodel-attribute-mapper");
        assertEquals("agency_code", agencyMapper.path("config").path("claim.name").asText());
        assertEquals("String", agencyMapper.path("config").path("jsonType.label").asText());
        assertEquals("false", agencyMapper.path("config").path("multivalued").asText(), "one string, never a list");
        assertEquals("dancu-gateway", mapper(counterApp, "oidc-audience-mapper").path("config")
                .path("included.client.audience").asText());

        JsonNode profile = JSON.readTree(realm.path("components").path("org.keycloak.userprofile.UserProfileProvider")
                .get(0).path("config").path("kc.user.profile.config").get(0).asText());
        JsonNode agency = null;
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.path("name").asText().equals("agency_code")) {
                agency = attribute;
            }
        }
        assertNotNull(agency, "agency_code is declared in the user profile (else the admin API drops it)");
        assertEquals("[\"admin\"]", agency.path("permissions").path("view").toString());
        assertEquals("[\"admin\"]", agency.path("permissions").path("edit").toString(), "officers cannot change it");
        assertFalse(agency.path("multivalued").asBoolean());

        Map<String, JsonNode> users = new java.util.TreeMap<>();
        realm.path("users").forEach(u -> users.put(u.path("username").asText(), u));
        assertEquals(Set.of("cs-officer", "jr-officer", "auditor", "reporter", "no-agency"), users.keySet());
        assertTrue(users.get("no-agency").path("attributes").path("agency_code").isMissingNode());
        assertEquals("[\"UBND-P-DONGXOAI\"]", users.get("cs-officer").path("attributes").path("agency_code").toString());
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void manifestsParseStrictlyAsTheirKubernetesKinds() throws IOException {
        List<String> unknown = new ArrayList<>();
        unknownKeys(read("deployment.yaml", Deployment.class), "Deployment", unknown);
        unknownKeys(read("service.yaml", Service.class), "Service", unknown);
        unknownKeys(read("hpa.yaml", HorizontalPodAutoscaler.class), "HorizontalPodAutoscaler", unknown);
        unknownKeys(read("pdb.yaml", PodDisruptionBudget.class), "PodDisruptionBudget", unknown);
        unknownKeys(read("configmap.yaml", ConfigMap.class), "ConfigMap", unknown);
        unknownKeys(read("secret.yaml", Secret.class), "Secret", unknown);
        assertTrue(unknown.isEmpty(), () -> "keys the Kubernetes API does not know: " + unknown);

        assertEquals("apps/v1", read("deployment.yaml", Deployment.class).getApiVersion());
        assertEquals("autoscaling/v2", read("hpa.yaml", HorizontalPodAutoscaler.class).getApiVersion());
        assertEquals("policy/v1", read("pdb.yaml", PodDisruptionBudget.class).getApiVersion());
        assertEquals("Secret", read("secret.yaml", Secret.class).getKind());
    }

    @Test
    void unknownKeyDetectionIsNotVacuous() throws IOException {
        Deployment typo = YAML.readValue("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replica: 2\n", Deployment.class);
        List<String> unknown = new ArrayList<>();
        unknownKeys(typo, "Deployment", unknown);
        assertEquals(List.of("Deployment.spec.replica"), unknown);
    }

    @Test
    void everySpecVariableIsInTheConfigMapOrTheSecretAndSecretsOnlyInTheSecret() throws IOException {
        Set<String> config = read("configmap.yaml", ConfigMap.class).getData().keySet();
        Set<String> secret = read("secret.yaml", Secret.class).getStringData().keySet();
        Set<String> both = new HashSet<>(config);
        both.retainAll(secret);
        assertTrue(both.isEmpty(), () -> "in both: " + both);
        Set<String> all = new HashSet<>(config);
        all.addAll(secret);
        assertTrue(all.containsAll(REQUIRED), () -> "missing: " + missing(REQUIRED, all));
        List<String> exposed = config.stream().filter(k -> SECRET_NAME.matcher(k).matches()).toList();
        assertTrue(exposed.isEmpty(), () -> "secrets in the ConfigMap: " + exposed);
        assertTrue(secret.containsAll(List.of("NPD_CLIENT_SECRET", "VNEID_CLIENT_SECRET", "QUARKUS_DATASOURCE_PASSWORD")));

        Container gateway = container();
        assertEquals(2, gateway.getEnvFrom().size());
        assertEquals(read("configmap.yaml", ConfigMap.class).getMetadata().getName(),
                gateway.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals(read("secret.yaml", Secret.class).getMetadata().getName(),
                gateway.getEnvFrom().get(1).getSecretRef().getName());
        assertTrue(gateway.getEnv().stream().noneMatch(e -> SECRET_NAME.matcher(e.getName()).matches()
                && e.getValue() != null), "no secret written into the Deployment");
    }

    @Test
    void probesUseTheContractsHealthPathsOnTheApplicationsPort() throws IOException {
        Container gateway = container();
        String live = contractPath("liveness");
        String ready = contractPath("readiness");
        assertEquals(live, gateway.getLivenessProbe().getHttpGet().getPath());
        assertEquals(ready, gateway.getReadinessProbe().getHttpGet().getPath());
        assertEquals(live, gateway.getStartupProbe().getHttpGet().getPath());

        int port = Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
        var http = gateway.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertEquals(port, http.getContainerPort());
        for (var probe : List.of(gateway.getLivenessProbe(), gateway.getReadinessProbe(), gateway.getStartupProbe())) {
            assertEquals("http", probe.getHttpGet().getPort().getStrVal());
        }
        assertEquals("http", read("service.yaml", Service.class).getSpec().getPorts().get(0).getTargetPort().getStrVal());
        String dockerfile = Files.readString(Path.of("docker/Dockerfile.jvm"));
        assertTrue(dockerfile.contains("\nEXPOSE " + port + "\n"), "the image exposes quarkus.http.port");
        assertTrue(dockerfile.contains("-p " + port + ":" + port), "the run example maps it");
    }

    @Test
    void deploymentRunsNonRootOnAReadOnlyRootWithBoundedResources() throws IOException {
        Deployment deployment = read("deployment.yaml", Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        Container gateway = container();
        assertTrue(gateway.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(gateway.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), gateway.getSecurityContext().getCapabilities().getDrop());
        assertTrue(gateway.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                "a writable /tmp on the read-only root");
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(gateway.getResources().getRequests().get(resource), "request " + resource);
            assertNotNull(gateway.getResources().getLimits().get(resource), "limit " + resource);
        }
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), labels);
        assertTrue(labels.entrySet().containsAll(read("service.yaml", Service.class).getSpec().getSelector().entrySet()));
        assertTrue(labels.entrySet().containsAll(read("pdb.yaml", PodDisruptionBudget.class).getSpec().getSelector()
                .getMatchLabels().entrySet()));
        var target = read("hpa.yaml", HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef();
        assertEquals(List.of("apps/v1", "Deployment", deployment.getMetadata().getName()),
                List.of(target.getApiVersion(), target.getKind(), target.getName()));
        assertTrue(read("hpa.yaml", HorizontalPodAutoscaler.class).getSpec().getMinReplicas() >= 2,
                "the PDB's one available pod is never the only one");
    }

    // ---------------------------------------------------------------- the image

    @Test
    void dockerfileRunExampleNamesEveryVariableAndAssumesNoCurl() throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile.jvm"));
        List<String> missing = REQUIRED.stream().filter(v -> !dockerfile.contains("-e " + v + "=")).toList();
        assertTrue(missing.isEmpty(), () -> "not in the run example: " + missing);
        assertFalse(dockerfile.lines().anyMatch(l -> l.startsWith("HEALTHCHECK") && l.contains("curl")));
    }

    // ---------------------------------------------------------------- helpers

    private static Schema composeSchema() throws IOException {
        JsonNode schema;
        try (InputStream in = DeploymentFilesTest.class.getResourceAsStream("/schemas/compose-spec.json")) {
            schema = JSON.readTree(in);
        }
        // The 2019-09 schema still carries draft-4 "id" annotations, which constrain nothing and
        // which the validator refuses as keywords of no dialect: they are left out when loading.
        withoutIdAnnotations(schema, false);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(JSON.writeValueAsString(schema));
    }

    /** Removes string "id" members of schema objects (not of maps of property names). */
    private static void withoutIdAnnotations(JsonNode node, boolean namesMap) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (!namesMap && object.path("id").isTextual()) {
                object.remove("id");
            }
            object.fields().forEachRemaining(e -> withoutIdAnnotations(e.getValue(),
                    !namesMap && Set.of("properties", "patternProperties", "definitions").contains(e.getKey())));
        } else if (node.isArray()) {
            node.forEach(item -> withoutIdAnnotations(item, false));
        }
    }

    private static String asJson(Path yaml) throws IOException {
        return JSON.writeValueAsString(YAML.readTree(yaml.toFile()));
    }

    private static <T> T read(String file, Class<T> kind) throws IOException {
        return YAML.readValue(K8S.resolve(file).toFile(), kind);
    }

    private static Container container() throws IOException {
        List<Container> containers = read("deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    /** The path of an operation of openapi.yaml, by its operationId. */
    private static String contractPath(String operationId) throws IOException {
        JsonNode paths = YAML.readTree(Path.of("openapi.yaml").toFile()).path("paths");
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            for (JsonNode operation : path.getValue()) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    return path.getKey();
                }
            }
        }
        throw new AssertionError("no operation " + operationId + " in openapi.yaml");
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static JsonNode mapper(JsonNode client, String type) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals(type)) {
                return mapper;
            }
        }
        throw new AssertionError("no " + type + " on " + client.path("clientId").asText());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> missing(Collection<String> wanted, Collection<String> present) {
        return wanted.stream().filter(w -> !present.contains(w)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Every key the fabric8 model did not map to a field: fabric8 keeps those in
     * {@code additionalProperties} instead of failing, so a misspelt key would pass unnoticed.
     */
    private static void unknownKeys(Object model, String path, List<String> found) {
        unknownKeys(model, path, found, new IdentityHashMap<>());
    }

    private static void unknownKeys(Object model, String path, List<String> found, IdentityHashMap<Object, Boolean> seen) {
        if (model == null || seen.put(model, Boolean.TRUE) != null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownKeys(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownKeys(v, path + "." + k, found, seen));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> found.add(path + "." + k));
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownKeys(value, path + "." + name, found, seen);
            }
        }
    }

}
