package dev.inspectorate.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one folder that holds the local platform's state: PostgreSQL data, Kafka logs, signing keys, service logs
 * and the pid files used to clean up after a launcher that was killed.
 */
final class DataDir {
    private final Path root;

    DataDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path keys() {
        return root.resolve("keys");
    }

    Path log(String name) {
        return dir("logs").resolve(name + ".log");
    }

    Path pidFile(String name) {
        return dir("pids").resolve(name + ".pid");
    }

    private Path dir(String name) {
        Path d = root.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    void create() throws IOException {
        Files.createDirectories(root);
    }

    /** Starting afresh: everything but the folder itself goes. */
    void wipe() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Stops what an earlier launcher of this folder left running: its own JVM if still alive, every child JVM named
     * by a pid file whose command line carries this folder's marker, and the postgres of the data directory.
     * Returns how many processes it stopped.
     */
    int stopLeftovers() throws IOException {
        int stopped = 0;
        Path pids = dir("pids");
        try (Stream<Path> files = Files.list(pids)) {
            for (Path f : files.toList()) {
                Optional<ProcessHandle> p = readPid(f).flatMap(ProcessHandle::of).filter(this::isOurs);
                if (p.isPresent()) {
                    ChildProcess.stop(p.get(), Duration.ofSeconds(15));
                    stopped++;
                }
                Files.deleteIfExists(f);
            }
        }
        return stopped + stopPostgres();
    }

    /** Stops the postgres of the data directory, if one runs; returns how many processes it stopped (0 or 1). */
    int stopPostgres() {
        Optional<ProcessHandle> pg = postmasterPid().flatMap(ProcessHandle::of)
                .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        // SIGTERM is PostgreSQL's "smart" shutdown; it ends once no client is left, and none is.
        pg.ifPresent(h -> ChildProcess.stop(h, Duration.ofSeconds(30)));
        return pg.isPresent() ? 1 : 0;
    }

    /** The pid in the data directory's postmaster.pid, if there is one. */
    Optional<Long> postmasterPid() {
        return readPid(postgres().resolve("postmaster.pid"));
    }

    private boolean isOurs(ProcessHandle h) {
        return h.info().arguments()
                .map(args -> Stream.of(args).anyMatch(a -> a.equals(ChildProcess.MARKER + root)))
                .orElse(false);
    }

    private static Optional<Long> readPid(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
