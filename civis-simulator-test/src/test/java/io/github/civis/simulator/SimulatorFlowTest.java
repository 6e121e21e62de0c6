package io.github.civis.simulator;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.Job;
import io.github.civis.client.model.ProjectReference;
import io.github.civis.client.model.RunLog;
import io.github.civis.client.model.ScriptSql;
import io.github.civis.client.model.ScriptSqlRun;
import io.github.civis.client.model.ScriptSqlRunOutput;
import io.github.civis.client.model.ScriptSqlRunOutputFile;
import io.github.civis.client.model.Share;
import io.github.civis.client.model.ShareReadersUser;
import io.github.civis.client.model.UserMe;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Realistic flows of the real client against the embedded simulator.
 */
class SimulatorFlowTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(b -> b.apiKey("other-key", "alice"));

    @Test
    void createsCredentialAndReadsItBack(CivisClient client) {
        Credential made = client.credentials().post(b -> b.type("Custom").name("warehouse").username("etl")
            .password("secret"));

        Credential read = client.credentials().get(made.id());

        assertThat(read.id()).isEqualTo(made.id()).isPositive();
        assertThat(read.name()).isEqualTo("warehouse");
        assertThat(read.type()).isEqualTo("Custom");
        assertThat(read.username()).isEqualTo("etl");
        assertThat(read.createdAt()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(read.json().has("password")).as("undeclared fields stay private").isFalse();
        assertThat(read.json().has("remoteHostName")).as("every declared field present").isTrue();
    }

    @Test
    void patchChangesOnlySentFieldsAndDeleteRemoves(CivisClient client) {
        Credential made = client.credentials().post(b -> b.type("Custom").name("before").username("keep").password("p"));

        Credential patched = client.credentials().patch(made.id(), b -> b.name("after"));
        client.credentials().delete(made.id());

        assertThat(patched.name()).isEqualTo("after");
        assertThat(patched.username()).isEqualTo("keep");
        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.credentials().get(made.id()))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(404))
            .satisfies(ex -> assertThat(ex.error()).isEqualTo("not_found"));
    }

    @Test
    void runsSqlScriptToSuccessAndReadsLogs(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("daily").sql("SELECT 1").remoteHostId(1L)
            .credentialId(2L));

        ScriptSqlRun queued = client.scripts().postSqlRuns(script.id());
        ScriptSqlRun done = awaitEnd(client, script.id(), queued.id());
        CivisList<RunLog> logs = client.scripts().listSqlRunsLogs(script.id(), queued.id());

        assertThat(queued.state()).isEqualTo("queued");
        assertThat(queued.sqlId()).isEqualTo(script.id());
        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(done.finishedAt()).isNotNull();
        assertThat(logs).extracting(RunLog::message).anyMatch(m -> m.contains("Succeeded"));
        assertThat(client.scripts().listSqlRuns(script.id())).extracting(ScriptSqlRun::id).containsExactly(queued.id());
        assertThat(client.scripts().getSql(script.id()).state()).isEqualTo("succeeded");
    }

    @Test
    void successfulSqlRunHasACsvOutputFile(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("export").sql("SELECT 5").remoteHostId(1L)
            .credentialId(2L));
        ScriptSqlRun run = awaitEnd(client, script.id(), client.scripts().postSqlRuns(script.id()).id());

        List<ScriptSqlRunOutput> outputs = client.scripts().listSqlRunsOutputs(script.id(), run.id());
        ScriptSqlRunOutputFile inline = client.scripts().getSqlRuns(script.id(), run.id()).output().get(0);

        assertThat(outputs).singleElement().satisfies(o -> {
            assertThat(o.objectType()).isEqualTo("File");
            assertThat(o.name()).isEqualTo("output.csv");
        });
        assertThat(inline.fileId()).isEqualTo(outputs.get(0).objectId());
        String url = client.files().get(outputs.get(0).objectId()).downloadUrl();
        assertThat(new String(RawHttp.getBytes(url).body())).isEqualTo("result\nok\n");
    }

    @Test
    void scriptWhoseSqlSaysFailEndsFailed(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("broken").sql("SELECT FAIL").remoteHostId(1L)
            .credentialId(2L));

        ScriptSqlRun run = client.scripts().postSqlRuns(script.id());
        ScriptSqlRun done = awaitEnd(client, script.id(), run.id());

        assertThat(done.state()).isEqualTo("failed");
        assertThat(done.error()).contains("FAIL");
        assertThat(client.scripts().listSqlRunsLogs(script.id(), run.id())).extracting(RunLog::level).contains("error");
    }

    @Test
    void scriptIsAlsoAJobWithTheSameIdAndRuns(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("as job").sql("SELECT 2").remoteHostId(1L)
            .credentialId(2L));
        ScriptSqlRun run = client.scripts().postSqlRuns(script.id());

        Job job = client.jobs().get(script.id());

        assertThat(job.id()).isEqualTo(script.id());
        assertThat(job.name()).isEqualTo("as job");
        assertThat(client.jobs().getRuns(script.id(), run.id()).id()).isEqualTo(run.id());
        assertThat(client.jobs().listRuns(script.id())).hasSize(1);
    }

    @Test
    void cancelStopsARunningRun() {
        try (CivisSimulator slow = CivisSimulator.builder().apiKey("k").runStep(Duration.ofHours(1)).build().start()) {
            CivisClient client = CivisClient.builder().baseUrl(slow.baseUrl()).apiKey("k").build();
            ScriptSql script = client.scripts().postSql(b -> b.name("long").sql("SELECT 3").remoteHostId(1L)
                .credentialId(2L));
            ScriptSqlRun run = client.scripts().postSqlRuns(script.id());

            client.scripts().deleteSqlRuns(script.id(), run.id());

            ScriptSqlRun cancelled = client.scripts().getSqlRuns(script.id(), run.id());
            assertThat(cancelled.state()).isEqualTo("cancelled");
            assertThat(cancelled.isCancelRequested()).isTrue();
            assertThat(client.jobs().getRuns(script.id(), run.id()).state()).isEqualTo("cancelled");
        }
    }

    @Test
    void listAllWalksEveryPage() {
        try (CivisSimulator fresh = CivisSimulator.builder().apiKey("k").build().start()) {
            CivisClient client = CivisClient.builder().baseUrl(fresh.baseUrl()).apiKey("k").build();
            List<Long> created = IntStream.range(0, 120)
                .mapToObj(i -> client.credentials().post(b -> b.type("Custom").name("c" + i).username("u").password("p")).id())
                .toList();

            List<Long> listed = client.credentials().listAll(q -> q.limit(50L)).map(Credential::id).toList();
            CivisList<Credential> page2 = client.credentials().list(q -> q.limit(50L).pageNum(2L));
            CivisList<Credential> page3 = client.credentials().list(q -> q.limit(50L).pageNum(3L));

            assertThat(listed).hasSize(120).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
            assertThat(page2).hasSize(50);
            assertThat(page3).hasSize(20);
            assertThat(page2.totalEntries()).hasValue(120);
            assertThat(page2.totalPages()).hasValue(3);
            assertThat(page2.pageInfo().currentPage()).isEqualTo(2L);
        }
    }

    @Test
    void singlePageCarriesTotalEntriesAndFilters(CivisClient client) {
        String type = "Type" + System.nanoTime();
        client.credentials().post(b -> b.type(type).name("one").username("u").password("p"));
        client.credentials().post(b -> b.type(type).name("two").username("u").password("p"));

        CivisList<Credential> page = client.credentials().list(q -> q.type(type));

        assertThat(page).extracting(Credential::name).containsExactly("two", "one");
        assertThat(page.totalEntries()).hasValue(2);
        assertThat(page.totalPages()).hasValue(1);
    }

    @Test
    void sharesAndUnsharesWithAUser(CivisClient client) {
        long alice = civis.simulator().userId("other-key");
        Credential made = client.credentials().post(b -> b.type("Custom").name("shared").username("u").password("p"));

        Share shared = client.credentials().putSharesUsers(made.id(), b -> b.userIds(List.of(alice))
            .permissionLevel("read"));
        List<Share> listed = client.credentials().listShares(made.id());
        client.credentials().deleteSharesUsers(made.id(), alice);
        List<Share> after = client.credentials().listShares(made.id());

        assertThat(shared.readers().users()).extracting(ShareReadersUser::id).containsExactly(alice);
        assertThat(shared.readers().users()).extracting(ShareReadersUser::name).containsExactly("User alice");
        assertThat(listed.get(0).readers().users()).extracting(ShareReadersUser::id).containsExactly(alice);
        assertThat(after.get(0).readers().users()).isEmpty();
        assertThat(after.get(0).owners().users()).extracting(ShareReadersUser::id)
            .containsExactly(civis.simulator().userId(civis.apiKey()));
        assertThatExceptionOfType(CivisApiException.class)
            .isThrownBy(() -> client.credentials().deleteSharesUsers(made.id(), alice))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(404));
    }

    @Test
    void keepsProjectMembership(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("in project").sql("SELECT 4").remoteHostId(1L)
            .credentialId(2L));
        long project = client.projects().post(b -> b.name("Analytics").description("d")).id();

        client.scripts().putSqlProjects(script.id(), project);
        List<Long> inProject = client.scripts().listSqlProjects(script.id(), b -> { }).stream()
            .map(ProjectReference::id).toList();
        client.scripts().deleteSqlProjects(script.id(), project);

        assertThat(inProject).containsExactly(project);
        assertThat(client.scripts().listSqlProjects(script.id(), b -> { })).isEmpty();
    }

    @Test
    void usersMeAnswersForTheKeysUser() {
        UserMe me = civis.client().users().getMe();
        UserMe alice = CivisClient.builder().baseUrl(civis.baseUrl()).apiKey("other-key").build().users().getMe();

        assertThat(me.username()).isEqualTo("simulator");
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.id()).isNotEqualTo(me.id());
        assertThat(alice.email()).isEqualTo("alice@example.com");
    }

    private static ScriptSqlRun awaitEnd(CivisClient client, long scriptId, long runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ScriptSqlRun run = client.scripts().getSqlRuns(scriptId, runId);
            if (List.of("succeeded", "failed", "cancelled").contains(run.state()) || System.nanoTime() > deadline) {
                return run;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return run;
            }
        }
    }
}
