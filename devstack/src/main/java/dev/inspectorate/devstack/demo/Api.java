package dev.inspectorate.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** The platform's REST APIs as the demo's users call them: each call with that user's bearer token. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    // HTTP/1.1: the JDK client's default h2c upgrade can hang on a large answer.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Api as(String otherToken) {
        return new Api(base, otherToken);
    }

    JsonNode get(String path) {
        return json(send("GET", path, null, "application/json", "application/json", Set.of(200)).body());
    }

    /** GET that answers null on 404 or 403 instead of failing. */
    JsonNode find(String path) {
        HttpResponse<byte[]> r = send("GET", path, null, "application/json", "application/json", Set.of(200, 403, 404));
        return r.statusCode() == 200 ? json(r.body()) : null;
    }

    /** GET that answers null, too, while the service does not answer at all (the launcher may be restarting it). */
    JsonNode poll(String path) {
        try {
            return find(path);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException) {
                return null;
            }
            throw e;
        }
    }

    byte[] download(String path, String accept) {
        return send("GET", path, null, null, accept, Set.of(200)).body();
    }

    JsonNode post(String path, Object body) {
        return json(send("POST", path, body, "application/json", "application/json", Set.of(200, 201)).body());
    }

    JsonNode put(String path, Object body) {
        return json(send("PUT", path, body, "application/json", "application/json", Set.of(200, 201)).body());
    }

    JsonNode postCsv(String path, String csv) {
        return json(send("POST", path, csv, "text/csv", "application/json", Set.of(200, 201)).body());
    }

    private HttpResponse<byte[]> send(String method, String path, Object body, String contentType, String accept,
            Set<Integer> expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token).header("Accept", accept);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                byte[] bytes = body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(body);
                b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (!expected.contains(r.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
