package dev.inspectorate.reporting.render;

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

    /** A PDF of the report's HTML (a published version's as it was published). */
    public byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report as PDF", e);
        }
    }
}
