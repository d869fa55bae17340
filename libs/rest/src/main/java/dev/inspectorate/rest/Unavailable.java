package dev.inspectorate.rest;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;

/** Failures that mean the database is out of reach, not that the request was wrong: a 503, to be retried. */
final class Unavailable {
    private Unavailable() {}

    static boolean database(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof ClosedConnectionException) {
                return true;
            }
            if (c instanceof PgException pg && pg.getSqlState() != null) {
                String s = pg.getSqlState();
                // connection failures, shutting down, too many connections
                if (s.startsWith("08") || s.startsWith("57P") || s.equals("53300")) {
                    return true;
                }
            }
            if (c.getMessage() != null && (c.getMessage().contains("Connection refused")
                    || c.getMessage().contains("Failed to read any response from the server"))) {
                return true;
            }
        }
        return false;
    }

    /** No pooled connection came free in time: the service is overloaded, and the request has not started. */
    static boolean busy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.core.VertxException || c instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                String m = String.valueOf(c.getMessage());
                if (m.equals("Timeout") || m.startsWith("Timeout waiting for connection")) {
                    return true;
                }
            }
        }
        return false;
    }
}
