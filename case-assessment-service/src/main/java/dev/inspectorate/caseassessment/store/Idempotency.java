package dev.inspectorate.caseassessment.store;

import dev.inspectorate.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency-Key support: the response to a creating request is stored with its key in the same transaction as
 * the command, so a retry (after a timeout, say) gets the same response and appends nothing. Reusing a key for a
 * different request is refused. Requests with the same key run one at a time, so a retry that arrives while the
 * first is still running waits for its answer instead of running the command again.
 */
@ApplicationScoped
public class Idempotency {
    public static final int MAX_KEY = 255;

    /** A response as the resource gives it. */
    public record Response(int status, String body, String location, String etag) {}

    /** The request a key is bound to: who sent what. */
    public record Request(String user, String key, String fingerprint) {
        public static Optional<Request> of(String user, String key, String method, String path, byte[] body) {
            if (key == null) {
                return Optional.empty();
            }
            // Bounded: it is part of the table's primary key and of every event's metadata.
            if (key.isBlank() || key.length() > MAX_KEY) {
                throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters");
            }
            return Optional.of(new Request(user, key, sha256(method + " " + path + "\n", body)));
        }
    }

    /** The key was used before for another request. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException(String key) {
            super("Idempotency-Key " + key + " was used for a different request");
        }
    }

    /** Runs the command once per key: a repeat of the same request returns the stored response. */
    public Uni<Response> once(SqlConnection tx, Optional<Request> request, Supplier<Uni<Response>> command) {
        if (request.isEmpty()) {
            return command.get();
        }
        Request r = request.get();
        return lock(tx, r).flatMap(x -> stored(tx, r)).flatMap(stored -> {
            if (stored.isPresent()) {
                return Uni.createFrom().item(stored.get());
            }
            return command.get().flatMap(response -> tx.preparedQuery("""
                            INSERT INTO idempotent_request (user_name, key, fingerprint, status, body, location, etag)
                            VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                    .execute(Tuple.from(Arrays.asList(r.user(), r.key(), r.fingerprint(), response.status(),
                            response.body(), response.location(), response.etag())))
                    .replaceWith(response));
        });
    }

    /** Until commit; the two-key form keeps clear of the relay's single-key advisory lock. */
    private static Uni<?> lock(SqlConnection tx, Request r) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('idempotency-key'), hashtext($1 || chr(10) || $2))")
                .execute(Tuple.of(r.user(), r.key()));
    }

    private static Uni<Optional<Response>> stored(SqlConnection tx, Request r) {
        return tx.preparedQuery("SELECT fingerprint, status, body, location, etag FROM idempotent_request WHERE user_name = $1 AND key = $2")
                .execute(Tuple.of(r.user(), r.key()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    if (!row.getString("fingerprint").equals(r.fingerprint())) {
                        throw new KeyReusedException(r.key());
                    }
                    return Optional.of(new Response(row.getInteger("status"), row.getString("body"),
                            row.getString("location"), row.getString("etag")));
                });
    }

    static String sha256(String head, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(head.getBytes(StandardCharsets.UTF_8));
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
