package dev.inspectorate.scoring.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.InvalidEventException;
import dev.inspectorate.events.payload.CaseAssessmentReopened;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps, per inspection and question, the count of applicable and sufficient judgements (adjusted on revision,
 * moderation and withdrawal) and publishes {@code scores.changed} whenever a figure changes. A batch of events is
 * applied in memory over the state it touches, then written back with one statement per table, so replaying a
 * topic is fast. Each batch makes at most one revision per inspection; the figures as at an instant between two
 * events of a batch come from case_history ({@link ScoresAsOf}).
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

    record JudgementKey(String inspectionId, String caseId, String questionId) {
        CaseKey caseKey() {
            return new CaseKey(inspectionId, caseId);
        }
    }

    record CountKey(String inspectionId, String questionId) {}

    /** A sampled case as scoring sees it. {@code characteristics} is set only for a case new in this batch. */
    static final class CaseState {
        boolean withdrawn;
        boolean submitted;
        String characteristics;
        boolean changed;
    }

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
        final Map<CaseKey, CaseState> cases = new HashMap<>();
        final Map<JudgementKey, Answer> answers = new HashMap<>();
        final Map<JudgementKey, Answer> changedAnswers = new LinkedHashMap<>();
        final Map<CountKey, Delta> deltas = new LinkedHashMap<>();
        /** Per inspection touched, the latest event time: the time its new revision is stamped with. */
        final Map<String, Instant> touched = new LinkedHashMap<>();
        final List<Change> history = new ArrayList<>();
    }

    /** A row of case_history: one applied case event, with its time, for the figures as at any instant. */
    record Change(String inspectionId, String caseId, long sequence, Instant at, String questionId, String change) {}

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        List<Record> payloads = new ArrayList<>(events.size());
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
                        .onItem().transformToUniAndConcatenate(t ->
                                publishIfChanged(tx, batch.inspections.get(t.getKey()), t.getValue()))
                        .collect().last())
                .replaceWithVoid();
    }

    /** The payload of an event scoring uses; null for the others, which it acknowledges and skips. */
    private static Record decode(CloudEvent e) {
        return EventType.ofCeType(e.type())
                .<Record>map(t -> switch (t) {
                    case INSPECTION_OPENED, CASE_SAMPLED, JUDGEMENT_RECORDED, JUDGEMENT_MODERATED, CASE_WITHDRAWN,
                            CASE_ASSESSMENT_SUBMITTED, CASE_ASSESSMENT_REOPENED -> EventJson.decode(e, t.payload());
                    default -> null;
                })
                .orElse(null);
    }

    private static String inspectionOf(Record p) {
        if (p instanceof CaseSampled s) {
            return s.inspectionId();
        } else if (p instanceof JudgementRecorded j) {
            return j.inspectionId();
        } else if (p instanceof JudgementModerated m) {
            return m.inspectionId();
        } else if (p instanceof CaseWithdrawn w) {
            return w.inspectionId();
        } else if (p instanceof CaseAssessmentSubmitted s) {
            return s.inspectionId();
        } else if (p instanceof CaseAssessmentReopened r) {
            return r.inspectionId();
        }
        return null;
    }

    private static String caseOf(Record p) {
        if (p instanceof JudgementRecorded j) {
            return j.caseId();
        } else if (p instanceof JudgementModerated m) {
            return m.caseId();
        } else if (p instanceof CaseWithdrawn w) {
            return w.caseId();
        } else if (p instanceof CaseAssessmentSubmitted s) {
            return s.caseId();
        } else if (p instanceof CaseAssessmentReopened r) {
            return r.caseId();
        }
        return null;
    }

    private Uni<Void> load(SqlConnection tx, List<Record> payloads, Batch batch) {
        Set<String> inspectionIds = new LinkedHashSet<>();
        Set<CaseKey> caseKeys = new LinkedHashSet<>();
        Set<JudgementKey> judgementKeys = new LinkedHashSet<>();
        Set<CaseKey> withdrawals = new LinkedHashSet<>();
        for (Record p : payloads) {
            String inspection = inspectionOf(p);
            if (inspection == null) {
                continue;
            }
            inspectionIds.add(inspection);
            String caseId = caseOf(p);
            if (caseId != null) {
                caseKeys.add(new CaseKey(inspection, caseId));
            }
            if (p instanceof JudgementRecorded j) {
                judgementKeys.add(new JudgementKey(inspection, j.caseId(), j.questionId()));
            } else if (p instanceof JudgementModerated m) {
                judgementKeys.add(new JudgementKey(inspection, m.caseId(), m.questionId()));
            } else if (p instanceof CaseWithdrawn w) {
                withdrawals.add(new CaseKey(inspection, w.caseId()));
            }
        }
        Uni<Void> u = Uni.createFrom().voidItem();
        if (!inspectionIds.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("SELECT id, area, framework, catalogue_version FROM inspection WHERE id = ANY($1)")
                    .execute(Tuple.of(inspectionIds.toArray(String[]::new)))
                    .invoke(rows -> rows.forEach(r -> batch.inspections.put(r.getString("id"), new InspectionRow(
                            r.getString("id"), r.getString("area"), Framework.fromId(r.getString("framework")),
                            r.getInteger("catalogue_version")))))
                    .replaceWithVoid());
        }
        if (!caseKeys.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            SELECT inspection_id, case_id, withdrawn, submitted FROM sampled_case
                            WHERE (inspection_id, case_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))""")
                    .execute(Tuple.of(caseKeys.stream().map(CaseKey::inspectionId).toArray(String[]::new),
                            caseKeys.stream().map(CaseKey::caseId).toArray(String[]::new)))
                    .invoke(rows -> rows.forEach(r -> {
                        CaseState c = new CaseState();
                        c.withdrawn = r.getBoolean("withdrawn");
                        c.submitted = r.getBoolean("submitted");
                        batch.cases.put(new CaseKey(r.getString("inspection_id"), r.getString("case_id")), c);
                    }))
                    .replaceWithVoid());
        }
        if (!judgementKeys.isEmpty() || !withdrawals.isEmpty()) {
            // The judgements a batch revises, and every judgement of a case it withdraws.
            u = u.flatMap(x -> tx.preparedQuery("""
                            SELECT inspection_id, case_id, question_id, answer FROM judgement
                            WHERE (inspection_id, case_id, question_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
                               OR (inspection_id, case_id) IN (SELECT * FROM unnest($4::text[], $5::text[]))""")
                    .execute(Tuple.of(judgementKeys.stream().map(JudgementKey::inspectionId).toArray(String[]::new),
                            judgementKeys.stream().map(JudgementKey::caseId).toArray(String[]::new),
                            judgementKeys.stream().map(JudgementKey::questionId).toArray(String[]::new),
                            withdrawals.stream().map(CaseKey::inspectionId).toArray(String[]::new),
                            withdrawals.stream().map(CaseKey::caseId).toArray(String[]::new)))
                    .invoke(rows -> rows.forEach(r -> batch.answers.put(new JudgementKey(r.getString("inspection_id"),
                            r.getString("case_id"), r.getString("question_id")), Answer.valueOf(r.getString("answer")))))
                    .replaceWithVoid());
        }
        return u;
    }

    private static void applyInMemory(Batch b, CloudEvent event, Record payload) {
        if (payload == null) {
            return;
        }
        if (payload instanceof InspectionOpened o) {
            if (!b.inspections.containsKey(o.inspectionId())) {
                InspectionRow row = new InspectionRow(o.inspectionId(), o.area(), o.framework(), o.catalogueVersion());
                b.inspections.put(o.inspectionId(), row);
                b.newInspections.add(row);
            }
            return;
        }
        String inspectionId = inspectionOf(payload);
        InspectionRow inspection = b.inspections.get(inspectionId);
        if (inspection == null) {
            throw new InvalidEventException("inspection " + inspectionId + " was never opened");
        }
        Instant at = event.time().toInstant();
        b.touched.merge(inspectionId, at, (x, y) -> x.isAfter(y) ? x : y);
        if (payload instanceof CaseSampled s) {
            CaseKey key = new CaseKey(s.inspectionId(), s.caseId());
            b.history.add(new Change(inspectionId, s.caseId(), event.sequence(), at, null, "SAMPLED"));
            if (!b.cases.containsKey(key)) {
                CaseState c = new CaseState();
                c.characteristics = new String(EventJson.encode(s.characteristics()), StandardCharsets.UTF_8);
                c.changed = true;
                b.cases.put(key, c);
            }
            return;
        }
        CaseKey caseKey = new CaseKey(inspectionId, caseOf(payload));
        CaseState c = b.cases.get(caseKey);
        if (c == null) {
            throw new InvalidEventException("case " + caseKey.caseId() + " was never sampled in " + inspectionId);
        }
        String questionId = null;
        String change;
        if (payload instanceof JudgementRecorded j) {
            answer(b, inspection, c, new JudgementKey(inspectionId, j.caseId(), j.questionId()), j.answer());
            questionId = j.questionId();
            change = j.answer().name();
        } else if (payload instanceof JudgementModerated m) {
            answer(b, inspection, c, new JudgementKey(inspectionId, m.caseId(), m.questionId()), m.answer());
            questionId = m.questionId();
            change = m.answer().name();
        } else if (payload instanceof CaseWithdrawn) {
            if (!c.withdrawn) {
                for (var a : b.answers.entrySet()) {
                    if (a.getKey().caseKey().equals(caseKey)) {
                        b.deltas.merge(new CountKey(inspectionId, a.getKey().questionId()),
                                Delta.NONE.minus(Delta.of(a.getValue())), Delta::plus);
                    }
                }
                c.withdrawn = true;
                c.changed = true;
            }
            change = "WITHDRAWN";
        } else if (payload instanceof CaseAssessmentSubmitted) {
            c.submitted = true;
            c.changed = true;
            change = "SUBMITTED";
        } else if (payload instanceof CaseAssessmentReopened) {
            c.submitted = false;
            c.changed = true;
            change = "REOPENED";
        } else {
            return;
        }
        b.history.add(new Change(inspectionId, caseKey.caseId(), event.sequence(), at, questionId, change));
    }

    /** The answer that now counts for a case and question, replacing the previous one in the count. */
    private static void answer(Batch b, InspectionRow inspection, CaseState c, JudgementKey key, Answer answer) {
        Catalogue catalogue = Catalogues.of(inspection.framework());
        if (catalogue.question(key.questionId()).isEmpty()) {
            throw new InvalidEventException("question " + key.questionId() + " is not in the "
                    + inspection.framework().id() + " catalogue");
        }
        Answer previous = b.answers.put(key, answer);
        b.changedAnswers.put(key, answer);
        if (!c.withdrawn) {
            b.deltas.merge(new CountKey(key.inspectionId(), key.questionId()),
                    Delta.of(answer).minus(Delta.of(previous)), Delta::plus);
        }
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
        List<Map.Entry<CaseKey, CaseState>> cases = b.cases.entrySet().stream().filter(e -> e.getValue().changed).toList();
        if (!cases.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO sampled_case (inspection_id, case_id, characteristics, withdrawn, submitted)
                            SELECT i, c, coalesce(ch, '{}')::jsonb, w, s
                            FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::boolean[]) AS u(i, c, ch, w, s)
                            ON CONFLICT (inspection_id, case_id) DO UPDATE
                            SET withdrawn = EXCLUDED.withdrawn, submitted = EXCLUDED.submitted""")
                    .execute(Tuple.of(cases.stream().map(e -> e.getKey().inspectionId()).toArray(String[]::new),
                            cases.stream().map(e -> e.getKey().caseId()).toArray(String[]::new),
                            cases.stream().map(e -> e.getValue().characteristics).toArray(String[]::new),
                            cases.stream().map(e -> e.getValue().withdrawn).toArray(Boolean[]::new),
                            cases.stream().map(e -> e.getValue().submitted).toArray(Boolean[]::new)))
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
        if (!b.history.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO case_history (inspection_id, case_id, sequence, at, question_id, change)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[])""")
                    .execute(Tuple.of(b.history.stream().map(Change::inspectionId).toArray(String[]::new),
                            b.history.stream().map(Change::caseId).toArray(String[]::new),
                            b.history.stream().map(Change::sequence).toArray(Long[]::new),
                            b.history.stream().map(h -> h.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                            b.history.stream().map(Change::questionId).toArray(String[]::new),
                            b.history.stream().map(Change::change).toArray(String[]::new)))
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
        Uni<ScoresChanged.Sample> sample = tx.preparedQuery("""
                        SELECT count(*) FILTER (WHERE NOT withdrawn) AS cases,
                               count(*) FILTER (WHERE submitted AND NOT withdrawn) AS submitted,
                               count(*) FILTER (WHERE withdrawn) AS withdrawn
                        FROM sampled_case WHERE inspection_id = $1""")
                .execute(Tuple.of(inspection.id()))
                .map(rows -> {
                    var r = rows.iterator().next();
                    return new ScoresChanged.Sample(r.getInteger("cases"), r.getInteger("submitted"), r.getInteger("withdrawn"));
                });
        Uni<Revision> last = tx.preparedQuery("""
                        SELECT revision, scores::text AS scores FROM score_revision
                        WHERE inspection_id = $1 ORDER BY revision DESC LIMIT 1""")
                .execute(Tuple.of(inspection.id()))
                .map(rows -> rows.size() == 0 ? new Revision(0, null)
                        : new Revision(rows.iterator().next().getLong("revision"),
                                parse(rows.iterator().next().getString("scores"))));
        return counts.flatMap(c -> sample.flatMap(s -> last.flatMap(previous -> {
            Catalogue catalogue = Catalogues.of(inspection.framework());
            ScoresChanged now = ScoresPayload.of(inspection.id(), inspection.framework(), inspection.catalogueVersion(),
                    asAt, ScoringEngine.score(catalogue, c), s);
            if (previous.scores() != null && ScoresPayload.sameFigures(previous.scores(), now)) {
                return Uni.createFrom().voidItem();
            }
            long revision = previous.revision() + 1;
            return tx.preparedQuery("INSERT INTO score_revision (inspection_id, revision, computed_at, scores) VALUES ($1, $2, $3, $4::text::jsonb)")
                    .execute(Tuple.of(inspection.id(), revision, asAt.atOffset(ZoneOffset.UTC),
                            new String(EventJson.encode(now), StandardCharsets.UTF_8)))
                    .flatMap(x -> eventLog.append(tx, new StreamAppend("scores-" + inspection.id(), previous.revision(),
                            inspection.id(), List.of(now), Map.of("actor", name))))
                    .replaceWithVoid();
        })));
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
