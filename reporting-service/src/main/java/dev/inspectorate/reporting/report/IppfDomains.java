package dev.inspectorate.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The IPPF domains and their metrics, from {@code performance/ippf-domains.yaml}: the events carry no domain. */
final class IppfDomains {
    record Domain(String id, String name, List<String> metrics) {}

    private record File(List<Domain> domains) {}

    static final List<Domain> ALL = load();

    private IppfDomains() {}

    private static List<Domain> load() {
        try (InputStream in = IppfDomains.class.getResourceAsStream("/performance/ippf-domains.yaml")) {
            return List.copyOf(new ObjectMapper(new YAMLFactory()).readValue(in, File.class).domains());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IPPF domains", e);
        }
    }
}
