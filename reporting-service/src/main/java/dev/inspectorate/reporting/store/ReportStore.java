package dev.inspectorate.reporting.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.events.payload.ReportPublished;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import dev.inspectorate.reporting.report.Editorial;
import dev.inspectorate.reporting.report.Report;
import dev.inspectorate.reporting.report.ReportAssembler;
import dev.inspectorate.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** The report read model: what reports are assembled from, editorial content and published versions. */
@ApplicationScoped
public class ReportStore {
    @Inject
    Pool pool;

    @Inject
    EventLog log;

    /** The inspection as the report knows it. */
    public record Inspection(String id, String area, Framework framework, String title, LocalDate fieldworkStart,
            LocalDate fieldworkEnd, Map<String, String> team) {}

    public Uni<Optional<Inspection>> inspection(String id) {
        return inspection(pool, id);
    }

    private Uni<Optional<Inspection>> inspection(SqlClient c, String id) {
        return c.preparedQuery("SELECT * FROM inspection WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<Inspection>empty());
                    }
                    Row r = rows.iterator().next();
                    return c.preparedQuery("SELECT user_name, role FROM team_member WHERE inspection_id = $1")
                            .execute(Tuple.of(id))
                            .map(team -> {
                                Map<String, String> members = new LinkedHashMap<>();
                                team.forEach(t -> members.put(t.getString("user_name"), t.getString("role")));
                                return Optional.of(new Inspection(id, r.getString("area"),
                                        Framework.fromId(r.getString("framework")), r.getString("title"),
                                        r.getLocalDate("fieldwork_start"), r.getLocalDate("fieldwork_end"), members));
                            });
                });
    }

    /** The current draft of an inspection's report. */
    public Uni<Report> draft(Inspection i) {
        return sources(pool, i, null).map(s -> ReportAssembler.assemble(s, "DRAFT", null, null));
    }

    /** The sources of the report as it stands; the programme to date counts publications before {@code at} (null: now). */
    private Uni<ReportAssembler.Sources> sources(SqlClient c, Inspection i, Instant at) {
        Uni<Row> scores = c.preparedQuery("SELECT revision, scores::text AS scores FROM inspection_scores WHERE inspection_id = $1")
                .execute(Tuple.of(i.id())).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
        Uni<Map<String, String>> grades = pairs(c, "SELECT criterion_id AS k, grade AS v FROM grade WHERE inspection_id = $1", i.id());
        Uni<Map<String, String>> conclusions = pairs(c,
                "SELECT criterion_id AS k, conclusion AS v FROM conclusion WHERE inspection_id = $1", i.id());
        Uni<Editorial> editorial = editorial(c, i.id());
        Uni<Map<String, Map<String, Integer>>> characteristics = c.preparedQuery("""
                        SELECT e.key, e.value, count(*)::int AS n
                        FROM sampled_case s, jsonb_each_text(s.characteristics) e
                        WHERE s.inspection_id = $1 AND NOT s.withdrawn GROUP BY e.key, e.value ORDER BY e.key, e.value""")
                .execute(Tuple.of(i.id()))
                .map(rows -> {
                    Map<String, Map<String, Integer>> out = new TreeMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getString("key"), k -> new LinkedHashMap<>())
                            .put(r.getString("value") == null ? "not recorded" : r.getString("value"), r.getInteger("n")));
                    return out;
                });
        Uni<List<PerformanceDatasetLoaded>> performance = performance(c, i);
        Uni<Map<String, Report.Spread>> programme = programme(c, i, at);
        return Uni.combine().all().unis(scores, grades, conclusions, editorial, characteristics, performance, programme)
                .with((sc, g, co, ed, ch, pf, pr) -> new ReportAssembler.Sources(i.id(), i.area(), i.framework(), i.title(),
                        i.fieldworkStart(), i.fieldworkEnd(), sc == null ? 0 : sc.getLong("revision"),
                        sc == null ? null : json(sc.getString("scores"), ScoresChanged.class), g, co, ed, ch, pf, pr));
    }

    /**
     * The programme to date, as the OMI2 reports quote it ("to date the average RoH score has been 68%, range
     * 65-72%"): per thread, the spread of its displayed score over the latest publication of each other inspection of
     * the framework published before {@code at} (null: now).
     */
    private static Uni<Map<String, Report.Spread>> programme(SqlClient c, Inspection i, Instant at) {
        return c.preparedQuery("""
                        SELECT DISTINCT ON (inspection_id) (report::jsonb -> 'threads')::text AS threads FROM publication
                        WHERE framework = $1 AND inspection_id <> $2 AND ($3::timestamptz IS NULL OR published_at < $3::timestamptz)
                        ORDER BY inspection_id, number DESC""")
                .execute(Tuple.of(i.framework().id(), i.id(), at == null ? null : at.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, List<Integer>> values = new LinkedHashMap<>();
                    rows.forEach(r -> json(r.getString("threads"), JsonNode.class).forEach(t -> {
                        JsonNode display = t.path("score").path("display");
                        if (display.isInt()) {
                            values.computeIfAbsent(t.path("id").asText(), k -> new ArrayList<>()).add(display.asInt());
                        }
                    }));
                    Map<String, Report.Spread> out = new LinkedHashMap<>();
                    values.forEach((k, v) -> out.put(k, Report.Spread.of(v)));
                    return out;
                });
    }

    /**
     * The area's current datasets of the latest period (financial year, e.g. 2009-10) that ended before fieldwork
     * began, as the reports print them: Bedfordshire (October 2006) 2005/06, West Midlands (June 2008) 2007/08. The
     * year under way at fieldwork is partial and is left out. The inspection names the area as text; datasets use the
     * area's id, the same name in lower case with hyphens.
     */
    private Uni<List<PerformanceDatasetLoaded>> performance(SqlClient c, Inspection i) {
        String area = i.area().toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        LocalDate start = i.fieldworkStart();
        // The financial year (April to March) under way when fieldwork began, by the year it began in.
        int fy = start.getMonthValue() >= 4 ? start.getYear() : start.getYear() - 1;
        return c.preparedQuery("""
                        SELECT data::text AS data FROM performance_dataset
                        WHERE area = $1 AND NOT superseded AND period = (
                            SELECT max(period) FROM performance_dataset WHERE area = $1 AND left(period, 4)::int < $2)
                        ORDER BY framework""")
                .execute(Tuple.of(area, fy))
                .map(rows -> {
                    List<PerformanceDatasetLoaded> out = new ArrayList<>();
                    rows.forEach(r -> out.add(json(r.getString("data"), PerformanceDatasetLoaded.class)));
                    return out;
                });
    }

    private Uni<Editorial> editorial(SqlClient c, String id) {
        return c.preparedQuery("SELECT part, content::text AS content FROM report_content WHERE inspection_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Map<String, JsonNode> parts = new LinkedHashMap<>();
                    rows.forEach(r -> parts.put(r.getString("part"), json(r.getString("content"), JsonNode.class)));
                    return ContentParts.editorial(parts);
                });
    }

    /** The draft's revision: how many times its editorial content was written (its ETag). */
    public Uni<Long> draftRevision(String id) {
        return pool.preparedQuery("SELECT revision FROM report_draft WHERE inspection_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("revision"));
    }

    /** The draft's revision was not the one the writer expected; nothing was written. */
    public static class StaleDraftException extends RuntimeException {
        private final long current;

        public StaleDraftException(String id, long expected, long current) {
            super("the draft of " + id + " is at revision " + current + ", not " + expected);
            this.current = current;
        }

        public long current() {
            return current;
        }
    }

    /**
     * Adds a finding to one list (strengths or improvements) of a criterion's part, in one statement so that two
     * acceptances at once both land; a finding already in the list is not added again. Empty when the list already
     * holds {@code max} findings. Like any edit, it moves the draft to its next revision (its ETag).
     */
    public Uni<Optional<JsonNode>> addFinding(String id, String part, String field, String text, int max, String user) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO report_content AS c (inspection_id, part, content, updated_by)
                        VALUES ($1, $2, jsonb_build_object('strengths', '[]'::jsonb, 'improvements', '[]'::jsonb)
                                        || jsonb_build_object($3::text, jsonb_build_array($4::text)), $5)
                        ON CONFLICT (inspection_id, part) DO UPDATE
                        SET content = CASE WHEN coalesce(c.content -> $3::text, '[]') @> jsonb_build_array($4::text)
                                           THEN c.content
                                           ELSE jsonb_set(c.content, ARRAY[$3::text],
                                                coalesce(c.content -> $3::text, '[]') || jsonb_build_array($4::text)) END,
                            updated_by = EXCLUDED.updated_by, updated_at = now()
                        WHERE coalesce(c.content -> $3::text, '[]') @> jsonb_build_array($4::text)
                           OR jsonb_array_length(coalesce(c.content -> $3::text, '[]')) < $6
                        RETURNING content::text AS content""")
                .execute(Tuple.of(id, part, field, text, user, max))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<JsonNode>empty())
                        : tx.preparedQuery("""
                                        INSERT INTO report_draft (inspection_id, revision) VALUES ($1, 1)
                                        ON CONFLICT (inspection_id) DO UPDATE SET revision = report_draft.revision + 1""")
                                .execute(Tuple.of(id))
                                .replaceWith(Optional.of(json(rows.iterator().next().getString("content"), JsonNode.class)))));
    }

    /**
     * Writes one editorial part and returns the draft's new revision. With {@code expected}, only if the draft is still
     * at that revision (else {@link StaleDraftException}): writers of one draft queue on its revision row.
     */
    public Uni<Long> saveContent(String id, String part, JsonNode content, String user, Long expected) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO report_draft (inspection_id, revision) VALUES ($1, 1)
                        ON CONFLICT (inspection_id) DO UPDATE SET revision = report_draft.revision + 1
                        RETURNING revision""")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    long revision = rows.iterator().next().getLong("revision");
                    if (expected != null && expected != revision - 1) {
                        throw new StaleDraftException(id, expected, revision - 1);
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO report_content (inspection_id, part, content, updated_by) VALUES ($1, $2, $3::text::jsonb, $4)
                                    ON CONFLICT (inspection_id, part) DO UPDATE
                                    SET content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now()""")
                            .execute(Tuple.of(id, part, content.toString(), user))
                            .replaceWith(revision);
                }));
    }

    /** A publish answered: the version, and whether this request made it (false: a retry with the same key). */
    public record Publish(Published published, boolean created) {}

    /** The caller's Idempotency-Key was used before to publish another inspection's report. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException(String key) {
            super("Idempotency-Key " + key + " was used to publish another report");
        }
    }

    /**
     * Publishes the report as it stands now: an immutable numbered version (its JSON, its HTML and its PDF as rendered
     * now), and report.published on report-events, in one transaction. Publishes of one inspection queue on its row's
     * lock, so two at once get consecutive numbers. With an Idempotency-Key, a repeat by the same caller (after a
     * timeout, say) gets the version the first made and publishes nothing. Refused (409) while there are no scores:
     * such a report has nothing to say.
     */
    public Uni<Publish> publish(Inspection i, String user, String key, Function<Report, String> html,
            Function<String, byte[]> pdf) {
        return log.transaction(tx -> lockKey(tx, user, key)
                .flatMap(x -> tx.preparedQuery("SELECT id FROM inspection WHERE id = $1 FOR UPDATE").execute(Tuple.of(i.id())))
                .flatMap(x -> key == null ? Uni.createFrom().item(Optional.<Integer>empty())
                        : tx.preparedQuery("SELECT inspection_id, number FROM publish_request WHERE user_name = $1 AND key = $2")
                                .execute(Tuple.of(user, key)).map(rows -> {
                                    if (rows.size() == 0) {
                                        return Optional.<Integer>empty();
                                    }
                                    Row r = rows.iterator().next();
                                    if (!r.getString("inspection_id").equals(i.id())) {
                                        throw new KeyReusedException(key);
                                    }
                                    return Optional.of(r.getInteger("number"));
                                }))
                .flatMap(done -> done.isPresent()
                        ? publication(tx, i.id(), done.get()).map(p -> new Publish(p.orElseThrow(), false))
                        : publishNext(tx, i, user, key, html, pdf).map(p -> new Publish(p, true))));
    }

    /** Requests with the same key run one at a time, so a retry that overtakes the first waits for its answer. */
    private static Uni<?> lockKey(SqlClient tx, String user, String key) {
        return key == null ? Uni.createFrom().voidItem()
                : tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('publish-key'), hashtext($1 || chr(10) || $2))")
                        .execute(Tuple.of(user, key));
    }

    private Uni<Published> publishNext(SqlConnection tx, Inspection i, String user, String key, Function<Report, String> html,
            Function<String, byte[]> pdf) {
        return tx.preparedQuery("SELECT coalesce(max(number), 0) AS n FROM publication WHERE inspection_id = $1")
                .execute(Tuple.of(i.id()))
                .flatMap(rows -> {
                    int number = rows.iterator().next().getInteger("n") + 1;
                    // The database keeps microseconds: the JSON says exactly what published_at holds.
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return sources(tx, i, now).flatMap(s -> {
                        if (s.scores() == null) {
                            throw ProblemException.conflict("no-scores", "the report of " + i.id()
                                    + " has no scores yet: publish once scoring has reported", Map.of());
                        }
                        Report report = ReportAssembler.assemble(s, "PUBLISHED", number, now);
                        String json = new String(EventJson.encode(report), StandardCharsets.UTF_8);
                        String page = html.apply(report);
                        ReportPublished event = published(report, s, user);
                        // Layout is CPU work: off the event loop.
                        return Uni.createFrom().item(() -> pdf.apply(page)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .flatMap(bytes -> tx.preparedQuery("""
                                                INSERT INTO publication (inspection_id, number, framework, published_at, published_by, report, html)
                                                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                                        .execute(Tuple.from(List.of(i.id(), number, i.framework().id(),
                                                now.atOffset(ZoneOffset.UTC), user, json, page)))
                                        .flatMap(x -> tx.preparedQuery(
                                                        "INSERT INTO publication_pdf (inspection_id, number, pdf) VALUES ($1, $2, $3)")
                                                .execute(Tuple.of(i.id(), number, Buffer.buffer(bytes)))))
                                .flatMap(x -> key == null ? Uni.createFrom().voidItem() : tx.preparedQuery(
                                                "INSERT INTO publish_request (user_name, key, inspection_id, number) VALUES ($1, $2, $3, $4)")
                                        .execute(Tuple.of(user, key, i.id(), number)).replaceWithVoid())
                                .flatMap(x -> log.append(tx, new StreamAppend("report-" + i.id(), number - 1, i.id(),
                                        List.of(event), key == null ? Map.of("actor", user)
                                                : Map.of("actor", user, "idempotencyKey", key))))
                                .replaceWith(new Published(report, json, page));
                    });
                });
    }

    /**
     * A published version: the report, its JSON exactly as published and its HTML as rendered then (null for versions
     * published before the HTML was kept).
     */
    public record Published(Report report, String json, String html) {}

    /** One line of a report's list of published versions. */
    @Schema(description = "A published version of a report: its number, when and by whom it was published")
    public record Version(int number, Instant publishedAt, String publishedBy) {}

    public Uni<List<Version>> publications(String id) {
        return pool.preparedQuery("""
                        SELECT number, published_at, published_by FROM publication WHERE inspection_id = $1 ORDER BY number""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<Version> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Version(r.getInteger("number"),
                            r.getOffsetDateTime("published_at").toInstant(), r.getString("published_by"))));
                    return out;
                });
    }

    public Uni<Optional<Published>> publication(String id, int number) {
        return publication(pool, id, number);
    }

    private static Uni<Optional<Published>> publication(SqlClient c, String id, int number) {
        return c.preparedQuery("SELECT report, html FROM publication WHERE inspection_id = $1 AND number = $2")
                .execute(Tuple.of(id, number))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(published(rows.iterator().next())));
    }

    public Uni<Optional<Published>> latestPublication(String id) {
        return pool.preparedQuery("""
                        SELECT report, html FROM publication WHERE inspection_id = $1 ORDER BY number DESC LIMIT 1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(published(rows.iterator().next())));
    }

    /**
     * A published version's PDF, rendered once and kept: at publication, or (for versions published before PDFs were
     * kept) at the first request, from the HTML kept with it. Whoever stores first wins; everyone gets those bytes.
     */
    public Uni<byte[]> publishedPdf(String id, int number, Supplier<byte[]> render) {
        return keptPdf(id, number).flatMap(kept -> kept != null ? Uni.createFrom().item(kept)
                : Uni.createFrom().item(render).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(bytes -> pool.preparedQuery("""
                                        INSERT INTO publication_pdf (inspection_id, number, pdf) VALUES ($1, $2, $3)
                                        ON CONFLICT DO NOTHING""")
                                .execute(Tuple.of(id, number, Buffer.buffer(bytes))))
                        .flatMap(x -> keptPdf(id, number)));
    }

    private Uni<byte[]> keptPdf(String id, int number) {
        return pool.preparedQuery("SELECT pdf FROM publication_pdf WHERE inspection_id = $1 AND number = $2")
                .execute(Tuple.of(id, number))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer("pdf").getBytes());
    }

    private static Published published(Row r) {
        return new Published(json(r.getString("report"), Report.class), r.getString("report"), r.getString("html"));
    }

    /** The latest published report of every inspection of a framework, among those published before the cut-off. */
    public Uni<List<Report>> published(Framework framework, Instant before) {
        return pool.preparedQuery("""
                        SELECT DISTINCT ON (inspection_id) report AS r FROM publication
                        WHERE framework = $1 AND ($2::timestamptz IS NULL OR published_at < $2::timestamptz)
                        ORDER BY inspection_id, number DESC""")
                .execute(Tuple.of(framework.id(), before == null ? null : before.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Report> out = new ArrayList<>();
                    rows.forEach(r -> out.add(json(r.getString("r"), Report.class)));
                    return out;
                });
    }

    private static ReportPublished published(Report r, ReportAssembler.Sources s, String user) {
        ScoresChanged scores = s.scores();
        Map<String, String> grades = new LinkedHashMap<>();
        r.grades().forEach(g -> {
            if (g.grade() != null) {
                grades.put(g.criterionId(), g.grade());
            }
        });
        return new ReportPublished(r.inspectionId(), r.publication(), r.area(), r.framework(), r.title(),
                r.publishedAt(), user, scores == null ? Map.of() : scores.criteria(),
                scores == null ? Map.of() : scores.sections(), scores == null ? null : scores.overall(),
                scores == null ? Map.of() : scores.threads(), grades);
    }

    private static Uni<Map<String, String>> pairs(SqlClient c, String sql, String id) {
        return c.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            Map<String, String> out = new LinkedHashMap<>();
            rows.forEach(r -> out.put(r.getString("k"), r.getString("v")));
            return out;
        });
    }

    static <T> T json(String s, Class<T> type) {
        try {
            return EventJson.mapper().readValue(s, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
