package dev.inspectorate.scoring.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.InvalidEventException;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.Projection;
import dev.inspectorate.messaging.StreamAppend;
import dev.inspectorate.scoring.domain.Count;
import dev.inspectorate.scoring.domain.ScoringEngine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps, per inspection and question, the count of applicable and sufficient judgements, and publishes
 * {@code scores.changed} whenever a figure changes. A batch of events is applied in memory over the state it
 * touches, then written back with one statement per table, so replaying a topic is fast.
 */
@ApplicationScoped
public class ScoringProjection implements Projection {

    @ConfigProperty(name = "scoring.projection-name", defaultValue = "scoring-v1")
    String name;

    @Inject
    EventLog eventLog;

    @Override
    public String name() {
        return name;
    }

    record InspectionRow(String id, String area, Framework framework, int catalogueVersion) {}

    record CaseKey(String inspectionId, String caseId) {}

    record JudgementKey(String inspectionId, String caseId, String questionId) {}

    record CountKey(String inspectionId, String questionId) {}

    /** A change to a question's count; negative when a judgement is revised away or withdrawn. */
    record Delta(int sufficient, int applicable) {
        static final Delta NONE = new Delta(0, 0);

        /** What one answer adds to its question's count; nothing for no answer. */
        static Delta of(Answer a) {
            if (a == null) {
                return NONE;
            }
            return switch (a) {
                case SUFFICIENT -> new Delta(1, 1);
                case INSUFFICIENT -> new Delta(0, 1);
                case NOT_APPLICABLE -> NONE;
            };
        }

        Delta plus(Delta d) {
            return new Delta(sufficient + d.sufficient, applicable + d.applicable);
        }

        Delta minus(Delta d) {
            return new Delta(sufficient - d.sufficient, applicable - d.applicable);
        }
    }

    /** The state a batch touches, loaded once and written back once. */
    private static final class Batch {
        final Map<String, InspectionRow> inspections = new HashMap<>();
        final List<InspectionRow> newInspections = new ArrayList<>();
        final Map<CaseKey, Boolean> withdrawn = new HashMap<>();
        final Map<CaseKey, String> newCases = new LinkedHashMap<>();
        final Map<JudgementKey, Answer> answers = new HashMap<>();
        final Map<JudgementKey, Answer> changedAnswers = new LinkedHashMap<>();
        final Map<CountKey, Delta> deltas = new LinkedHashMap<>();
        final Map<String, Instant> touched = new LinkedHashMap<>();
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        List<Object> payloads = new ArrayList<>(events.size());
        for (CloudEvent e : events) {
            payloads.add(decode(e));
        }
        Batch batch = new Batch();
        return load(tx, payloads, batch)
                .invoke(() -> {
                    for (int i = 0; i < events.size(); i++) {
                        applyInMemory(batch, events.get(i), payloads.get(i));
                    }
                })
                .flatMap(x -> write(tx, batch))
                .flatMap(x -> Multi.createFrom().iterable(batch.touched.entrySet())
                        .onItem().transformToUniAndConcatenate(t -> publishIfChanged(tx, batch.inspections.get(t.getKey()), t.getValue()))
                        .collect().last())
                .replaceWithVoid();
    }

    private static Object decode(CloudEvent e) {
        return EventType.ofCeType(e.type())
                .<Object>map(t -> switch (t) {
                    case INSPECTION_OPENED -> EventJson.decode(e, InspectionOpened.class);
                    case CASE_SAMPLED -> EventJson.decode(e, CaseSampled.class);
                    case JUDGEMENT_RECORDED -> EventJson.decode(e, JudgementRecorded.class);
                    default -> null;
                })
                .orElse(null);
    }

