package dev.inspectorate.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL 18 from the embedded binaries, run as a real server process on a data directory that survives
 * restarts, with one database per service.
 */
final class LocalPostgres implements AutoCloseable {
    static final List<String> DATABASES = List.of("case_assessment", "scoring", "performance_data", "reporting");

    private final EmbeddedPostgres postgres;
    private final DataDir data;
    /** The postmaster: pg_ctl starts it detached, so it is no child of this JVM. */
    private final long pid;

    private LocalPostgres(EmbeddedPostgres postgres, DataDir data, long pid) {
        this.postgres = postgres;
        this.data = data;
        this.pid = pid;
    }

    static LocalPostgres start(DataDir data, int port) throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data.postgres())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                // The embedded defaults skip fsync and commit asynchronously; the platform's data must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(data.log("postgres").toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(data.log("postgres").toFile()))
                .start();
        try {
            createDatabases(pg);
            long pid = data.postmasterPid().orElseThrow(() -> new IOException("PostgreSQL started but wrote no postmaster.pid"));
            return new LocalPostgres(pg, data, pid);
        } catch (IOException | SQLException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Whether the postmaster still runs; a killed one nobody has reaped yet (its parent is init) does not. */
    boolean running() {
        return ChildProcess.running(pid);
    }

    long pid() {
        return pid;
    }

    private static void createDatabases(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement create = c.createStatement()) {
            for (String db : DATABASES) {
                exists.setString(1, db);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        create.execute("CREATE DATABASE " + db);
                    }
                }
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server (pg_ctl's fast shutdown) and releases the data directory, also when the server is already
     * gone, so that a new one can start on it.
     */
    @Override
    public void close() throws IOException {
        postgres.close();
        if (running()) {
            // pg_ctl gave up (zonky logs nothing: its logger is off, this is the report).
            data.stopPostgres();
            if (running()) {
                throw new IOException("PostgreSQL (pid " + pid + ") did not stop");
            }
        }
    }
}
