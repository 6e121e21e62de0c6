package io.github.civis.client;

import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.internal.files.TransferEngine;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.internal.transport.TransportSettings;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunScheduler;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.ReactiveCivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ReactiveCivisTableTransfers;
import io.github.civis.client.transport.CivisTransport;

/**
 * The workflows of one client, wired from its settings: each made on first use and the same
 * instance ever after, so that {@code client.runs()} and a bean made of it behave the same. The
 * workflows call the generated groups over the client's transport; SQL and tables are handed
 * these runs, and take their polling schedule from them.
 */
final class Workflows {

    private final CivisApiGroups groups;
    private final CivisTransport transport;
    private final WorkflowSettings settings;
    private final RunScheduler runScheduler = new RunScheduler("civis-runs");
    private final OnFirstUse<TransferEngine> fileEngine;

    private final OnFirstUse<ReactiveCivisRuns> reactiveRuns = new OnFirstUse<>(this::newReactiveRuns);
    private final OnFirstUse<CivisRuns> runs = new OnFirstUse<>(() -> CivisRuns.of(reactiveRuns()));
    private final OnFirstUse<ReactiveCivisFileTransfers> reactiveFileTransfers;
    private final OnFirstUse<CivisFileTransfers> fileTransfers;
    private final OnFirstUse<CivisLookups> lookups = new OnFirstUse<>(this::newLookups);
    private final OnFirstUse<ReactiveCivisSql> reactiveSql = new OnFirstUse<>(this::newReactiveSql);
    private final OnFirstUse<CivisSql> sql = new OnFirstUse<>(() -> CivisSql.of(reactiveSql()));
    private final OnFirstUse<ReactiveCivisTableTransfers> reactiveTableTransfers =
            new OnFirstUse<>(this::newReactiveTableTransfers);
    private final OnFirstUse<CivisTableTransfers> tableTransfers =
            new OnFirstUse<>(() -> CivisTableTransfers.of(reactiveTableTransfers()));

    /**
     * @param transport the client's transport
     * @param settings the builder's workflow settings
     * @param fileEngine the file transfer engine, shared by a client and its views
     */
    Workflows(CivisTransport transport, WorkflowSettings settings, OnFirstUse<TransferEngine> fileEngine) {
        this(groups(transport), transport, settings, fileEngine);
    }

    private Workflows(CivisApiGroups groups, CivisTransport transport, WorkflowSettings settings,
            OnFirstUse<TransferEngine> fileEngine) {
        this.groups = groups;
        this.transport = transport;
        this.settings = settings;
        this.fileEngine = fileEngine;
        this.reactiveFileTransfers = new OnFirstUse<>(() -> fileEngine.get().reactive());
        this.fileTransfers = new OnFirstUse<>(() -> reactiveFileTransfers().blocking());
    }

    /**
     * The workflows of a client that owns its transport, with a file transfer engine of their own
     * (made on first use, over a storage pool of its own with the client's connection settings).
     * @param assembled the client's transport and connection configuration
     * @param settings the builder's workflow settings
     * @return the workflows
     */
    static Workflows of(TransportAssembly assembled, WorkflowSettings settings) {
        DefaultCivisTransport transport = assembled.transport();
        CivisApiGroups groups = groups(transport);
        TransportSettings wire = transport.settings();
        OnFirstUse<TransferEngine> engine = new OnFirstUse<>(() -> new TransferEngine(groups.reactiveFiles(),
                settings.fileTransfers(), assembled.connections(), wire.retryPolicy(), wire.sleeper(), wire.clock()));
        return new Workflows(groups, transport, settings, engine);
    }

    /** The groups the workflows call, over the client's transport. */
    private static CivisApiGroups groups(CivisTransport transport) {
        return new CivisApiGroups(transport) {
        };
    }

    WorkflowSettings settings() {
        return settings;
    }

    OnFirstUse<TransferEngine> fileEngine() {
        return fileEngine;
    }

    // --- runs

    ReactiveCivisRuns reactiveRuns() {
        return reactiveRuns.get();
    }

    CivisRuns runs() {
        return runs.get();
    }

    private ReactiveCivisRuns newReactiveRuns() {
        ReactiveCivisRuns made = ReactiveCivisRuns.of(groups.reactiveJobs(), groups.reactiveScripts(),
                groups.reactiveJsonValues(), transport, runScheduler)
            .withPolling(settings.runPolling())
            .withListener(settings.runListener());
        return (settings.runTimer() != null) ? made.withTimer(settings.runTimer()) : made;
    }

    // --- files

    ReactiveCivisFileTransfers reactiveFileTransfers() {
        return reactiveFileTransfers.get();
    }

    CivisFileTransfers fileTransfers() {
        return fileTransfers.get();
    }

    // --- SQL, tables and lookups

    CivisLookups lookups() {
        return lookups.get();
    }

    CivisSql sql() {
        return sql.get();
    }

    ReactiveCivisSql reactiveSql() {
        return reactiveSql.get();
    }

    CivisTableTransfers tableTransfers() {
        return tableTransfers.get();
    }

    ReactiveCivisTableTransfers reactiveTableTransfers() {
        return reactiveTableTransfers.get();
    }

    private CivisLookups newLookups() {
        return new CivisLookups(groups.databases(), groups.tables(), groups.credentials(), groups.storageHosts(),
                groups.users(), settings.lookupCache());
    }

    private ReactiveCivisSql newReactiveSql() {
        return ReactiveCivisSql.of(groups.reactiveScripts(), groups.reactiveQueries(), reactiveRuns(),
                reactiveFileTransfers(), lookups(), settings.workflowTimeout());
    }

    private ReactiveCivisTableTransfers newReactiveTableTransfers() {
        return ReactiveCivisTableTransfers.of(groups.reactiveTables(), groups.reactiveImports(),
                reactiveFileTransfers(), reactiveRuns(), lookups(), settings.workflowTimeout());
    }

    /**
     * Stops the runs' timer thread.
     * @param ownsFileEngine whether to close the file transfer engine too (a view shares its client's)
     */
    void close(boolean ownsFileEngine) {
        runScheduler.close();
        TransferEngine engine = ownsFileEngine ? fileEngine.ifMade() : null;
        if (engine != null) {
            engine.close();
        }
    }
}
