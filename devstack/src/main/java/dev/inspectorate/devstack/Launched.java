package dev.inspectorate.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** The launcher as ./platform starts it, in its own JVM: for the tests and the benchmark that drive the platform. */
public final class Launched {
    public static final Path ROOT = Path.of(System.getProperty("devstack.root", "..")).toAbsolutePath().normalize();

    public final Process process;
    /** Every line the launcher printed so far. */
    public final List<String> output = new CopyOnWriteArrayList<>();

    private Launched(Process process) {
        this.process = process;
    }

    /** Starts the launcher and waits for "Platform ready". */
    public static Launched start(Path data, int offset, String... extra) throws IOException, InterruptedException {
        return start(data, offset, true, extra);
    }

    /** As {@link #start(Path, int, String...)}; {@code echo} prints the launcher's lines to this one's output. */
    public static Launched start(Path data, int offset, boolean echo, String... extra) throws IOException, InterruptedException {
        Launched l = begin(data, offset, echo, extra);
        try {
            l.awaitLine("Platform ready", Duration.ofSeconds(300));
            return l;
        } catch (IllegalStateException | InterruptedException e) {
            l.stop();
            throw e;
        }
    }

    /** Starts the launcher without waiting for anything. */
    public static Launched begin(Path data, int offset, boolean echo, String... extra) throws IOException {
        // setsid: its own process group, as a shell gives a command, so that interrupt() is a terminal's Ctrl-C.
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ROOT.resolve("devstack/target/devstack.jar") + ":" + ROOT.resolve("devstack/target/lib") + "/*",
                Devstack.class.getName(), "--data-dir", data.toString(), "--port-offset", Integer.toString(offset),
                "--demo", "none"));
        command.addAll(List.of(extra));
        Launched l = new Launched(new ProcessBuilder(command).redirectErrorStream(true).start());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(l.process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (echo) {
                        System.out.println("[devstack] " + line);
                    }
                    l.output.add(line);
                }
            } catch (IOException e) {
                // the launcher ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return l;
    }

    /** Waits until the launcher prints a line starting with {@code prefix}. */
    public void awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (output.stream().noneMatch(l -> l.startsWith(prefix))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue() + " before printing " + prefix
                        + "; its last lines:\n" + String.join("\n", output.subList(Math.max(0, output.size() - 10), output.size())));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the launcher did not print " + prefix + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM to the launcher alone, as a service manager stops it; SIGKILL if it has not stopped within two minutes. */
    public void stop() {
        ChildProcess.stop(process.toHandle(), Duration.ofSeconds(120));
    }

    /** Ctrl-C in a terminal: SIGINT to the launcher's whole process group, the platform's processes included. */
    public void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start().waitFor();
    }

    /** Processes carrying a data folder's marker: the broker and the services. */
    static List<Long> platformPids(Path data) {
        String marker = ChildProcess.MARKER + data;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(h -> h.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                    .map(ProcessHandle::pid).toList();
        }
    }

    /** The pid the launcher wrote for one of its children (a service's module name, or kafka). */
    public static long pid(Path data, String name) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("pids").resolve(name + ".pid")).trim());
    }

    /** The postmaster's pid, from the data folder's postmaster.pid. */
    public static long postmasterPid(Path data) throws IOException {
        return new DataDir(data).postmasterPid().orElseThrow(() -> new IOException("no postmaster.pid in " + data));
    }
}
