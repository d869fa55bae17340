package dev.inspectorate.events;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event sources and schemas repeat on every event, and parsing a URI cost more than the rest of encoding or
 * decoding one; the few that exist are kept. Bounded, so that a flood of distinct values cannot grow it.
 */
final class Uris {
    private static final Map<String, URI> KNOWN = new ConcurrentHashMap<>();

    private Uris() {}

    static URI of(String s) {
        URI known = KNOWN.get(s);
        if (known != null) {
            return known;
        }
        URI parsed = URI.create(s);
        if (KNOWN.size() < 256) {
            KNOWN.put(s, parsed);
        }
        return parsed;
    }
}
