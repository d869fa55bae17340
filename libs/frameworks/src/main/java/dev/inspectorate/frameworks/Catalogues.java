package dev.inspectorate.frameworks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Loads the framework catalogues shipped with this library, once, and checks them. */
public final class Catalogues {
    private static final Map<Framework, Catalogue> LOADED = loadAll();

    private Catalogues() {}

    public static Catalogue of(Framework framework) {
        return LOADED.get(framework);
    }

    public static List<Catalogue> all() {
        return List.copyOf(LOADED.values());
    }

    /** Reads one catalogue file; strict about unknown keys so a typo in the data fails loudly. */
    public static Catalogue read(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(yaml, Catalogue.class);
    }

    private static Map<Framework, Catalogue> loadAll() {
        Map<Framework, Catalogue> m = new EnumMap<>(Framework.class);
        for (Framework f : Framework.values()) {
            String path = "/frameworks/" + f.id() + ".yaml";
            try (InputStream in = Catalogues.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("catalogue " + path + " is missing from the classpath");
                }
                Catalogue c = read(in);
                List<String> problems = CatalogueCheck.problems(c);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("catalogue " + path + " is invalid: " + problems);
                }
                m.put(f, c);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read catalogue " + path, e);
            }
        }
        return m;
    }
}
