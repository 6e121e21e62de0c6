package io.github.civis.client.files;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;

import io.github.civis.client.api.FilesApi;
import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.Dependency;
import io.github.civis.client.model.File;
import io.github.civis.client.model.FileMultipart;
import io.github.civis.client.model.FilePostResponse;
import io.github.civis.client.model.FilePreprocessCsv;
import io.github.civis.client.model.ProjectReference;
import io.github.civis.client.model.Share;
import io.github.civis.client.model.Transfer;
import io.github.civis.client.request.FilesGetRequest;
import io.github.civis.client.request.FilesListDependenciesRequest;
import io.github.civis.client.request.FilesListProjectsRequest;
import io.github.civis.client.request.FilesPatchPreprocessCsvRequest;
import io.github.civis.client.request.FilesPatchRequest;
import io.github.civis.client.request.FilesPostMultipartRequest;
import io.github.civis.client.request.FilesPostPreprocessCsvRequest;
import io.github.civis.client.request.FilesPostRequest;
import io.github.civis.client.request.FilesPutPreprocessCsvArchiveRequest;
import io.github.civis.client.request.FilesPutPreprocessCsvRequest;
import io.github.civis.client.request.FilesPutRequest;
import io.github.civis.client.request.FilesPutSharesGroupsRequest;
import io.github.civis.client.request.FilesPutSharesUsersRequest;
import io.github.civis.client.request.FilesPutTransferRequest;

/**
 * {@link CivisFiles} over the generated {@link FilesApi} and the {@link FileTransfers} workflows.
 * The API operations are passed on unchanged; the transfers block on the reactive workflows.
 */
final class DefaultCivisFiles implements CivisFiles {

    private final FilesApi api;
    private final FileTransfers transfers;

    DefaultCivisFiles(FilesApi api, FileTransfers transfers) {
        this.api = api;
        this.transfers = transfers;
    }

    @Override
    public long upload(Path source, String name, UploadOptions options) {
        return await(transfers.upload(source, name, options), "uploading " + source);
    }

    @Override
    public long upload(InputStream source, String name, UploadOptions options) {
        return await(transfers.upload(source, name, options), "uploading " + name);
    }

    @Override
    public void download(long id, Path target, TransferProgressListener progress) {
        BlockingWait.block(transfers.download(id, target, progress), interrupted("downloading Civis file " + id));
    }

    @Override
    public void download(long id, OutputStream target, TransferProgressListener progress) {
        transfers.download(id, target, progress, interrupted("downloading Civis file " + id));
    }

    @Override
    public URI downloadUrl(long id) {
        return await(transfers.downloadUrl(id), "asking for the download URL of Civis file " + id);
    }

    private static <T> T await(reactor.core.publisher.Mono<T> work, String doing) {
        T value = BlockingWait.block(work, interrupted(doing));
        if (value == null) {
            throw new IllegalStateException("The transfer completed without a result");
        }
        return value;
    }

    /** Makes the exception of a thread interrupted while {@code doing}, e.g. "downloading Civis file 7". */
    private static Function<InterruptedException, CivisInterruptedException> interrupted(String doing) {
        return ex -> new CivisInterruptedException("Interrupted while " + doing + "; the transfer was stopped", ex);
    }

    // ---- the files API group, unchanged

    @Override
    public FilePostResponse post(FilesPostRequest request) {
        return api.post(request);
    }

    @Override
    public FileMultipart postMultipart(FilesPostMultipartRequest request) {
        return api.postMultipart(request);
    }

    @Override
    public void postMultipartComplete(long id) {
        api.postMultipartComplete(id);
    }

    @Override
    public FilePreprocessCsv postPreprocessCsv(FilesPostPreprocessCsvRequest request) {
        return api.postPreprocessCsv(request);
    }

    @Override
    public FilePreprocessCsv getPreprocessCsv(long id) {
        return api.getPreprocessCsv(id);
    }

    @Override
    public FilePreprocessCsv putPreprocessCsv(long id, FilesPutPreprocessCsvRequest request) {
        return api.putPreprocessCsv(id, request);
    }

    @Override
    public FilePreprocessCsv patchPreprocessCsv(long id, FilesPatchPreprocessCsvRequest request) {
        return api.patchPreprocessCsv(id, request);
    }

    @Override
    public void deletePreprocessCsv(long id) {
        api.deletePreprocessCsv(id);
    }

    @Override
    public FilePreprocessCsv putPreprocessCsvArchive(long id, FilesPutPreprocessCsvArchiveRequest request) {
        return api.putPreprocessCsvArchive(id, request);
    }

    @Override
    public File get(long id, FilesGetRequest request) {
        return api.get(id, request);
    }

    @Override
    public File put(long id, FilesPutRequest request) {
        return api.put(id, request);
    }

    @Override
    public File patch(long id, FilesPatchRequest request) {
        return api.patch(id, request);
    }

    @Override
    public CivisList<Dependency> listDependencies(long id, FilesListDependenciesRequest request) {
        return api.listDependencies(id, request);
    }

    @Override
    public CivisList<ProjectReference> listProjects(long id, FilesListProjectsRequest request) {
        return api.listProjects(id, request);
    }

    @Override
    public void putProjects(long id, long projectId) {
        api.putProjects(id, projectId);
    }

    @Override
    public void deleteProjects(long id, long projectId) {
        api.deleteProjects(id, projectId);
    }

    @Override
    public CivisList<Share> listShares(long id) {
        return api.listShares(id);
    }

    @Override
    public Share putSharesGroups(long id, FilesPutSharesGroupsRequest request) {
        return api.putSharesGroups(id, request);
    }

    @Override
    public void deleteSharesGroups(long id, long groupId) {
        api.deleteSharesGroups(id, groupId);
    }

    @Override
    public Share putSharesUsers(long id, FilesPutSharesUsersRequest request) {
        return api.putSharesUsers(id, request);
    }

    @Override
    public void deleteSharesUsers(long id, long userId) {
        api.deleteSharesUsers(id, userId);
    }

    @Override
    public Transfer putTransfer(long id, FilesPutTransferRequest request) {
        return api.putTransfer(id, request);
    }
}
