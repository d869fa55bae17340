package dev.inspectorate.reporting.render;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;

/** Figures as the reports print them: 90, not 90.0; 27.1 as is. */
@TemplateExtension
public final class Numbers {
    private Numbers() {}

    static String figure(Double d) {
        return d == null ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
