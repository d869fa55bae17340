package dev.inspectorate.reporting.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import dev.inspectorate.reporting.report.Charts;
import dev.inspectorate.reporting.report.Report;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report as self-contained, printable HTML (Qute, inline CSS and SVG), and as PDF from that HTML. */
@ApplicationScoped
public class ReportRendering {

    /** One sample characteristic's chart: its name in the sample, its heading in words, and the SVG. */
    public record CharacteristicChart(String name, String label, String svg) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(Report r, String chart, List<CharacteristicChart> characteristics);
    }

    public String html(Report r) {
        List<CharacteristicChart> charts = new ArrayList<>();
        Map<String, Map<String, Integer>> counts = r.sampleCharacteristics() == null ? Map.of() : r.sampleCharacteristics();
        for (String name : Charts.characteristicOrder()) {
            Map<String, Integer> c = counts.get(name);
            if (c != null && !c.isEmpty()) {
                charts.add(new CharacteristicChart(name, Charts.characteristicLabel(name),
                        Charts.counts(name, Charts.ordered(name, c))));
            }
        }
        return Templates.report(r, Charts.criterionScores(r.chart()), charts).render();
    }

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

    /**
     * A PDF of the report's HTML (a published version's as it was published), in DejaVu Sans, embedded (subset) so any
     * character the font has prints. Characters XML forbids (which could come with event data) become U+FFFD rather
     * than fail the parser.
     */
    public byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            font(builder, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
            font(builder, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
            font(builder, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
            font(builder, "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC);
            builder.withHtmlContent(xmlChars(html), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report as PDF", e);
        }
    }

    private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
        if (ReportRendering.class.getResource(FONTS + file) == null) {
            throw new IllegalStateException("font " + FONTS + file + " is not on the classpath");
        }
        builder.useFont(() -> ReportRendering.class.getResourceAsStream(FONTS + file), "DejaVu Sans", weight, style, true);
    }

    /** The text with each character XML 1.0 does not allow replaced by U+FFFD. */
    static String xmlChars(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD
                    || Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (!allowed && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }
}
