package io.github.civis.sample;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies ({@code sample.max-request-size}, default 1 MB), so that an oversized
 * body is refused with a 413 problem instead of being read into memory and sent upstream. A
 * declared length over the limit is refused before reading; a body without one (chunked) is read
 * here up to the limit, refused as soon as it goes past it, and handed on from memory. Multipart
 * uploads are left to their own limits.
 *
 * <p>A CSV table import ({@code POST /tables/{schema}.{table}/import} with a {@code text/csv}
 * body) is not JSON and may be large: it has its own limit ({@code sample.max-import-size},
 * default 1 GB) and is never buffered here. A declared length over that limit is refused before
 * reading; otherwise the body is handed on as it is, counted as it is read, and reading past the
 * limit fails with {@link BodyTooLargeException}, which the controller answers with a 413 problem.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Pattern IMPORT_PATH = Pattern.compile("/tables/[^/]+/import");

    private final long limit;

    private final long importLimit;

    RequestSizeLimitFilter(@Value("${sample.max-request-size:1MB}") DataSize limit,
            @Value("${sample.max-import-size:1GB}") DataSize importLimit) {
        this.limit = limit.toBytes();
        this.importLimit = importLimit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (isCsvImport(request, contentType)) {
            if (declared > this.importLimit) {
                refuse(response, this.importLimit);
                return;
            }
            chain.doFilter(new CountedRequest(request, this.importLimit), response);
            return;
        }
        if (declared > this.limit) {
            refuse(response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.limit + 1));
        if (body.length > this.limit) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private static boolean isCsvImport(HttpServletRequest request, @Nullable String contentType) {
        if (contentType == null || !"POST".equals(request.getMethod())
                || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return IMPORT_PATH.matcher(path).matches();
    }

    private void refuse(HttpServletResponse response) throws IOException {
        refuse(response, this.limit);
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
            .write("{\"type\":\"about:blank\",\"title\":\"Request body too large\",\"status\":413,"
                    + "\"detail\":\"" + BodyTooLargeException.message(limit) + "\"}");
    }

    /**
     * Reading a request body went past its limit. An {@link IOException}, so that whatever reads
     * the body passes it on as a failed read (wrapped or not) and stops.
     */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        private final long limit;

        BodyTooLargeException(long limit) {
            super(message(limit));
            this.limit = limit;
        }

        long limit() {
            return this.limit;
        }

        static String message(long limit) {
            return "The request body is larger than the limit of " + limit + " bytes";
        }

    }

    /** A request whose body is handed on as it arrives, counted, and cut off past the limit. */
    private static final class CountedRequest extends HttpServletRequestWrapper {

        private final long limit;

        private @Nullable ServletInputStream counted;

        CountedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.counted == null) {
                this.counted = new CountingInputStream(super.getInputStream(), this.limit);
            }
            return this.counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

    }

    /** Counts the bytes read through it and fails the read that goes past the limit. */
    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream in;

        private final long limit;

        private long count;

        CountingInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = this.in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = this.in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            this.count += n;
            if (this.count > this.limit) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return this.in.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            this.in.close();
        }

    }

    /** A request whose body, already read and within the limit, is served from memory. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return this.body.length;
        }

        @Override
        public long getContentLengthLong() {
            return this.body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(this.body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
        }

    }

}
