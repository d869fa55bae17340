package dev.inspectorate.performance.api;

import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.rest.Problem.Violation;
import java.util.List;

/** An upload read as far as it could be: the draft (null if nothing could be read) and what was unreadable. */
record ParsedDataset(DatasetDraft draft, List<Violation> violations) {}
