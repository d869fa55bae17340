package dev.inspectorate.caseassessment.domain;

import java.util.List;

/** A batch refused as a whole: every item that breaks a rule, by its index. Nothing was appended. */
public class BatchRefusedException extends RuntimeException {
    public record Item(int index, Refusal refusal) {}

    private final List<Item> items;

    public BatchRefusedException(List<Item> items) {
        super(items.size() + " item(s) refused");
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }
}