    private Uni<Void> load(SqlConnection tx, List<Object> payloads, Batch batch) {
        Set<String> inspectionIds = new LinkedHashSet<>();
        Set<CaseKey> caseKeys = new LinkedHashSet<>();
        Set<JudgementKey> judgementKeys = new LinkedHashSet<>();
        for (Object p : payloads) {
            if (p instanceof CaseSampled s) {
                inspectionIds.add(s.inspectionId());
            } else if (p instanceof JudgementRecorded j) {
                inspectionIds.add(j.inspectionId());
                caseKeys.add(new CaseKey(j.inspectionId(), j.caseId()));
                judgementKeys.add(new JudgementKey(j.inspectionId(), j.caseId(), j.questionId()));
            }
        }
        Uni<Void> inspections = inspectionIds.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("SELECT id, area, framework, catalogue_version FROM inspection WHERE id = ANY($1)")
                        .execute(Tuple.of(inspectionIds.toArray(String[]::new)))
                        .invoke(rows -> rows.forEach(r -> batch.inspections.put(r.getString("id"), new InspectionRow(
                                r.getString("id"), r.getString("area"), Framework.fromId(r.getString("framework")),
                                r.getInteger("catalogue_version")))))
                        .replaceWithVoid();
        Uni<Void> cases = caseKeys.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("""
                                SELECT inspection_id, case_id, withdrawn FROM sampled_case
                                WHERE (inspection_id, case_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))""")
                        .execute(Tuple.of(caseKeys.stream().map(CaseKey::inspectionId).toArray(String[]::new),
                                caseKeys.stream().map(CaseKey::caseId).toArray(String[]::new)))
                        .invoke(rows -> rows.forEach(r -> batch.withdrawn.put(
                                new CaseKey(r.getString("inspection_id"), r.getString("case_id")), r.getBoolean("withdrawn"))))
                        .replaceWithVoid();
        Uni<Void> judgements = judgementKeys.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("""
                                SELECT inspection_id, case_id, question_id, answer FROM judgement
                                WHERE (inspection_id, case_id, question_id) IN
                                      (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))""")
                        .execute(Tuple.of(judgementKeys.stream().map(JudgementKey::inspectionId).toArray(String[]::new),
                                judgementKeys.stream().map(JudgementKey::caseId).toArray(String[]::new),
                                judgementKeys.stream().map(JudgementKey::questionId).toArray(String[]::new)))
                        .invoke(rows -> rows.forEach(r -> batch.answers.put(new JudgementKey(r.getString("inspection_id"),
                                r.getString("case_id"), r.getString("question_id")), Answer.valueOf(r.getString("answer")))))
                        .replaceWithVoid();
        return inspections.flatMap(x -> cases).flatMap(x -> judgements);
    }

    private static void applyInMemory(Batch b, CloudEvent event, Object payload) {
        if (payload instanceof InspectionOpened o) {
            if (!b.inspections.containsKey(o.inspectionId())) {
                InspectionRow row = new InspectionRow(o.inspectionId(), o.area(), o.framework(), o.catalogueVersion());
                b.inspections.put(o.inspectionId(), row);
                b.newInspections.add(row);
            }
        } else if (payload instanceof CaseSampled s) {
            requireInspection(b, s.inspectionId());
            CaseKey key = new CaseKey(s.inspectionId(), s.caseId());
            if (!b.withdrawn.containsKey(key)) {
                b.withdrawn.put(key, false);
                b.newCases.put(key, new String(EventJson.encode(s.characteristics()), StandardCharsets.UTF_8));
            }
        } else if (payload instanceof JudgementRecorded j) {
            InspectionRow inspection = requireInspection(b, j.inspectionId());
            Catalogue catalogue = Catalogues.of(inspection.framework());
            if (catalogue.question(j.questionId()).isEmpty()) {
                throw new InvalidEventException("question " + j.questionId() + " is not in the "
                        + inspection.framework().id() + " catalogue");
            }
            CaseKey caseKey = new CaseKey(j.inspectionId(), j.caseId());
            Boolean withdrawn = b.withdrawn.get(caseKey);
            if (withdrawn == null) {
                throw new InvalidEventException("case " + j.caseId() + " was never sampled in " + j.inspectionId());
            }
            JudgementKey key = new JudgementKey(j.inspectionId(), j.caseId(), j.questionId());
            Answer previous = b.answers.put(key, j.answer());
            b.changedAnswers.put(key, j.answer());
            if (!withdrawn) {
                CountKey countKey = new CountKey(j.inspectionId(), j.questionId());
                b.deltas.merge(countKey, Delta.of(j.answer()).minus(Delta.of(previous)), Delta::plus);
            }
            b.touched.put(j.inspectionId(), event.time().toInstant());
        }
    }

    private static InspectionRow requireInspection(Batch b, String inspectionId) {
        InspectionRow row = b.inspections.get(inspectionId);
        if (row == null) {
            throw new InvalidEventException("inspection " + inspectionId + " was never opened");
        }
        return row;
    }

