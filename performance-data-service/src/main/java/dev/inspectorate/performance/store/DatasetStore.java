package dev.inspectorate.performance.store;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import dev.inspectorate.performance.api.DatasetView;
import dev.inspectorate.performance.domain.Area;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.DatasetRow;
import dev.inspectorate.performance.domain.Evaluation;
import dev.inspectorate.performance.domain.GradeRule;
import dev.inspectorate.performance.domain.Metric;
import dev.inspectorate.performance.domain.MetricCatalogue;
import dev.inspectorate.performance.domain.RatingRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Stores dataset versions, evaluates them, and publishes performance.dataset.loaded. */
@ApplicationScoped
public class DatasetStore {
    static final MetricCatalogue CATALOGUE = MetricCatalogue.load();
    static final String NATIONAL_AREA = CATALOGUE.areas().stream().filter(Area::national).findFirst().orElseThrow().id();
    static final String AREA_RATING = "ippf-area";

    @Inject
    Pool pool;

    @Inject
    EventLog log;

    @ConfigProperty(name = "performance.rating.passable")
    double passable;

    @ConfigProperty(name = "performance.rating.good")
    double good;

    @ConfigProperty(name = "performance.rating.outstanding")
    double outstanding;

    @ConfigProperty(name = "performance.grade.outstanding-margin")
    double outstandingMargin;

    public static MetricCatalogue catalogue() {
        return CATALOGUE;
    }

    /** The outcome of a load: the dataset, and whether it is a new version. */
    public record Loaded(DatasetView dataset, boolean created) {}

