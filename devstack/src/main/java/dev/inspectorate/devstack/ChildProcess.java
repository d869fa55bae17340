package dev.inspectorate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the devstack starts: its output goes to a log file, its pid to a pid file, and its command line carries a
 * marker naming the data folder, so that a later start can recognise and stop it if this launcher was killed.
 */
final class ChildProcess {
    static final String MARKER = "-Ddevstack.home=";

    private final String name;
    private final ProcessBuilder builder;
    private final Path pidFile;
    private volatile Process process;

    private ChildProcess(String name, ProcessBuilder builder, Path pidFile) throws IOException {
        this.name = name;
        this.builder = builder;
        this.pidFile = pidFile;
        start();
    }

    private void start() throws IOException {
        process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
    }

    /** Starts it again, as it was first started (after a crash). */
    void restart() throws IOException {
        start();
    }

    static ChildProcess startJava(DataDir data, String name, List<String> jvmOptions, List<String> mainAndArgs,
            Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(MARKER + data.root());
        command.addAll(jvmOptions);
        command.addAll(mainAndArgs);
        if (String.join(" ", command).length() >= 4000) {
            // Beyond a page, /proc hides the arguments, and with them the marker that finds an orphan.
            throw new IllegalStateException("the command line of " + name + " is too long to be found again after a crash");
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.log(name).toFile()));
        pb.environment().putAll(env);
        return new ChildProcess(name, pb, data.pidFile(name));
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits for the process to end; false if it is still running after the timeout. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    void stop(Duration grace) {
        stop(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A stale pid file is checked against the marker before use.
        }
    }

    static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
    }

    /**
     * Whether a process is still running. An exited postgres that nobody has reaped yet (its parent is the
     * sandbox's init) shows as a zombie: it holds no resources and does not count.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
