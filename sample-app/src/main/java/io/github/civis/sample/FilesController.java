package io.github.civis.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.github.civis.client.api.FilesApi;
import io.github.civis.client.files.CivisFileExpiredException;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.TransferProgressListener;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.model.File;

/**
 * Files through the sample: {@code POST /files} takes a multipart form whose part {@code file}
 * goes on to Civis, {@code GET /files/{id}} streams a file's bytes back. Neither holds a file in
 * memory: the servlet container keeps the uploaded part on disk, and downloads are copied from
 * the storage connection to the response a buffer at a time.
 */
@RestController
class FilesController {

    private static final Log logger = LogFactory.getLog(FilesController.class);

    private final FilesApi files;
    private final CivisFileTransfers transfers;

    FilesController(FilesApi files, CivisFileTransfers transfers) {
        this.files = files;
        this.transfers = transfers;
    }

    /** Uploads the form's {@code file} part; answers 201 with the new file's id. */
    @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestPart("file") MultipartFile file) throws IOException {
        String name = fileName(file.getOriginalFilename());
        Path spooled = Files.createTempFile("sample-upload-", ".bin");
        try {
            // The container moves its own temporary file here when it can, rather than copying.
            file.transferTo(spooled);
            long id = this.transfers.upload(spooled, name,
                    UploadOptions.defaults().withProgress(progress("Uploading " + name)));
            return ResponseEntity.created(URI.create("/files/" + id))
                .body(Map.of("id", id, "name", name, "size", file.getSize()));
        }
        finally {
            Files.deleteIfExists(spooled);
        }
    }

    /**
     * The file's bytes, with its size as {@code Content-Length} and its name as
     * {@code Content-Disposition}, sent once the first bytes have come (see {@link StreamedDownload}).
     */
    @GetMapping("/files/{id}")
    void download(@PathVariable long id, HttpServletResponse response) throws IOException {
        File file = this.files.get(id);
        if (isBlank(file.fileUrl()) && isBlank(file.downloadUrl())) {
            throw new CivisFileExpiredException(id);
        }
        String name = (file.name() != null) ? file.name() : "file-" + id;
        new StreamedDownload("file " + id, MediaType.APPLICATION_OCTET_STREAM_VALUE).contentLength(file.fileSize())
            .contentDisposition(StreamedDownload.attachment(name))
            .writeTo(response, out -> this.transfers.download(id, out, progress("Downloading file " + id)));
    }

    @ExceptionHandler(CivisFileExpiredException.class)
    ProblemDetail expired(CivisFileExpiredException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
    }

    /** Logs progress at most once a second. */
    private static TransferProgressListener progress(String what) {
        return TransferProgressListener.throttled(Duration.ofSeconds(1), (done, total) -> logger.info(what + ": "
                + (done / (1024 * 1024)) + " of " + ((total >= 0) ? (total / (1024 * 1024)) + " MB" : "? MB")));
    }

    /**
     * The name of an uploaded part without any directories (as some browsers send them), or
     * {@code upload.bin} when nothing is left, as for a part named {@code /}.
     */
    static String fileName(@Nullable String original) {
        String name = (original != null) ? original.substring(Math.max(original.lastIndexOf('/'),
                original.lastIndexOf('\\')) + 1).strip() : "";
        return (name.isEmpty() || name.equals(".") || name.equals("..")) ? "upload.bin" : name;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

}
