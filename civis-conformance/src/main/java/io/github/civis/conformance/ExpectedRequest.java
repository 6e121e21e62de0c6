package io.github.civis.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request the local server must receive for a recording, with keys in
 * {@link WireNames#normal normal form} (query keys {@linkplain WireNames#queryKey with their
 * array brackets}) and the path-merging artefacts (keys named like a route placeholder) left out.
 *
 * @param method the HTTP method
 * @param pathSegments the decoded path segments, without empty leading or trailing ones
 * @param query the query values by normal key with brackets, in the recorded order within a key
 * @param body the JSON body with normalised keys, or {@code null} when none (or an empty
 *        object) is expected
 * @param placeholders normal forms of the route's placeholders
 */
record ExpectedRequest(String method, List<String> pathSegments, Map<String, List<String>> query,
        @Nullable JsonNode body, Set<String> placeholders) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Compares a received request with this expectation.
     * @param receivedMethod the received method
     * @param rawPath the received path, percent-encoded
     * @param rawQuery the received query string, or {@code null}
     * @param authorization the received {@code Authorization} header, or {@code null}
     * @param expectedAuthorization the header the client must send
     * @param bodyText the received body, possibly empty
     * @return the differences; empty when the request is the recorded one
     */
    List<String> differences(String receivedMethod, String rawPath, @Nullable String rawQuery,
            @Nullable String authorization, String expectedAuthorization, String bodyText) {
        List<String> problems = new ArrayList<>();
        if (!method.equals(receivedMethod)) {
            problems.add("sent " + receivedMethod + " instead of " + method);
        }
        List<String> received = CallPlanner.segments(rawPath).stream().map(CallPlanner::decodePathSegment).toList();
        if (!received.equals(pathSegments)) {
            problems.add("sent path " + rawPath + " instead of /" + String.join("/", pathSegments));
        }
        Map<String, List<String>> receivedQuery = new LinkedHashMap<>();
        Recording.parseQuery(rawQuery).forEach((key, values) -> receivedQuery
            .computeIfAbsent(WireNames.queryKey(key), k -> new ArrayList<>()).addAll(values));
        if (!receivedQuery.equals(query)) {
            problems.add("sent query " + (rawQuery == null ? "(none)" : rawQuery) + " instead of " + query);
        }
        if (!expectedAuthorization.equals(authorization)) {
            problems.add("sent no Authorization: Bearer header with the API key");
        }
        JsonNode sent = null;
        if (!bodyText.isBlank()) {
            try {
                sent = JSON.readTree(bodyText);
            }
            catch (RuntimeException ex) {
                problems.add("sent a body that is not JSON: " + bodyText.substring(0, Math.min(60, bodyText.length())));
                return problems;
            }
            if (sent.isObject() && sent.isEmpty()) {
                sent = null;
            }
        }
        if (sent == null && body != null) {
            problems.add("sent no body; expected " + JsonComparison.excerpt(body));
        }
        else if (sent != null && body == null) {
            problems.add("sent body " + JsonComparison.excerpt(sent) + " but the recording has none");
        }
        else if (sent != null) {
            String difference = JsonComparison.difference(body, JsonComparison.normalizeKeys(sent), false);
            if (difference != null) {
                problems.add("sent body differs at " + difference);
            }
        }
        return problems;
    }
}