    private Uni<Void> write(SqlConnection tx, Batch b) {
        Uni<Void> u = Uni.createFrom().voidItem();
        if (!b.newInspections.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO inspection (id, area, framework, catalogue_version)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (id) DO NOTHING""")
                    .execute(Tuple.of(b.newInspections.stream().map(InspectionRow::id).toArray(String[]::new),
                            b.newInspections.stream().map(InspectionRow::area).toArray(String[]::new),
                            b.newInspections.stream().map(r -> r.framework().id()).toArray(String[]::new),
                            b.newInspections.stream().map(InspectionRow::catalogueVersion).toArray(Integer[]::new)))
                    .replaceWithVoid());
        }
        if (!b.newCases.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO sampled_case (inspection_id, case_id, characteristics)
                            SELECT i, c, ch::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS u(i, c, ch)
                            ON CONFLICT (inspection_id, case_id) DO NOTHING""")
                    .execute(Tuple.of(b.newCases.keySet().stream().map(CaseKey::inspectionId).toArray(String[]::new),
                            b.newCases.keySet().stream().map(CaseKey::caseId).toArray(String[]::new),
                            b.newCases.values().toArray(String[]::new)))
                    .replaceWithVoid());
        }
        if (!b.changedAnswers.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO judgement (inspection_id, case_id, question_id, answer)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                            ON CONFLICT (inspection_id, case_id, question_id) DO UPDATE SET answer = EXCLUDED.answer""")
                    .execute(Tuple.of(b.changedAnswers.keySet().stream().map(JudgementKey::inspectionId).toArray(String[]::new),
                            b.changedAnswers.keySet().stream().map(JudgementKey::caseId).toArray(String[]::new),
                            b.changedAnswers.keySet().stream().map(JudgementKey::questionId).toArray(String[]::new),
                            b.changedAnswers.values().stream().map(Answer::name).toArray(String[]::new)))
                    .replaceWithVoid());
        }
        if (!b.deltas.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO question_count (inspection_id, question_id, sufficient, applicable)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])
                            ON CONFLICT (inspection_id, question_id) DO UPDATE
                            SET sufficient = question_count.sufficient + EXCLUDED.sufficient,
                                applicable = question_count.applicable + EXCLUDED.applicable""")
                    .execute(Tuple.of(b.deltas.keySet().stream().map(CountKey::inspectionId).toArray(String[]::new),
                            b.deltas.keySet().stream().map(CountKey::questionId).toArray(String[]::new),
                            b.deltas.values().stream().map(Delta::sufficient).toArray(Integer[]::new),
                            b.deltas.values().stream().map(Delta::applicable).toArray(Integer[]::new)))
                    .replaceWithVoid());
        }
        return u;
    }

    /** Recomputes an inspection's scores and, if any figure moved, records a revision and publishes it. */
    private Uni<Void> publishIfChanged(SqlConnection tx, InspectionRow inspection, Instant asAt) {
        Uni<Map<String, Count>> counts = tx.preparedQuery(
                        "SELECT question_id, sufficient, applicable FROM question_count WHERE inspection_id = $1")
                .execute(Tuple.of(inspection.id()))
                .map(rows -> {
                    Map<String, Count> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getString("question_id"),
                            new Count(r.getInteger("sufficient"), r.getInteger("applicable"))));
                    return m;
                });
        Uni<Revision> last = tx.preparedQuery("""
                        SELECT revision, scores::text AS scores FROM score_revision
                        WHERE inspection_id = $1 ORDER BY revision DESC LIMIT 1""")
                .execute(Tuple.of(inspection.id()))
                .map(rows -> rows.size() == 0 ? new Revision(0, null)
                        : new Revision(rows.iterator().next().getLong("revision"),
                                parse(rows.iterator().next().getString("scores"))));
        return counts.flatMap(c -> last.flatMap(previous -> {
            Catalogue catalogue = Catalogues.of(inspection.framework());
            ScoresChanged now = ScoresPayload.of(inspection.id(), inspection.framework(), inspection.catalogueVersion(),
                    asAt, ScoringEngine.score(catalogue, c));
            if (previous.scores() != null && ScoresPayload.sameFigures(previous.scores(), now)) {
                return Uni.createFrom().voidItem();
            }
            long revision = previous.revision() + 1;
            return tx.preparedQuery("INSERT INTO score_revision (inspection_id, revision, computed_at, scores) VALUES ($1, $2, $3, $4::text::jsonb)")
                    .execute(Tuple.of(inspection.id(), revision, asAt.atOffset(java.time.ZoneOffset.UTC),
                            new String(EventJson.encode(now), StandardCharsets.UTF_8)))
                    .flatMap(x -> eventLog.append(tx, new StreamAppend("scores-" + inspection.id(), previous.revision(),
                            inspection.id(), List.of(now), Map.of("actor", name))))
                    .replaceWithVoid();
        }));
    }

    private record Revision(long revision, ScoresChanged scores) {}

    private static ScoresChanged parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ScoresChanged.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
