package dev.inspectorate.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, in one line: results mean little without it. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = line(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memKiB = line(Path.of("/proc/meminfo"), "MemTotal").map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return "%s, %d cores available, %d GiB memory; %s %s; Java %s (%s)".formatted(cpu,
                Runtime.getRuntime().availableProcessors(), Math.round(memKiB / 1024.0 / 1024.0),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static java.util.Optional<String> line(Path file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
