package dev.inspectorate.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class UnavailableTest {
    @Test
    void aPoolThatGaveNoConnectionInTimeIsBusyNotAnError() {
        assertTrue(Unavailable.busy(new VertxException("Timeout waiting for connection", true)));
        assertTrue(Unavailable.busy(new CompletionException(new NoStackTraceThrowable("Timeout"))));
        assertFalse(Unavailable.busy(new VertxException("Connection was closed", true)));
        assertFalse(Unavailable.busy(new IllegalStateException("Timeout")));
        assertFalse(Unavailable.database(new VertxException("Timeout waiting for connection", true)));
    }

    @Test
    void aDatabaseOutOfReachIsUnavailable() {
        assertTrue(Unavailable.database(new CompletionException(new java.net.ConnectException("Connection refused"))));
        assertTrue(Unavailable.database(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertFalse(Unavailable.database(new PgException("duplicate key", "ERROR", "23505", null)));
    }
}
