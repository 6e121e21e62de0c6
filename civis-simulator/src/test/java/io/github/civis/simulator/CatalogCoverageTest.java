package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.TypeRef;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the catalog answers: never a server error, and a success is shaped by the
 * declared response type. Objects are created first, runs next, deletions come last, so that
 * routes on existing objects are really exercised.
 */
class CatalogCoverageTest {

    private static boolean isCancel(CatalogOperation operation) {
        String route = operation.route();
        return operation.verb().equals("DELETE") && route.matches(".*/runs/\\{[a-z_]+}/?")
                || operation.verb().equals("POST") && route.matches(".*/\\{[a-z_]+}/cancel/?");
    }

    @Test
    void everyCatalogRouteAnswersWithItsShape() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("k").runStep(java.time.Duration.ZERO).build()
            .start()) {
            List<CatalogOperation> operations = new ArrayList<>(CivisSimulator.defaultCatalog().operations());
            // Deletions of parts (shares, runs, projects) before deletions of their objects.
            operations.sort(Comparator.comparingInt(CatalogCoverageTest::phase)
                .thenComparing(o -> phase(o) == 3 ? -o.route().length() : 0));
            Map<String, Long> createdIds = new HashMap<>();
            List<String> problems = new ArrayList<>();
            Map<Integer, Integer> byStatus = new HashMap<>();
            int documented = 0;
            for (CatalogOperation operation : operations) {
                String template = operation.route().endsWith("/") && operation.route().length() > 1
                        ? operation.route().substring(0, operation.route().length() - 1) : operation.route();
                String path = template;
                for (CatalogParameter parameter : operation.parameters("path")) {
                    String placeholder = "{" + parameter.name() + "}";
                    String prefix = template.substring(0, template.indexOf(placeholder) - 1);
                    Long id = createdIds.get(prefix);
                    String value = (id != null) ? String.valueOf(id) : parameter.type().equals("integer") ? "1" : "abc";
                    path = path.replace(placeholder, value);
                }
                String body = List.of("POST", "PUT", "PATCH").contains(operation.verb()) ? "{}" : null;
                if (operation.verb().equals("PUT") && template.endsWith("/shares/users")) {
                    body = "{\"userIds\":[1],\"permissionLevel\":\"read\"}";
                }
                if (operation.verb().equals("PUT") && template.endsWith("/shares/groups")) {
                    body = "{\"groupIds\":[1],\"permissionLevel\":\"read\"}";
                }
                HttpResponse<String> response = RawHttp.send(operation.verb(), simulator.baseUrl() + path.substring(1),
                        RawHttp.bearer("k"), body);
                int status = response.statusCode();
                byStatus.merge(status, 1, Integer::sum);
                String where = operation.verb() + " " + operation.route() + " (" + path + ") -> " + status;
                // 404 (no such object) and 400 (a request the state cannot serve) are fine as Civis-style errors.
                if (status >= 500 || status != operation.responseStatus() && status != 404 && status != 400) {
                    problems.add(where + " " + response.body());
                    continue;
                }
                if (status == 404 || status == 400) {
                    assertThat(RawHttp.json(response).path("code").asInt()).as(where).isEqualTo(status);
                    // Runs end at once here (run step zero), and the platform answers a cancel of an
                    // ended run with 404: that is the documented behaviour of a cancel route.
                    if (status == 404 && isCancel(operation)) {
                        documented++;
                    }
                    continue;
                }
                documented++;
                if (operation.responseType() == null) {
                    continue;
                }
                JsonNode json = RawHttp.json(response);
                if (operation.verb().equals("POST") && json.path("id").isNumber()) {
                    createdIds.putIfAbsent(template, json.path("id").asLong());
                    // A script is also a job.
                    if (template.equals("/scripts/sql")) {
                        createdIds.putIfAbsent("/jobs", json.path("id").asLong());
                    }
                }
                TypeRef type = TypeRef.parse(operation.responseType());
                if (type.isList() && !json.isArray()) {
                    problems.add(where + ": expected a list");
                }
                if (type.isNamed()) {
                    for (CatalogField field : CivisSimulator.defaultCatalog().type(type.name()).orElseThrow().fields()) {
                        if (!json.has(field.wireName())) {
                            problems.add(where + ": missing " + field.wireName());
                        }
                    }
                }
            }
            System.out.println("Catalog coverage: " + documented + " of " + operations.size()
                    + " routes answered with the documented status; by status " + byStatus);
            assertThat(problems).isEmpty();
            assertThat(operations).hasSizeGreaterThan(800);
            assertThat(documented).as("answered with the documented status").isGreaterThan(operations.size() * 97 / 100);
        }
    }

    /** Creations first, then runs, then reads and updates, deletions last. */
    private static int phase(CatalogOperation operation) {
        boolean placeholders = operation.route().contains("{");
        if (operation.verb().equals("POST") && !placeholders) {
            return 0;
        }
        if (operation.verb().equals("POST") && operation.route().endsWith("/runs")) {
            return 1;
        }
        return operation.verb().equals("DELETE") ? 3 : 2;
    }
}
