package io.github.civis.client.files;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.civis.client.api.ReactiveFilesApi;
import io.github.civis.client.json.CivisList;
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
 * {@link ReactiveCivisFiles} over the generated {@link ReactiveFilesApi} and the
 * {@link FileTransfers} workflows. The API operations are passed on unchanged.
 */
final class DefaultReactiveCivisFiles implements ReactiveCivisFiles {

    private final ReactiveFilesApi api;
    private final FileTransfers transfers;

    DefaultReactiveCivisFiles(ReactiveFilesApi api, FileTransfers transfers) {
        this.api = api;
        this.transfers = transfers;
    }

    @Override
    public Mono<Long> upload(Path source, String name, UploadOptions options) {
        return transfers.upload(source, name, options);
    }

    @Override
    public Mono<Long> upload(InputStream source, String name, UploadOptions options) {
        return transfers.upload(source, name, options);
    }

    @Override
    public Flux<DataBuffer> download(long id) {
        return transfers.download(id);
    }

    @Override
    public Mono<Void> download(long id, Path target, TransferProgressListener progress) {
        return transfers.download(id, target, progress);
    }

    @Override
    public Mono<URI> downloadUrl(long id) {
        return transfers.downloadUrl(id);
    }

    // ---- the files API group, unchanged

    @Override
    public Mono<FilePostResponse> post(FilesPostRequest request) {
        return api.post(request);
    }

    @Override
    public Mono<FileMultipart> postMultipart(FilesPostMultipartRequest request) {
        return api.postMultipart(request);
    }

    @Override
    public Mono<Void> postMultipartComplete(long id) {
        return api.postMultipartComplete(id);
    }

    @Override
    public Mono<FilePreprocessCsv> postPreprocessCsv(FilesPostPreprocessCsvRequest request) {
        return api.postPreprocessCsv(request);
    }

    @Override
    public Mono<FilePreprocessCsv> getPreprocessCsv(long id) {
        return api.getPreprocessCsv(id);
    }

    @Override
    public Mono<FilePreprocessCsv> putPreprocessCsv(long id, FilesPutPreprocessCsvRequest request) {
        return api.putPreprocessCsv(id, request);
    }

    @Override
    public Mono<FilePreprocessCsv> patchPreprocessCsv(long id, FilesPatchPreprocessCsvRequest request) {
        return api.patchPreprocessCsv(id, request);
    }

    @Override
    public Mono<Void> deletePreprocessCsv(long id) {
        return api.deletePreprocessCsv(id);
    }

    @Override
    public Mono<FilePreprocessCsv> putPreprocessCsvArchive(long id, FilesPutPreprocessCsvArchiveRequest request) {
        return api.putPreprocessCsvArchive(id, request);
    }

    @Override
    public Mono<File> get(long id, FilesGetRequest request) {
        return api.get(id, request);
    }

    @Override
    public Mono<File> put(long id, FilesPutRequest request) {
        return api.put(id, request);
    }

    @Override
    public Mono<File> patch(long id, FilesPatchRequest request) {
        return api.patch(id, request);
    }

    @Override
    public Mono<CivisList<Dependency>> listDependencies(long id, FilesListDependenciesRequest request) {
        return api.listDependencies(id, request);
    }

    @Override
    public Mono<CivisList<ProjectReference>> listProjects(long id, FilesListProjectsRequest request) {
        return api.listProjects(id, request);
    }

    @Override
    public Mono<Void> putProjects(long id, long projectId) {
        return api.putProjects(id, projectId);
    }

    @Override
    public Mono<Void> deleteProjects(long id, long projectId) {
        return api.deleteProjects(id, projectId);
    }

    @Override
    public Mono<CivisList<Share>> listShares(long id) {
        return api.listShares(id);
    }

    @Override
    public Mono<Share> putSharesGroups(long id, FilesPutSharesGroupsRequest request) {
        return api.putSharesGroups(id, request);
    }

    @Override
    public Mono<Void> deleteSharesGroups(long id, long groupId) {
        return api.deleteSharesGroups(id, groupId);
    }

    @Override
    public Mono<Share> putSharesUsers(long id, FilesPutSharesUsersRequest request) {
        return api.putSharesUsers(id, request);
    }

    @Override
    public Mono<Void> deleteSharesUsers(long id, long userId) {
        return api.deleteSharesUsers(id, userId);
    }

    @Override
    public Mono<Transfer> putTransfer(long id, FilesPutTransferRequest request) {
        return api.putTransfer(id, request);
    }
}
