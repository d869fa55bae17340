package dev.inspectorate.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import dev.inspectorate.devstack.demo.Demo;
import dev.inspectorate.devstack.demo.DemoSpec;

/**
 * The whole platform on this machine: embedded PostgreSQL and a Kafka broker as real processes, the four services
 * as child JVMs, tokens for every role. Ctrl-C or SIGTERM stops everything it started; a later start stops what
 * a killed launcher left behind.
 */
public final class Devstack {
    static final String USAGE = """
            Usage:
              ./platform [--demo NAME|none] [--exit] [--fresh] [--data-dir DIR] [--port-offset N]
                  Starts the platform and, the first time, re-enacts a published inspection through its APIs
                  (--demo: thames-valley (default, OMI2 2010), gloucestershire (ESI 2005), west-midlands
                  (OMI1 2008), or none), then keeps running until Ctrl-C (--exit: stop once the demo is done).
                  Data persists in DIR (default .devstack); --fresh deletes it first. --port-offset moves
                  every port.
              ./platform token --role ROLE [--area AREA] [--user USER] [--data-dir DIR]
                  Prints a bearer token accepted by the running platform. ROLE is one of
                  lead-inspector, inspector, area-assessor, performance-analyst, reader, operator.
            """;

    private final List<ChildProcess> services = Collections.synchronizedList(new ArrayList<>());
    private volatile ChildProcess kafka;
    private volatile LocalPostgres postgres;
    /** Set once stopping starts; guarded by {@link #lifecycle}, so that no process is started after it. */
    private volatile boolean stopping;
    /** Held while a process is started (or started again) and while stopping begins: the two never overlap. */
    private final Object lifecycle = new Object();

