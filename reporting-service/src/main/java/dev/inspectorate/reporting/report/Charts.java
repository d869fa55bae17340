package dev.inspectorate.reporting.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's charts as inline SVG, so the HTML stays self-contained and prints as drawn. */
public final class Charts {
    private Charts() {}

    /**
     * Vertical bars of criterion scores (0-100) with a dashed line of priority. Each bar is a rect with class
     * {@code bar} and {@code data-criterion} / {@code data-score} attributes.
     */
    public static String criterionScores(Report.Chart chart) {
        int n = chart.bars().size();
        int barWidth = 34;
        int gap = 14;
        int left = 40;
        int top = 16;
        int plot = 200;
        int width = left + n * (barWidth + gap) + gap;
        int height = top + plot + 50;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"Criterion scores\">", width, height, width, height));
        for (int tick = 0; tick <= 100; tick += 20) {
            double y = top + plot - plot * tick / 100.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\" stroke-width=\"1\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%d%%</text>",
                    left, y, width, y, left - 4, y + 3, tick));
        }
        for (int i = 0; i < n; i++) {
            Report.Bar b = chart.bars().get(i);
            int x = left + gap + i * (barWidth + gap);
            int score = b.score() == null ? 0 : b.score();
            double h = plot * score / 100.0;
            double y = top + plot - h;
            String colour = b.score() == null ? "#ccc" : b.belowLine() ? "#c0504d" : "#4f81bd";
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" data-criterion=\"%s\" data-score=\"%s\" x=\"%d\" y=\"%.1f\" width=\"%d\" "
                            + "height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
                    esc(b.criterionId()), b.score() == null ? "" : b.score(), x, y, barWidth, h, colour,
                    esc(b.criterionId()), esc(b.title()), b.score() == null ? "no data" : b.score() + "%"));
            if (b.score() != null) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
                        x + barWidth / 2.0, y - 3, score));
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x + barWidth / 2.0, top + plot + 16, esc(b.criterionId())));
        }
        if (chart.lineOfPriority() != null) {
            double y = top + plot - plot * chart.lineOfPriority() / 100.0;
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"line-of-priority\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
                            + "stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"10\">line of priority for improvement (%s%%)</text>",
                    left, y, width, y, left, top + plot + 36, number(chart.lineOfPriority())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal bars of case counts by value, for one sample characteristic, labelled in words (data attributes keep
     * the sample's own names and values).
     */
    public static String counts(String name, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int rowHeight = 18;
        int label = 120;
        int plot = 220;
        int height = rowHeight * counts.size() + 8;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"counts\" data-characteristic=\"%s\" width=\"%d\" "
                        + "height=\"%d\" viewBox=\"0 0 %d %d\">", esc(name), label + plot + 60, height, label + plot + 60, height));
        int i = 0;
        for (var e : counts.entrySet()) {
            double w = total == 0 ? 0 : plot * e.getValue() / (double) total;
            int y = 4 + i * rowHeight;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>"
                            + "<rect class=\"count\" data-value=\"%s\" data-count=\"%d\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#9bbb59\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%d</text>",
                    label - 6, y + 10, esc(valueLabel(name, e.getKey())), esc(e.getKey()), e.getValue(), label, y, w, label + w + 4, y + 10,
                    e.getValue()));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    /** The characteristics in the order the report charts them, each with its heading. */
    private static final Map<String, String> CHARACTERISTICS = linked("caseType", "Case type", "roshLevel", "RoSH level",
            "gender", "Gender", "ethnicity", "Ethnicity", "ppo", "PPO", "mappaLevel", "MAPPA level", "tier", "Tier",
            "approvedPremises", "Approved premises resident", "victimContact", "Statutory victim contact",
            "childSafeguarding", "Child safeguarding concern", "psr", "Pre-sentence report");

    /** Values in the order of their scale, where they have one; other values keep the order they came in. */
    private static final Map<String, List<String>> VALUE_ORDER = Map.of(
            "roshLevel", List.of("low", "medium", "high", "very-high"),
            "caseType", List.of("community-order", "licence", "custody"));

    public static List<String> characteristicOrder() {
        return List.copyOf(CHARACTERISTICS.keySet());
    }

    /** A characteristic's heading: "RoSH level" for roshLevel. */
    public static String characteristicLabel(String name) {
        return CHARACTERISTICS.getOrDefault(name, name);
    }

    /** A value in words: true/false as yes/no, MAPPA level 0 as none, hyphens as spaces. */
    static String valueLabel(String name, String value) {
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true") ? "yes" : "no";
        }
        if (name.equals("mappaLevel") && value.equals("0")) {
            return "none";
        }
        return value.replace('-', ' ');
    }

    /** The counts with values in scale order (yes before no). */
    public static Map<String, Integer> ordered(String name, Map<String, Integer> counts) {
        List<String> order = counts.containsKey("true") || counts.containsKey("false") ? List.of("true", "false")
                : VALUE_ORDER.getOrDefault(name, List.of());
        Map<String, Integer> out = new LinkedHashMap<>();
        order.forEach(v -> {
            if (counts.containsKey(v)) {
                out.put(v, counts.get(v));
            }
        });
        counts.forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
