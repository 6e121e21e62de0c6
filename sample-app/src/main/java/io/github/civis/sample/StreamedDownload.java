package io.github.civis.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Streams a Civis download into a response, so that the client can always tell what happened:
 * <ul>
 * <li>the headers ({@code Content-Type}, {@code Content-Length}, {@code Content-Disposition}) are set
 * when the first byte is written, not before: a download that fails before it has delivered anything
 * is answered with a complete problem by the error handlers, never cut to the length of a file that
 * did not come;</li>
 * <li>a download that fails after bytes went out ends the response at once as a broken transfer
 * ({@link BrokenDownloadException} leaves the request unhandled, and the server closes the
 * connection), never as a complete-looking one, and never one the client waits on;</li>
 * <li>a client that goes away during the download is one line in the log, not a stack trace.</li>
 * </ul>
 */
final class StreamedDownload {

    private static final Log logger = LogFactory.getLog(StreamedDownload.class);

    private final String what;

    private final String contentType;

    private @Nullable Long contentLength;

    private @Nullable String contentDisposition;

    /**
     * @param what the download as the log names it, e.g. {@code file 12}
     * @param contentType the response's type
     */
    StreamedDownload(String what, String contentType) {
        this.what = what;
        this.contentType = contentType;
    }

    /** The number of bytes the download will deliver, sent as {@code Content-Length}; {@code null} for unknown. */
    StreamedDownload contentLength(@Nullable Long length) {
        this.contentLength = length;
        return this;
    }

    /** The {@code Content-Disposition} to send. */
    StreamedDownload contentDisposition(String disposition) {
        this.contentDisposition = disposition;
        return this;
    }

    /**
     * Runs the download into the response.
     * @param response the response, not committed yet
     * @param download writes the content into the stream it is given
     * @throws BrokenDownloadException when the download failed after bytes went out
     * @throws RuntimeException the download's own failure when it failed before any byte went out,
     *         for the error handlers to answer
     */
    void writeTo(HttpServletResponse response, Consumer<OutputStream> download) throws IOException {
        ResponseStream out = new ResponseStream(response);
        try {
            download.accept(out);
        }
        catch (RuntimeException ex) {
            if (out.clientFailure != null) {
                // Nothing can reach the client any more: one line, no stack trace.
                logger.info("Sending " + this.what + " stopped after " + out.written + " bytes: the client went away ("
                        + out.clientFailure + ")");
                return;
            }
            if (!response.isCommitted()) {
                // Nothing went out: drop the headers and any buffered bytes, so the problem answer is whole.
                response.reset();
                throw ex;
            }
            throw new BrokenDownloadException(this.what, out.written, ex);
        }
        out.start();
    }

    /**
     * {@code Content-Disposition: attachment} with the file's name as RFC 6266 has it: a
     * {@code filename} of printable ASCII for old clients, and the exact name, UTF-8 and
     * percent-encoded, as {@code filename*} when it needs more than ASCII. (A header value outside
     * Latin-1 is not sent at all by the servlet container.)
     */
    static String attachment(String name) {
        StringBuilder fallback = new StringBuilder();
        boolean ascii = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean printable = c >= 0x20 && c < 0x7f;
            ascii &= printable;
            fallback.append(!printable ? "_" : (c == '"' || c == '\\') ? "\\" + c : String.valueOf(c));
        }
        String header = "attachment; filename=\"" + fallback + "\"";
        if (ascii) {
            return header;
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return header + "; filename*=UTF-8''" + encoded;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The response's stream, which sets the headers before its first byte and notes a failure to write. */
    private final class ResponseStream extends OutputStream {

        private final HttpServletResponse response;

        private @Nullable OutputStream target;

        private long written;

        private @Nullable IOException clientFailure;

        ResponseStream(HttpServletResponse response) {
            this.response = response;
        }

        OutputStream start() throws IOException {
            if (this.target == null) {
                this.response.setContentType(StreamedDownload.this.contentType);
                if (StreamedDownload.this.contentLength != null) {
                    this.response.setContentLengthLong(StreamedDownload.this.contentLength);
                }
                if (StreamedDownload.this.contentDisposition != null) {
                    this.response.setHeader("Content-Disposition", StreamedDownload.this.contentDisposition);
                }
                this.target = this.response.getOutputStream();
            }
            return this.target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            OutputStream out = start();
            try {
                out.write(bytes, offset, length);
            }
            catch (IOException ex) {
                this.clientFailure = ex;
                throw ex;
            }
            this.written += length;
        }

        @Override
        public void flush() throws IOException {
            if (this.target != null) {
                try {
                    this.target.flush();
                }
                catch (IOException ex) {
                    this.clientFailure = ex;
                    throw ex;
                }
            }
        }

    }

    /**
     * A download that failed after part of it went out. No error handler answers it: the response
     * is committed, so the only honest signal left is to end the connection, which the server does
     * for a request that ends in an exception.
     */
    static final class BrokenDownloadException extends IOException {

        private static final long serialVersionUID = 1L;

        BrokenDownloadException(String what, long written, Throwable cause) {
            super("Sending " + what + " broke after " + written + " bytes: " + cause.getMessage(), cause);
        }

    }

}
