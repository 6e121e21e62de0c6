package io.github.civis.bench.stub;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Civis-shaped response bodies, built once and served as bytes so that the stub does no JSON
 * work per request. The shapes follow recorded Civis traffic (credentials and script lists);
 * values are generated from a fixed seed so every run serves the same bytes.
 */
public final class CannedResponses {

    /** The page size the Civis API allows at most, and the one the clients ask for. */
    public static final int PAGE_SIZE = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] SCRIPT_TYPES = { "Python", "SQL", "R", "Container", "JavaScript" };

    private static final String[] STATES = { "idle", "queued", "running", "succeeded", "failed", "cancelled" };

    private CannedResponses() {
    }

    /** One credential, as {@code GET /credentials/{id}} answers. */
    public static byte[] credential(long id) {
        return bytes(credentialNode(id, new Random(id)));
    }

    /** A page of {@link #PAGE_SIZE} credentials starting at {@code firstId}. */
    public static byte[] credentialsPage(long firstId) {
        Random random = new Random(firstId);
        ArrayNode page = NODES.arrayNode();
        for (int i = 0; i < PAGE_SIZE; i++) {
            page.add(credentialNode(firstId + i, random));
        }
        return bytes(page);
    }

    /** A page of {@link #PAGE_SIZE} large script objects, as {@code GET /scripts/} answers. */
    public static byte[] scriptsPage() {
        Random random = new Random(2426);
        ArrayNode page = NODES.arrayNode();
        for (int i = 0; i < PAGE_SIZE; i++) {
            page.add(scriptNode(2426 + i * 7, random));
        }
        return bytes(page);
    }

    private static ObjectNode credentialNode(long id, Random random) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id);
        c.put("name", "db_user-" + id);
        c.put("type", (random.nextInt(4) == 0) ? "Custom" : "Database");
        c.put("username", "db_user-" + id);
        c.putNull("description");
        int userId = 40 + random.nextInt(5000);
        c.put("owner", "devuserfactory" + userId);
        c.set("user", user(userId));
        c.put("remoteHostId", 24 + random.nextInt(100));
        c.put("remoteHostName", "redshift-" + (10000 + random.nextInt(90000)));
        c.putNull("state");
        c.put("createdAt", timestamp(random));
        c.put("updatedAt", timestamp(random));
        c.put("default", random.nextBoolean());
        return c;
    }

    private static ObjectNode scriptNode(long id, Random random) {
        String type = SCRIPT_TYPES[random.nextInt(SCRIPT_TYPES.length)];
        String kind = type.toLowerCase(java.util.Locale.ROOT).replace("python", "python3");
        ObjectNode s = NODES.objectNode();
        s.put("id", id);
        s.put("name", "Nightly " + kind + " job #" + id + " for the voter file refresh");
        s.put("type", type);
        s.put("createdAt", timestamp(random));
        s.put("updatedAt", timestamp(random));
        s.set("author", user(3000 + random.nextInt(2000)));
        s.put("state", STATES[random.nextInt(STATES.length)]);
        s.put("finishedAt", timestamp(random));
        ArrayNode projects = NODES.arrayNode();
        for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
            ObjectNode project = NODES.objectNode();
            project.put("id", 100 + random.nextInt(900));
            project.put("name", "Project " + random.nextInt(1000) + ": turnout modelling and list maintenance");
            projects.add(project);
        }
        s.set("projects", projects);
        if (random.nextBoolean()) {
            s.put("parentId", id - 1);
        }
        else {
            s.putNull("parentId");
        }
        s.put("isTemplate", random.nextInt(10) == 0);
        s.putNull("fromTemplateId");
        ObjectNode links = NODES.objectNode();
        links.put("details", "https://api.civisanalytics.com/scripts/" + kind + "/" + id);
        links.put("runs", "https://api.civisanalytics.com/scripts/" + kind + "/" + id + "/runs");
        s.set("links", links);
        s.put("timeZone", "America/Chicago");
        ObjectNode lastRun = NODES.objectNode();
        lastRun.put("id", 10000 + random.nextInt(90000));
        lastRun.put("state", STATES[random.nextInt(STATES.length)]);
        lastRun.put("createdAt", timestamp(random));
        lastRun.put("startedAt", timestamp(random));
        lastRun.put("finishedAt", timestamp(random));
        lastRun.putNull("error");
        s.set("lastRun", lastRun);
        // Recorded traffic sends "archived" as a boolean although the document declares a string.
        s.put("archived", false);
        s.putNull("templateScriptId");
        return s;
    }

    private static ObjectNode user(int id) {
        ObjectNode u = NODES.objectNode();
        u.put("id", id);
        u.put("name", "User devuserfactory" + id + " " + (id - 2));
        u.put("username", "devuserfactory" + id);
        u.put("initials", "UD");
        u.putNull("online");
        return u;
    }

    private static String timestamp(Random random) {
        return String.format("2021-%02d-%02dT%02d:%02d:%02d.000Z", 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private static byte[] bytes(Object node) {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }
}
