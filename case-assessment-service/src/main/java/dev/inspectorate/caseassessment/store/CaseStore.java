package dev.inspectorate.caseassessment.store;

import dev.inspectorate.caseassessment.api.CaseView;
import dev.inspectorate.caseassessment.api.InspectionView;
import dev.inspectorate.caseassessment.api.JudgementView;
import dev.inspectorate.caseassessment.api.RecordJudgement;
import dev.inspectorate.caseassessment.api.SampleEntry;
import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.JudgementRules;
import dev.inspectorate.caseassessment.domain.Refusal;
import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import dev.inspectorate.messaging.StreamConflictException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Commands on sampled cases (each its own stream) and the case and judgement tables they keep current. */
@ApplicationScoped
public class CaseStore {
    private static final String CASE_COLUMNS = "inspection_id, case_id, characteristics::text AS characteristics, "
            + "status, assignee, version";

    /** The outcome of a judgement command: recorded, or refused with the reason. */
    public sealed interface JudgementOutcome {
        record Recorded(JudgementView judgement) implements JudgementOutcome {}

        record Refused(Refusal refusal) implements JudgementOutcome {}
    }

    @Inject
    EventLog eventLog;

    @Inject
    Pool pool;

    /** Adds cases to the sample, all or none; a taken case id fails the whole import with a conflict. */
    public Uni<List<CaseView>> sample(InspectionView inspection, List<SampleEntry> entries, String actor) {
        List<StreamAppend> appends = new ArrayList<>();
        for (SampleEntry e : entries) {
            appends.add(new StreamAppend(Streams.ofCase(inspection.id(), e.caseId()), 0, inspection.id(),
                    List.of(new CaseSampled(inspection.id(), e.caseId(), e.characteristics())), Map.of("actor", actor)));
        }
        String[] ids = entries.stream().map(SampleEntry::caseId).toArray(String[]::new);
        String[] characteristics = entries.stream()
                .map(e -> new String(EventJson.encode(e.characteristics()), java.nio.charset.StandardCharsets.UTF_8))
                .toArray(String[]::new);
        return eventLog.transaction(tx -> eventLog.append(tx, appends)
                .flatMap(stored -> tx.preparedQuery("""
                                INSERT INTO sampled_case (inspection_id, case_id, characteristics, status, version, sampled_at)
                                SELECT $1, c, ch::jsonb, $4, 1, $5 FROM unnest($2::text[], $3::text[]) AS u(c, ch)
                                RETURNING """ + " " + CASE_COLUMNS)
                        .execute(Tuple.of(inspection.id(), ids, characteristics, CaseStatus.IN_PROGRESS.name(),
                                stored.get(0).recordedAt()))
                        .map(rows -> {
                            List<CaseView> out = new ArrayList<>();
                            rows.forEach(r -> out.add(toView(r)));
                            return out;
                        })));
    }

    public Uni<Optional<CaseView>> find(SqlClient client, String inspectionId, String caseId) {
        return client.preparedQuery("SELECT " + CASE_COLUMNS + " FROM sampled_case WHERE inspection_id = $1 AND case_id = $2")
                .execute(Tuple.of(inspectionId, caseId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toView(rows.iterator().next())));
    }

    public Uni<Optional<CaseView>> find(String inspectionId, String caseId) {
        return find(pool, inspectionId, caseId);
    }

    public Uni<List<CaseView>> list(String inspectionId) {
        return pool.preparedQuery("SELECT " + CASE_COLUMNS + " FROM sampled_case WHERE inspection_id = $1 ORDER BY case_id")
                .execute(Tuple.of(inspectionId))
                .map(rows -> {
                    List<CaseView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toView(r)));
                    return out;
                });
    }

    /**
     * Records (or revises) a judgement. The case's version is checked when the event is appended, so of two
     * writers racing on a case exactly one succeeds; the other gets a {@link StreamConflictException}.
     *
     * @param expectedVersion the version the caller saw (If-Match), or empty to take the current one
     */
    public Uni<Optional<JudgementOutcome>> judge(InspectionView inspection, String caseId, String questionId,
            RecordJudgement cmd, String assessor, Optional<Long> expectedVersion) {
        return eventLog.transaction(tx -> find(tx, inspection.id(), caseId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<JudgementOutcome>empty());
            }
            CaseView c = found.get();
            Optional<Refusal> refusal = JudgementRules.check(Catalogues.of(inspection.framework()),
                    inspection.status(), c.status(), c.characteristics(), questionId);
            if (refusal.isPresent()) {
                return Uni.createFrom().item(Optional.<JudgementOutcome>of(new JudgementOutcome.Refused(refusal.get())));
            }
            long expected = expectedVersion.orElse(c.version());
            if (expected != c.version()) {
                return Uni.createFrom().failure(
                        new StreamConflictException(Streams.ofCase(inspection.id(), caseId), expected, c.version()));
            }
            JudgementRecorded recorded = new JudgementRecorded(inspection.id(), caseId, questionId, cmd.answer(),
                    cmd.note(), assessor);
            StreamAppend append = new StreamAppend(Streams.ofCase(inspection.id(), caseId), expected, inspection.id(),
                    List.of(recorded), Map.of("actor", assessor));
            return eventLog.append(tx, append).flatMap(stored -> {
                var at = stored.get(0).recordedAt();
                return tx.preparedQuery("UPDATE sampled_case SET version = $3 WHERE inspection_id = $1 AND case_id = $2")
                        .execute(Tuple.of(inspection.id(), caseId, append.newVersion()))
                        .flatMap(x -> tx.preparedQuery("""
                                        INSERT INTO judgement (inspection_id, case_id, question_id, answer, note, assessor, recorded_at)
                                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                                        ON CONFLICT (inspection_id, case_id, question_id) DO UPDATE
                                        SET answer = EXCLUDED.answer, note = EXCLUDED.note, assessor = EXCLUDED.assessor,
                                            recorded_at = EXCLUDED.recorded_at""")
                                .execute(Tuple.from(Arrays.asList(inspection.id(), caseId, questionId,
                                        cmd.answer().name(), cmd.note(), assessor, at))))
                        .map(x -> Optional.<JudgementOutcome>of(new JudgementOutcome.Recorded(new JudgementView(
                                inspection.id(), caseId, questionId, cmd.answer(), cmd.note(), assessor, at,
                                append.newVersion()))));
            });
        }));
    }

    static CaseView toView(Row r) {
        try {
            return new CaseView(
                    r.getString("inspection_id"),
                    r.getString("case_id"),
                    EventJson.mapper().readValue(r.getString("characteristics"), CaseCharacteristics.class),
                    CaseStatus.valueOf(r.getString("status")),
                    r.getString("assignee"),
                    r.getLong("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
