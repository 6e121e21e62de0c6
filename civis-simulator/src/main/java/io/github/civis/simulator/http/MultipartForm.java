package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code multipart/form-data} body, as browsers and S3 clients send presigned POSTs.
 *
 * @param parts the parts' contents by field name
 */
public record MultipartForm(Map<String, byte[]> parts) {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    /** A text field's value, or {@code null}. */
    public String text(String name) {
        byte[] bytes = parts.get(name);
        return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
    }

    /**
     * Parses a body.
     *
     * @throws IllegalArgumentException when the body is not multipart/form-data
     */
    public static MultipartForm parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Expected a multipart/form-data body, got " + contentType);
        }
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new IllegalArgumentException("multipart/form-data without boundary");
        }
        byte[] delimiter = ("--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int partStart = start + delimiter.length;
            if (partStart + 1 < body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;
            }
            partStart = skipLineBreak(body, partStart);
            int next = indexOf(body, delimiter, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart/form-data body is not terminated");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headersEnd < 0 || headersEnd > next) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            int contentEnd = next;
            // The line break before a delimiter belongs to the delimiter, not to the content.
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                parts.put(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, contentEnd)));
            }
            start = next;
        }
        return new MultipartForm(parts);
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
