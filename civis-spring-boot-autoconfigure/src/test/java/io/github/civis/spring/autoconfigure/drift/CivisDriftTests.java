package io.github.civis.spring.autoconfigure.drift;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.surface.OpenApiDocument;
import io.github.civis.client.api.UsersApi;
import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application against a simulator whose platform has moved: one operation the
 * application uses removed, one parameter made required, one operation added.
 */
class CivisDriftTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String NEW_ROUTE = "/clusters/kubernetes/{id}/compute_metrics_of_tomorrow";

    @Test
    void theCivisEndpointTheGaugeAndHealthShowWhatMovedFlaggingWhatTheApplicationUses() {
        Catalog catalog = Catalog.bundled();
        CatalogOperation madeRequired = firstWithOptionalQueryParameter(catalog);
        CatalogParameter parameter = madeRequired.parameters("query").stream()
            .filter(p -> !p.required())
            .findFirst()
            .orElseThrow();
        ObjectNode document = OpenApiDocument.of(catalog);
        ObjectNode paths = (ObjectNode) document.get("paths");
        ((ObjectNode) paths.get("/users/me")).remove("get");
        for (var p : paths.get(madeRequired.route()).get(madeRequired.verb().toLowerCase()).get("parameters").values()) {
            if (p.path("name").asString().equals(parameter.name())) {
                ((ObjectNode) p).put("required", true);
            }
        }
        paths.putObject(NEW_ROUTE).putObject("get").putArray("parameters").addObject().put("name", "id")
            .put("in", "path").put("required", true).put("type", "integer");

        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("drift-key", "dana")
            .endpointsDocument(JSON.writeValueAsString(document)).build().start();
                ConfigurableApplicationContext context = run(simulator)) {
            // the application uses GET /users/me, which the platform no longer lists
            assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo("dana");
            CivisDriftMonitor monitor = context.getBean(CivisDriftMonitor.class);
            awaitFirstCheck(monitor);

            Map<String, Object> civis = context.getBean(CivisEndpoint.class).civis();
            String json = JSON.writeValueAsString(civis);
            ObjectNode shown = (ObjectNode) JSON.readTree(json);
            assertThat(shown.path("connection").path("baseUrl").asString()).isEqualTo(simulator.baseUrl());
            assertThat(shown.path("connection").path("user").asString()).isEqualTo("dana");
            assertThat(shown.path("connection").path("rateLimitRemaining").isNumber()).isTrue();
            assertThat(json).doesNotContain("drift-key");
            ObjectNode drift = (ObjectNode) shown.path("drift");
            assertThat(drift.path("status").asString()).isEqualTo("checked");
            assertThat(drift.path("removed")).isEqualTo(JSON.readTree("""
                    [{"verb": "GET", "route": "/users/me", "used": true}]"""));
            assertThat(drift.path("added")).isEqualTo(JSON.readTree("""
                    [{"verb": "GET", "route": "%s", "used": false}]""".formatted(NEW_ROUTE)));
            ArrayNode changed = (ArrayNode) drift.path("changed");
            assertThat(changed).hasSize(1);
            assertThat(changed.get(0).path("verb").asString()).isEqualTo(madeRequired.verb());
            assertThat(changed.get(0).path("route").asString()).isEqualTo(madeRequired.route());
            assertThat(changed.get(0).path("used").asBoolean()).isFalse();
            assertThat(changed.get(0).path("changes").get(0).asString()).contains("'" + parameter.wireName() + "'")
                .endsWith("is now required");
            assertThat(drift.path("usedDrifted").asInt()).isEqualTo(1);

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(gauge(meters, "removed")).isEqualTo(1.0);
            assertThat(gauge(meters, "added")).isEqualTo(1.0);
            assertThat(gauge(meters, "changed")).isEqualTo(1.0);
            assertThat(gauge(meters, "used")).isEqualTo(1.0);

            String health = JSON.writeValueAsString(context.getBean(HealthEndpoint.class).healthForPath("civis"));
            assertThat(health).contains("\"status\":\"UP\"").contains("\"usedOperationsDrifted\":1");
        }
    }

    @Test
    void withoutDriftTheEndpointShowsEmptyListsAndTheGaugeZeros() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("drift-key").build().start();
                ConfigurableApplicationContext context = run(simulator)) {
            awaitFirstCheck(context.getBean(CivisDriftMonitor.class));

            ObjectNode drift = (ObjectNode) JSON.readTree(JSON.writeValueAsString(
                    context.getBean(CivisEndpoint.class).civis())).path("drift");

            assertThat(drift.path("status").asString()).isEqualTo("checked");
            assertThat(drift.path("platformOperations").asInt()).isEqualTo(Catalog.bundled().operations().size());
            assertThat(drift.path("removed").isEmpty()).isTrue();
            assertThat(drift.path("added").isEmpty()).isTrue();
            assertThat(drift.path("changed").isEmpty()).isTrue();
            assertThat(gauge(context.getBean(MeterRegistry.class), "removed")).isZero();
        }
    }

    @Test
    void disabledMeansNoCheckAndTheEndpointSaysSo() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("drift-key").build().start();
                ConfigurableApplicationContext context = run(simulator, "--civis.drift.enabled=false")) {
            assertThat(context.getBeansOfType(CivisDriftMonitor.class)).isEmpty();
            assertThat(context.getBean(CivisEndpoint.class).civis().get("drift")).isEqualTo(Map.of("status", "disabled"));
            assertThat(context.getBean(MeterRegistry.class).find(CivisDriftMetrics.DRIFT).gauges()).isEmpty();
            // the application made no call at all: no document was read in the background
            assertThat(simulator.stats().requests()).isZero();
        }
    }

    private static CatalogOperation firstWithOptionalQueryParameter(Catalog catalog) {
        return catalog.operations().stream()
            .filter(op -> !op.route().equals("/users/me"))
            .filter(op -> op.parameters("query").stream().anyMatch(p -> !p.required()))
            .findFirst()
            .orElseThrow();
    }

    private static void awaitFirstCheck(CivisDriftMonitor monitor) {
        // the check runs on its own thread once the application is ready; bounded wait for its result
        for (int i = 0; i < 300 && monitor.result() == null; i++) {
            sleep(Duration.ofMillis(100));
        }
        assertThat(monitor.result()).as("the drift check's result").isNotNull();
    }

    private static double gauge(MeterRegistry meters, String kind) {
        return meters.get(CivisDriftMetrics.DRIFT).tag("kind", kind).gauge().value();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static ConfigurableApplicationContext run(CivisSimulator simulator, String... more) {
        SpringApplication application = new SpringApplication(DriftApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new java.util.ArrayList<>(List.of("--civis.api-key=" + simulator.apiKey(),
                "--civis.base-url=" + simulator.baseUrl(), "--management.endpoint.health.show-details=always",
                "--management.endpoints.web.exposure.include=health,civis", "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class DriftApplication {

    }

}