    /** Ends the main thread quietly when a start meets a stop under way (Ctrl-C while starting). */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        String command = "run";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--fresh") || a.equals("--exit")) {
                options.put(a.substring(2), "true");
            } else if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                return;
            } else if (a.startsWith("--") && i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else if (i == 0 && !a.startsWith("--")) {
                command = a;
            } else {
                fail("unexpected argument '" + a + "'\n" + USAGE);
            }
        }
        Path dataDir = Path.of(options.getOrDefault("data-dir", ".devstack")).toAbsolutePath().normalize();
        switch (command) {
            case "run" -> {
                try {
                    new Devstack().run(dataDir, options.containsKey("fresh"),
                            Integer.parseInt(options.getOrDefault("port-offset", "0")), root(options),
                            options.getOrDefault("demo", "thames-valley"), options.containsKey("exit"));
                } catch (Stopping e) {
                    // The shutdown hook stops what was started.
                }
            }
            case "token" -> token(dataDir, options);
            default -> fail("unknown command '" + command + "'\n" + USAGE);
        }
    }

    private static void token(Path dataDir, Map<String, String> options) throws IOException {
        String role = options.get("role");
        if (role == null || !TokenMinter.ROLES.contains(role)) {
            fail("--role must be one of " + TokenMinter.ROLES);
        }
        String user = options.getOrDefault("user", role.replace('-', '.'));
        System.out.println(TokenMinter.forDataDir(dataDir).mint(user, options.get("area"), role));
    }

    /** The repository root: the devstack jar sits in devstack/target. */
    private static Path root(Map<String, String> options) throws URISyntaxException {
        if (options.containsKey("root")) {
            return Path.of(options.get("root")).toAbsolutePath().normalize();
        }
        Path jar = Path.of(Devstack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent();
    }

    void run(Path dataDirPath, boolean fresh, int offset, Path root, String demo, boolean exit) throws Exception {
        if (!demo.equals("none") && !DemoSpec.SHIPPED.containsKey(demo)) {
            fail("no demo " + demo + "; demos: " + DemoSpec.SHIPPED.keySet() + " or none");
        }
        long started = System.nanoTime();
        DataDir data = new DataDir(dataDirPath);
        data.create();
        refuseIfRunning(data);
        int leftovers = data.stopLeftovers();
        if (leftovers > 0) {
            say("Stopped %d process(es) left by an earlier launcher of %s", leftovers, data.root());
        }
        if (fresh) {
            data.wipe();
            say("Starting afresh: %s emptied", data.root());
        }
        Files.writeString(data.pidFile("launcher"), Long.toString(ProcessHandle.current().pid()));
        int pgPort = 15432 + offset;
        int kafkaPort = 9092 + offset;
        int controllerPort = 9093 + offset;
        List<Integer> ports = new ArrayList<>(List.of(pgPort, kafkaPort, controllerPort));
        for (Service s : Service.values()) {
            ports.add(s.port + offset);
        }
        requireFree(ports);
        for (Service s : Service.values()) {
            Path jar = root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                fail(jar + " is missing: build first (./mvnw package -DskipTests, which ./platform does for you)");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(data), "devstack-stop"));

        say("Starting PostgreSQL on port %d and Kafka on port %d ...", pgPort, kafkaPort);
        // Each process is recorded inside the start's lock: a stop that takes the lock next must find it to stop it.
        starting(() -> postgres = LocalPostgres.start(data, pgPort));
        starting(() -> kafka = LocalKafka.start(data, kafkaPort, controllerPort));
        String bootstrap = "localhost:" + kafkaPort;
        LocalKafka.createTopics(bootstrap, Duration.ofSeconds(90));

        TokenMinter tokens = TokenMinter.forDataDir(data.root());
        say("Starting the services ...");
        for (Service s : Service.values()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(s.port + offset));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + pgPort + "/" + s.database);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pgPort + "/" + s.database);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", TokenMinter.ISSUER);
            // glibc gives each busy thread its own malloc arena; two keep a service's native memory small.
            env.put("MALLOC_ARENA_MAX", "2");
            Path jar = root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
            List<String> main = List.of("-jar", jar.toString());
            starting(() -> {
                ChildProcess p = ChildProcess.startJava(data, s.module, Service.JVM_OPTIONS, main, env);
                services.add(p);
                return p;
            });
        }
        awaitReady(offset, Duration.ofSeconds(300), data);
        double seconds = (System.nanoTime() - started) / 1e9;

        say("");
        say("Platform ready in %.1f s (data in %s, logs in %s)", seconds, data.root(), data.log("x").getParent());
        // From now on a process that dies is started again, during the demo too.
        Thread watcher = new Thread(() -> watch(data, pgPort), "devstack-watch");
        watcher.setDaemon(true);
        watcher.start();
        int status = demo.equals("none") ? 0 : demo(DemoSpec.load(demo), offset, tokens, root, data);
        // Last, so that what a user needs to explore the platform is on the screen when the demo is done.
        say("");
        for (Service s : Service.values()) {
            say("  %-26s http://localhost:%d   (Swagger UI: http://localhost:%d/q/swagger-ui)",
                    s.module, s.port + offset, s.port + offset);
        }
        say("  %-26s postgresql://postgres@localhost:%d/{%s}", "PostgreSQL 18", pgPort, String.join(",", LocalPostgres.DATABASES));
        say("  %-26s %s", "Kafka (KRaft)", bootstrap);
        say("Memory (resident): %s", memory());
        say("Tokens, valid 12 hours (more: ./platform token --role ROLE [--area AREA] [--user USER]):");
        for (String role : TokenMinter.ROLES) {
            String area = role.equals("area-assessor") || role.equals("performance-analyst") ? "Thames Valley" : null;
            say("  %-20s %s%s", role, tokens.mint(role.replace('-', '.'), area, role),
                    area == null ? "" : "   (area: " + area + ")");
        }
        say("Try: curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/frameworks", Service.CASE_ASSESSMENT.port + offset);
        if (exit) {
            System.exit(status);
        }
        say("Ctrl-C stops everything.");
        watcher.join();
    }

    /** Runs a demo inspection unless it is already there; 0 when it ran (or had run) well. */
    private int demo(DemoSpec spec, int offset, TokenMinter tokens, Path root, DataDir data) {
        Demo.Urls urls = new Demo.Urls("http://localhost:" + (Service.CASE_ASSESSMENT.port + offset),
                "http://localhost:" + (Service.SCORING.port + offset),
                "http://localhost:" + (Service.PERFORMANCE_DATA.port + offset),
                "http://localhost:" + (Service.REPORTING.port + offset));
        Demo d = new Demo(spec, urls, tokens, root, Devstack::say);
        say("");
        switch (d.state()) {
            case PUBLISHED -> {
                say("Demo %s is already in the platform (./platform --fresh runs it again).", spec.id());
                return 0;
            }
            case INTERRUPTED -> {
                say("Demo %s was interrupted before its report was published; ./platform --fresh starts from nothing "
                        + "and runs it in full (--demo none keeps the data and skips it).", spec.id());
                return 1;
            }
            case ABSENT -> {
                // run it
            }
        }
        try {
            Demo.Result r = d.run(data.root().resolve("reports"));
            say("Demo done in %d s. Published scores beside the report's:", r.seconds());
            Demo.comparison(r).forEach(Devstack::say);
            say("The published report:");
            say("  %s", r.html());
            say("  %s", r.pdf());
            say("  %s", r.json());
            say("  http://localhost:%d/reports/%s (any token; the lead's shows the draft)",
                    Service.REPORTING.port + offset, spec.id());
            return 0;
        } catch (Exception e) {
            say("Demo failed: %s", e.getMessage());
            return 1;
        }
    }

    /** Keeps the platform up: a service, the broker or PostgreSQL that dies (a crash, a kill -9) is started again. */
    private void watch(DataDir data, int pgPort) {
        while (!stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lifecycle) {
                if (stopping) {
                    return;
                }
                if (!postgres.running()) {
                    say("PostgreSQL (pid %d) is gone; starting it again", postgres.pid());
                    try {
                        // Releases the data directory; the new server recovers it from its write-ahead log.
                        postgres.close();
                        postgres = LocalPostgres.start(data, pgPort);
                    } catch (IOException | SQLException | RuntimeException e) {
                        say("WARNING: cannot restart PostgreSQL: %s", e.getMessage());
                    }
                }
            }
            List<ChildProcess> all = new ArrayList<>(services);
            all.add(kafka);
            for (ChildProcess p : all) {
                synchronized (lifecycle) {
                    if (stopping) {
                        return;
                    }
                    if (!p.isAlive()) {
                        say("%s exited with code %s; starting it again", p.name(), p.exitCode().map(String::valueOf).orElse("?"));
                        try {
                            p.restart();
                        } catch (IOException e) {
                            say("WARNING: cannot restart %s: %s", p.name(), e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /**
     * Starts a process unless stopping has begun; a stop waits for a start under way, so it stops that too, provided
     * {@code start} records the process where the stop looks (it runs inside the lock).
     */
    private <T> T starting(Callable<T> start) throws Exception {
        synchronized (lifecycle) {
            if (stopping) {
                throw new Stopping();
            }
            return start.call();
        }
    }

    private void awaitReady(int offset, Duration timeout, DataDir data) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Service> waiting = new ArrayList<>(List.of(Service.values()));
        while (!waiting.isEmpty()) {
            for (ChildProcess p : services) {
                if (!p.isAlive()) {
                    fail(p.name() + " stopped while starting; see " + data.log(p.name()));
                }
            }
            waiting.removeIf(s -> ready(http, s.port + offset));
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("not ready after " + timeout.toSeconds() + " s: " + waiting + "; see the logs in " + data.log("x").getParent());
            }
            Thread.sleep(500);
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String memory() {
        List<String> parts = new ArrayList<>();
        for (ChildProcess p : services) {
            parts.add(p.name().replace("-service", "") + " " + rssMiB(p.pid()));
        }
        if (kafka != null) {
            parts.add("kafka " + rssMiB(kafka.pid()));
        }
        parts.add("launcher+postgres-holder " + rssMiB(ProcessHandle.current().pid()));
        return String.join(", ", parts);
    }

    /** Resident set size from /proc, in MiB, or "?" where /proc is not available. */
    public static String rssMiB(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 + " MiB")
                    .findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void stopAll(DataDir data) {
        synchronized (lifecycle) {
            stopping = true;
        }
        say("Stopping the platform ...");
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess p : new ArrayList<>(services)) {
            Thread t = new Thread(() -> p.stop(Duration.ofSeconds(20)));
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(30));
        }
        try {
            if (postgres != null) {
                postgres.close();
            } else {
                // Stopped before its start returned (or it failed half way): the postmaster may be running all the same.
                data.stopPostgres();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping PostgreSQL: " + e);
        }
        try {
            Files.deleteIfExists(data.pidFile("launcher"));
        } catch (IOException e) {
            // Harmless: the next start checks whether that pid is a live launcher.
        }
        say("Stopped.");
    }

    private static void refuseIfRunning(DataDir data) throws IOException {
        Path pidFile = data.pidFile("launcher");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> other = Optional.of(Files.readString(pidFile).trim())
                .filter(s -> s.matches("\\d+")).map(Long::parseLong).flatMap(ProcessHandle::of)
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(Devstack.class.getName())).orElse(false));
        if (other.isPresent()) {
            fail("the platform is already running from " + data.root() + " (pid " + other.get().pid()
                    + "); stop it with Ctrl-C or kill " + other.get().pid());
        }
        Files.delete(pidFile);
    }

    /**
     * Fails if a port stays taken. The ports lie below Linux's ephemeral range (32768-60999) for every offset the
     * tests use, so no client connection can take one; a platform that has just stopped may still be releasing its
     * listening sockets: wait a little before giving up.
     */
    private static void requireFree(List<Integer> ports) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int port : ports) {
            while (!free(port)) {
                if (System.nanoTime() > deadline) {
                    fail("port " + port + " is in use; stop what uses it or pass --port-offset N");
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static void fail(String message) {
        System.err.println("devstack: " + message);
        System.exit(2);
    }
}