    /**
     * Loads a validated draft. The same content as the current version changes nothing; different content becomes
     * the next version and supersedes the current one, which stays readable.
     */
    public Uni<Loaded> load(DatasetDraft draft, String actor) {
        String area = CATALOGUE.area(draft.area()).orElseThrow().id();
        List<DatasetRow> rows = normalise(draft.rows());
        String hash = hash(rows);
        String stream = "dataset-" + area + "-" + draft.period() + "-" + draft.framework();
        // FOR UPDATE locks nothing before the first version exists: the lock on the dataset's key makes two
        // simultaneous first loads take turns, so the second finds the first's version instead of colliding.
        return log.transaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(stream))
                .flatMap(locked -> tx.preparedQuery("""
                        SELECT id, version, content_hash FROM dataset
                        WHERE area = $1 AND period = $2 AND framework = $3 ORDER BY version DESC LIMIT 1""")
                .execute(Tuple.of(area, draft.period(), draft.framework())))
                .flatMap(found -> {
                    Row current = found.size() == 0 ? null : found.iterator().next();
                    if (current != null && current.getString("content_hash").equals(hash)) {
                        return view(tx, current.getString("id")).map(v -> new Loaded(v, false));
                    }
                    int version = current == null ? 1 : current.getInteger("version") + 1;
                    String id = area + "-" + draft.period() + "-" + draft.framework() + "-v" + version;
                    String supersedes = current == null ? null : current.getString("id");
                    Uni<?> insert = tx.preparedQuery("""
                                    INSERT INTO dataset (id, area, period, framework, version, content_hash, loaded_by)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                            .execute(Tuple.from(List.of(id, area, draft.period(), draft.framework(), version, hash, actor)));
                    Uni<?> supersede = supersedes == null ? Uni.createFrom().voidItem()
                            : tx.preparedQuery("UPDATE dataset SET superseded_by = $2 WHERE id = $1").execute(Tuple.of(supersedes, id));
                    return insert.flatMap(x -> supersede).flatMap(x -> insertRows(tx, id, rows))
                            .flatMap(x -> view(tx, id))
                            .flatMap(v -> log.append(tx, new StreamAppend(stream, version - 1, area, List.of(event(v)),
                                            Map.of("actor", actor)))
                                    .map(stored -> new Loaded(v, true)));
                }));
    }

    public Uni<Optional<DatasetView>> find(String id) {
        return pool.preparedQuery("SELECT 1 FROM dataset WHERE id = $1").execute(Tuple.of(id))
                .flatMap(r -> r.size() == 0 ? Uni.createFrom().item(Optional.<DatasetView>empty())
                        : view(pool, id).map(Optional::of));
    }

    /** The current version of each framework's dataset for an area and period. */
    public Uni<List<DatasetView>> current(String area, String period) {
        return pool.preparedQuery("""
                        SELECT id FROM dataset WHERE area = $1 AND period = $2 AND superseded_by IS NULL ORDER BY framework""")
                .execute(Tuple.of(area, period))
                .flatMap(rows -> {
                    List<Uni<DatasetView>> views = new ArrayList<>();
                    rows.forEach(r -> views.add(view(pool, r.getString("id"))));
                    return views.isEmpty() ? Uni.createFrom().item(List.<DatasetView>of())
                            : Uni.join().all(views).andFailFast();
                });
    }

    /** The periods for which an area has data, oldest first. */
    public Uni<List<String>> periods(String area) {
        return pool.preparedQuery("SELECT DISTINCT period FROM dataset WHERE area = $1 ORDER BY period")
                .execute(Tuple.of(area))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("period")));
                    return out;
                });
    }

    /** A metric's value in each period, from the current versions, oldest first. */
    public record Point(String period, String datasetId, Double actual, Double target, Double defaultTarget,
            Double predicted, Double national, String missing, String evaluation) {}

    public Uni<List<Point>> series(String area, String metric) {
        Metric m = CATALOGUE.metric(metric).orElseThrow();
        return pool.preparedQuery("""
                        SELECT d.period, d.id, r.actual, r.target, r.predicted, r.national, r.missing FROM dataset d
                        JOIN dataset_row r ON r.dataset_id = d.id
                        WHERE d.area = $1 AND r.metric = $2 AND d.superseded_by IS NULL ORDER BY d.period""")
                .execute(Tuple.of(area, m.id()))
                .map(rows -> {
                    List<Point> out = new ArrayList<>();
                    for (Row r : rows) {
                        Double target = r.getDouble("target");
                        out.add(new Point(r.getString("period"), r.getString("id"), r.getDouble("actual"), target,
                                target == null ? m.target() : null, r.getDouble("predicted"), r.getDouble("national"),
                                r.getString("missing"),
                                Evaluation.of(m, r.getDouble("actual"), target, r.getDouble("predicted")).name()));
                    }
                    return out;
                });
    }

    /** Each metric's latest value before a period, from the current versions: metric to value. */
    public Uni<Map<String, Double>> latestBefore(String area, String period) {
        return pool.preparedQuery("""
                        SELECT DISTINCT ON (r.metric) r.metric, r.actual FROM dataset d
                        JOIN dataset_row r ON r.dataset_id = d.id
                        WHERE d.area = $1 AND d.period < $2 AND d.superseded_by IS NULL AND r.actual IS NOT NULL
                        ORDER BY r.metric, d.period DESC""")
                .execute(Tuple.of(area, period))
                .map(rows -> {
                    Map<String, Double> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString("metric"), r.getDouble("actual")));
                    return out;
                });
    }

    private Uni<Void> insertRows(SqlClient tx, String id, List<DatasetRow> rows) {
        int n = rows.size();
        Integer[] positions = new Integer[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return tx.preparedQuery("""
                        INSERT INTO dataset_row (dataset_id, position, metric, actual, target, national, previous, grade,
                                                 predicted, difference, significance, rating, missing)
                        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::float8[], $5::float8[], $6::float8[],
                                                 $7::float8[], $8::int[], $9::float8[], $10::float8[], $11::text[],
                                                 $12::text[], $13::text[])""")
                .execute(Tuple.tuple(Arrays.asList(id, positions,
                        rows.stream().map(DatasetRow::metric).toArray(String[]::new),
                        rows.stream().map(DatasetRow::actual).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::target).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::national).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::previous).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::grade).toArray(Integer[]::new),
                        rows.stream().map(DatasetRow::predicted).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::difference).toArray(Double[]::new),
                        rows.stream().map(DatasetRow::significance).toArray(String[]::new),
                        rows.stream().map(DatasetRow::rating).toArray(String[]::new),
                        rows.stream().map(DatasetRow::missing).toArray(String[]::new))))
                .replaceWithVoid();
    }

    /** A national figure taken from the current national dataset, and that dataset's id. */
    private record NationalFigure(Double value, String datasetId) {}

    private Uni<DatasetView> view(SqlClient c, String id) {
        return c.preparedQuery("""
                        SELECT d.*, (SELECT p.id FROM dataset p WHERE p.superseded_by = d.id) AS supersedes
                        FROM dataset d WHERE d.id = $1""")
                .execute(Tuple.of(id))
                .flatMap(ds -> {
                    Row d = ds.iterator().next();
                    return nationalFigures(c, d).flatMap(nationals -> c.preparedQuery(
                                    "SELECT * FROM dataset_row WHERE dataset_id = $1 ORDER BY position")
                            .execute(Tuple.of(id))
                            .map(rows -> view(d, rows, nationals)));
                });
    }

    /**
     * The figures of the current England and Wales dataset of the same period and framework, by metric, which an
     * area's row without a national figure of its own is compared with.
     */
    private static Uni<Map<String, NationalFigure>> nationalFigures(SqlClient c, Row d) {
        if (CATALOGUE.area(d.getString("area")).map(Area::national).orElse(false)) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("""
                        SELECT d.id, r.metric, r.actual FROM dataset d JOIN dataset_row r ON r.dataset_id = d.id
                        WHERE d.area = $1 AND d.period = $2 AND d.framework = $3 AND d.superseded_by IS NULL
                          AND r.actual IS NOT NULL""")
                .execute(Tuple.of(NATIONAL_AREA, d.getString("period"), d.getString("framework")))
                .map(rows -> {
                    Map<String, NationalFigure> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString("metric"), new NationalFigure(r.getDouble("actual"), r.getString("id"))));
                    return out;
                });
    }

    private DatasetView view(Row d, io.vertx.mutiny.sqlclient.RowSet<Row> rows, Map<String, NationalFigure> nationals) {
        List<DatasetView.RowView> out = new ArrayList<>();
        Map<String, List<Integer>> gradesByDomain = new LinkedHashMap<>();
        Map<String, String> reported = new LinkedHashMap<>();
        GradeRule gradeRule = "ippf".equals(d.getString("framework")) ? new GradeRule(outstandingMargin) : null;
        for (Row r : rows) {
            String metric = r.getString("metric");
            if (MetricCatalogue.RATING_ROWS.contains(metric)) {
                reported.put(metric, r.getString("rating"));
                continue;
            }
            Metric m = CATALOGUE.metric(metric).orElseThrow();
            DatasetView.RowView v = rowView(m, r, gradeRule, nationals.get(metric));
            out.add(v);
            // Ratings are suggested from the grades as reported, or as suggested where absent.
            Integer grade = v.grade() != null ? v.grade() : v.suggestedGrade();
            if (grade != null && m.domain() != null) {
                gradesByDomain.computeIfAbsent("ippf-domain-" + m.domain(), k -> new ArrayList<>()).add(grade);
            }
        }
        return new DatasetView(d.getString("id"), d.getString("area"), d.getString("period"),
                d.getString("framework"), d.getInteger("version"), d.getString("supersedes"),
                d.getString("superseded_by"), d.getString("loaded_by"), d.getOffsetDateTime("loaded_at"),
                out, ratings(d.getString("framework"), reported, gradesByDomain));
    }

    private Map<String, DatasetView.Rating> ratings(String framework, Map<String, String> reported,
            Map<String, List<Integer>> gradesByDomain) {
        Map<String, DatasetView.Rating> out = new LinkedHashMap<>();
        if (!"ippf".equals(framework)) {
            return out;
        }
        RatingRule rule = new RatingRule(passable, good, outstanding);
        List<String> domainRatings = new ArrayList<>();
        for (String key : MetricCatalogue.RATING_ROWS) {
            String r = reported.get(key);
            String suggested = null;
            if (r == null) {
                suggested = (key.equals(AREA_RATING) ? rule.suggestArea(domainRatings)
                        : rule.suggest(gradesByDomain.getOrDefault(key, List.of()))).orElse(null);
            }
            if (!key.equals(AREA_RATING) && (r != null || suggested != null)) {
                domainRatings.add(r != null ? r : suggested);
            }
            out.put(key, new DatasetView.Rating(r, suggested));
        }
        return out;
    }

    /**
     * A row evaluated; with a grade rule (IPPF), a suggested grade where none was reported. A row without a
     * national figure of its own is compared with the national dataset's, where one is loaded.
     */
    private static DatasetView.RowView rowView(Metric m, Row r, GradeRule gradeRule, NationalFigure fromDataset) {
        Double actual = r.getDouble("actual");
        Double target = r.getDouble("target");
        Double predicted = r.getDouble("predicted");
        Double national = r.getDouble("national");
        String nationalFrom = null;
        if (national == null && fromDataset != null) {
            national = fromDataset.value();
            nationalFrom = fromDataset.datasetId();
        }
        Evaluation e = Evaluation.of(m, actual, target, predicted);
        String vsNational = null;
        if (actual != null && national != null && m.direction() != null) {
            boolean better = m.direction() == Metric.Direction.HIGHER ? actual > national : actual < national;
            vsNational = actual.equals(national) ? "same" : better ? "better" : "worse";
        }
        Integer grade = r.getInteger("grade");
        Integer suggestedGrade = grade != null || gradeRule == null ? null
                : gradeRule.suggest(m, actual, target).orElse(null);
        return new DatasetView.RowView(m.id(), m.name(), m.domain(), m.unit().name().toLowerCase().replace('_', '-'),
                m.direction() == null ? null : m.direction().name().toLowerCase(),
                actual, target, target == null ? m.target() : null, national, nationalFrom, r.getDouble("previous"),
                grade, suggestedGrade, predicted, r.getDouble("difference"), r.getString("significance"),
                r.getString("missing"), e.name(), e.asterisk(), vsNational);
    }

    private static PerformanceDatasetLoaded event(DatasetView v) {
        List<PerformanceDatasetLoaded.Row> rows = new ArrayList<>();
        for (DatasetView.RowView r : v.rows()) {
            // Values as reported: a national figure borrowed from the national dataset is the view's, not the row's.
            rows.add(new PerformanceDatasetLoaded.Row(r.metric(), r.name(), r.domain(), r.actual(), r.target(),
                    r.nationalFrom() == null ? r.national() : null, r.previous(), r.grade(), r.predicted(),
                    r.difference(), r.significance(), null, r.missing(), r.evaluation(), r.defaultTarget()));
        }
        v.ratings().forEach((k, rating) -> {
            if (rating.reported() != null) {
                rows.add(new PerformanceDatasetLoaded.Row(k, null, null, null, null, null, null, null, null, null, null,
                        rating.reported(), null, Evaluation.NOT_ASSESSED.name()));
            }
        });
        return new PerformanceDatasetLoaded(v.id(), v.area(), v.period(), v.framework(), v.version(), v.supersedes(), rows);
    }

    /** Rows by metric id (names resolved to ids), in the order given. */
    private static List<DatasetRow> normalise(List<DatasetRow> rows) {
        List<DatasetRow> out = new ArrayList<>();
        for (DatasetRow r : rows) {
            String id = MetricCatalogue.RATING_ROWS.contains(r.metric()) ? r.metric()
                    : CATALOGUE.metric(r.metric()).orElseThrow().id();
            out.add(new DatasetRow(id, r.actual(), r.target(), r.national(), r.previous(), r.grade(), r.predicted(),
                    r.difference(), r.significance(), r.rating(), r.missing()));
        }
        return out;
    }

    /** Of the rows in metric order: the same content, however ordered, hashes equally. */
    private static String hash(List<DatasetRow> rows) {
        try {
            List<DatasetRow> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(DatasetRow::metric));
            byte[] json = EventJson.mapper().writeValueAsBytes(sorted);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
