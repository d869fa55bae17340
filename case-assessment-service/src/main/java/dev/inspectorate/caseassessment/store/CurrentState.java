package dev.inspectorate.caseassessment.store;

import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.CaseAssessmentReopened;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseAssigned;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionClosed;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.TeamMemberRemoved;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.messaging.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current-state tables, kept by applying each appended event in the same transaction. Set-based where a
 * command appends many events (a sample import, a batch of judgements).
 */
final class CurrentState {
    private record CaseKey(String inspectionId, String caseId) {}

    private CurrentState() {}

    static Uni<Void> apply(SqlConnection tx, List<Record> payloads, List<StoredEvent> stored, String actor) {
        List<Uni<?>> steps = new ArrayList<>();
        List<CaseSampled> sampled = new ArrayList<>();
        List<JudgementRecorded> judged = new ArrayList<>();
        List<OffsetDateTime> judgedAt = new ArrayList<>();
        Map<CaseKey, Long> caseVersions = new LinkedHashMap<>();
        Map<String, Long> inspectionVersions = new LinkedHashMap<>();
        for (int i = 0; i < payloads.size(); i++) {
            Record p = payloads.get(i);
            StoredEvent e = stored.get(i);
            OffsetDateTime at = e.recordedAt();
            if (e.streamId().startsWith("case-")) {
                caseVersions.put(new CaseKey(e.inspectionId(), Streams.caseIdOf(e.streamId(), e.inspectionId())), e.streamVersion());
            } else {
                inspectionVersions.put(e.inspectionId(), e.streamVersion());
            }
            if (p instanceof CaseSampled s) {
                sampled.add(s);
            } else if (p instanceof JudgementRecorded j) {
                judged.add(j);
                judgedAt.add(at);
            } else {
                steps.add(single(tx, p, at, e.streamVersion(), actor));
            }
        }
        Uni<Void> u = Uni.createFrom().voidItem();
        for (Uni<?> step : steps) {
            u = u.flatMap(x -> step.replaceWithVoid());
        }
        if (!sampled.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO sampled_case (inspection_id, case_id, characteristics, status, version, sampled_at)
                            SELECT i, c, ch::jsonb, $4, 1, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(i, c, ch)""")
                    .execute(Tuple.of(
                            sampled.stream().map(CaseSampled::inspectionId).toArray(String[]::new),
                            sampled.stream().map(CaseSampled::caseId).toArray(String[]::new),
                            sampled.stream().map(s -> new String(EventJson.encode(s.characteristics()), StandardCharsets.UTF_8))
                                    .toArray(String[]::new),
                            CaseStatus.IN_PROGRESS.name(), stored.get(0).recordedAt()))
                    .replaceWithVoid());
        }
        if (!judged.isEmpty()) {
            // A revision replaces the answer and clears any earlier moderation of it (only a lead may revise a
            // moderated judgement: Rules.judge).
            u = u.flatMap(x -> tx.preparedQuery("""
                            INSERT INTO judgement (inspection_id, case_id, question_id, answer, note, assessor, recorded_at)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
                            ON CONFLICT (inspection_id, case_id, question_id) DO UPDATE
                            SET answer = EXCLUDED.answer, note = EXCLUDED.note, assessor = EXCLUDED.assessor,
                                recorded_at = EXCLUDED.recorded_at, moderated_by = NULL, moderation_reason = NULL""")
                    .execute(Tuple.tuple(List.of(
                            judged.stream().map(JudgementRecorded::inspectionId).toArray(String[]::new),
                            judged.stream().map(JudgementRecorded::caseId).toArray(String[]::new),
                            judged.stream().map(JudgementRecorded::questionId).toArray(String[]::new),
                            judged.stream().map(j -> j.answer().name()).toArray(String[]::new),
                            judged.stream().map(JudgementRecorded::note).toArray(String[]::new),
                            judged.stream().map(JudgementRecorded::assessor).toArray(String[]::new),
                            judgedAt.toArray(OffsetDateTime[]::new))))
                    .replaceWithVoid());
        }
        if (!caseVersions.isEmpty()) {
            u = u.flatMap(x -> tx.preparedQuery("""
                            UPDATE sampled_case c SET version = u.v
                            FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(i, k, v)
                            WHERE c.inspection_id = u.i AND c.case_id = u.k""")
                    .execute(Tuple.of(caseVersions.keySet().stream().map(CaseKey::inspectionId).toArray(String[]::new),
                            caseVersions.keySet().stream().map(CaseKey::caseId).toArray(String[]::new),
                            caseVersions.values().toArray(Long[]::new)))
                    .replaceWithVoid());
        }
        for (var v : inspectionVersions.entrySet()) {
            u = u.flatMap(x -> tx.preparedQuery("UPDATE inspection SET version = $2 WHERE id = $1")
                    .execute(Tuple.of(v.getKey(), v.getValue())).replaceWithVoid());
        }
        return u;
    }

    private static Uni<?> single(SqlConnection tx, Record p, OffsetDateTime at, long version, String actor) {
        if (p instanceof InspectionOpened o) {
            return tx.preparedQuery("""
                            INSERT INTO inspection (id, area, framework, catalogue_version, title, fieldwork_start,
                                                    fieldwork_end, status, version, opened_by, opened_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                    .execute(Tuple.from(List.of(o.inspectionId(), o.area(), o.framework().id(), o.catalogueVersion(),
                            o.title(), o.fieldworkStart(), o.fieldworkEnd(), InspectionStatus.OPEN.name(), version,
                            actor, at)));
        } else if (p instanceof TeamMemberSet t) {
            return tx.preparedQuery("""
                            INSERT INTO team_member (inspection_id, user_name, role) VALUES ($1, $2, $3)
                            ON CONFLICT (inspection_id, user_name) DO UPDATE SET role = EXCLUDED.role""")
                    .execute(Tuple.of(t.inspectionId(), t.user(), t.role()));
        } else if (p instanceof TeamMemberRemoved t) {
            return tx.preparedQuery("DELETE FROM team_member WHERE inspection_id = $1 AND user_name = $2")
                    .execute(Tuple.of(t.inspectionId(), t.user()));
        } else if (p instanceof InspectionClosed c) {
            return tx.preparedQuery("UPDATE inspection SET status = $2, closed_at = $3 WHERE id = $1")
                    .execute(Tuple.of(c.inspectionId(), InspectionStatus.CLOSED.name(), at));
        } else if (p instanceof GradeRecorded g) {
            return tx.preparedQuery("""
                            INSERT INTO grade (inspection_id, criterion_id, grade, graded_by, graded_at) VALUES ($1, $2, $3, $4, $5)
                            ON CONFLICT (inspection_id, criterion_id) DO UPDATE
                            SET grade = EXCLUDED.grade, graded_by = EXCLUDED.graded_by, graded_at = EXCLUDED.graded_at""")
                    .execute(Tuple.of(g.inspectionId(), g.criterionId(), g.grade(), g.gradedBy(), at));
        } else if (p instanceof ConclusionRecorded c) {
            return tx.preparedQuery("""
                            INSERT INTO conclusion (inspection_id, criterion_id, conclusion, recorded_by, recorded_at)
                            VALUES ($1, $2, $3, $4, $5)
                            ON CONFLICT (inspection_id, criterion_id) DO UPDATE
                            SET conclusion = EXCLUDED.conclusion, recorded_by = EXCLUDED.recorded_by,
                                recorded_at = EXCLUDED.recorded_at""")
                    .execute(Tuple.of(c.inspectionId(), c.criterionId(), c.conclusion(), c.recordedBy(), at));
        } else if (p instanceof CaseAssigned a) {
            return tx.preparedQuery("UPDATE sampled_case SET assignee = $3 WHERE inspection_id = $1 AND case_id = $2")
                    .execute(Tuple.of(a.inspectionId(), a.caseId(), a.assignee()));
        } else if (p instanceof JudgementModerated m) {
            return tx.preparedQuery("""
                            UPDATE judgement SET answer = $4, moderated_by = $5, moderation_reason = $6, recorded_at = $7
                            WHERE inspection_id = $1 AND case_id = $2 AND question_id = $3""")
                    .execute(Tuple.from(Arrays.asList(m.inspectionId(), m.caseId(), m.questionId(), m.answer().name(),
                            m.moderator(), m.reason(), at)));
        } else if (p instanceof CaseAssessmentSubmitted s) {
            return status(tx, s.inspectionId(), s.caseId(), CaseStatus.SUBMITTED, null);
        } else if (p instanceof CaseAssessmentReopened r) {
            return status(tx, r.inspectionId(), r.caseId(), CaseStatus.IN_PROGRESS, null);
        } else if (p instanceof CaseWithdrawn w) {
            return status(tx, w.inspectionId(), w.caseId(), CaseStatus.WITHDRAWN, w.reason());
        }
        throw new IllegalArgumentException("no current-state rule for " + p.getClass().getSimpleName());
    }

    private static Uni<?> status(SqlConnection tx, String inspectionId, String caseId, CaseStatus status, String reason) {
        return tx.preparedQuery("""
                        UPDATE sampled_case SET status = $3, withdrawn_reason = coalesce($4, withdrawn_reason)
                        WHERE inspection_id = $1 AND case_id = $2""")
                .execute(Tuple.from(Arrays.asList(inspectionId, caseId, status.name(), reason)));
    }
}
