package io.trendwatch.serving.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.db.ViewReader;
import org.apache.commons.text.StringEscapeUtils;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one self-contained XHTML page (charts inline as PNG, styles
 * inline), readable in any browser without the app, and the same page as PDF.
 */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    public static String html(ReportData r) {
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>trendwatch report ").append(r.from()).append(" to ").append(r.to()).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Trends report: ").append(r.from()).append(" to ").append(r.to()).append("</h1>");
        h.append("<p class=\"meta\">Generated ").append(r.generatedAt().toString(), 0, 16).append("Z. Counts before ")
                .append(r.boundary().toString(), 0, 16).append("Z come from the exact nightly recompute, later ones from the real-time view.</p>");

        h.append("<h2>Volume</h2>").append(img(volumeChart(r.volume())));

        h.append("<h2>Top trends</h2>");
        if (r.topTrends().isEmpty()) {
            h.append("<p>No term trended in this period.</p>");
        } else {
            h.append(img(barChart("Posts in the period", r.topTrends().stream().limit(10).toList())));
            table(h, r.topTrends(), true);
        }
        h.append("<h2>Biggest risers</h2>");
        movers(h, r.risers(), "No term rose against the previous period.");
        h.append("<h2>Biggest fallers</h2>");
        movers(h, r.fallers(), "No term fell against the previous period.");

        h.append("<h2>Sentiment shifts</h2>");
        if (r.shifts().isEmpty()) {
            h.append("<p>No terms chosen.</p>");
        } else {
            h.append(img(sentimentChart(r.shifts())));
            h.append("<table><tr><th>term</th><th class=\"n\">scored, 1st half</th><th class=\"n\">positive</th><th class=\"n\">negative</th>")
                    .append("<th class=\"n\">scored, 2nd half</th><th class=\"n\">positive</th><th class=\"n\">negative</th><th class=\"n\">net shift</th></tr>");
            for (ReportData.SentimentShift s : r.shifts()) {
                double net = (s.positiveAfter() - s.negativeAfter()) - (s.positiveBefore() - s.negativeBefore());
                h.append("<tr><td>").append(esc(s.term())).append("</td>").append(num(s.scoredBefore())).append(pct(s.positiveBefore()))
                        .append(pct(s.negativeBefore())).append(num(s.scoredAfter())).append(pct(s.positiveAfter()))
                        .append(pct(s.negativeAfter())).append("<td class=\"n ").append(net >= 0 ? "up" : "down").append("\">")
                        .append(String.format(Locale.ROOT, "%+.0f pts", 100 * net)).append("</td></tr>");
            }
            h.append("</table><p class=\"meta\">Net shift: change of (positive − negative) share from the first half of the period to the second. ")
                    .append(esc(r.shareEstimate())).append("</p>");
        }

        h.append("<h2>Topics</h2>");
        if (r.topics().isEmpty()) {
            h.append("<p>The topic model has not run for these days.</p>");
        } else {
            for (Map.Entry<java.time.LocalDate, List<ViewReader.Topic>> e : r.topics().entrySet()) {
                h.append("<h3>").append(e.getKey()).append("</h3><ol>");
                for (ViewReader.Topic t : e.getValue().subList(0, Math.min(5, e.getValue().size()))) {
                    h.append("<li>").append(esc(String.join(", ", t.terms().subList(0, Math.min(8, t.terms().size())))))
                            .append(" <span class=\"meta\">").append(String.format(Locale.ROOT, "%.0f%%", 100 * t.share()))
                            .append("</span></li>");
                }
                h.append("</ol>");
            }
        }
        return h.append("</body></html>").toString();
    }

    public static byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void table(StringBuilder h, List<ReportData.TermLine> lines, boolean withScore) {
        h.append("<table><tr><th>term</th><th>kind</th><th class=\"n\">posts</th><th class=\"n\">previous period</th><th class=\"n\">change</th>");
        if (withScore) {
            h.append("<th class=\"n\">best score</th><th class=\"n\">days/hours trending</th>");
        }
        h.append("</tr>");
        for (ReportData.TermLine l : lines) {
            h.append("<tr><td>").append(esc(l.term())).append("</td><td>").append(esc(l.kind())).append("</td>")
                    .append(num(l.posts())).append(num(l.previousPosts())).append("<td class=\"n ")
                    .append(l.change() >= 0 ? "up" : "down").append("\">").append(String.format(Locale.ROOT, "%+,d", l.change())).append("</td>");
            if (withScore) {
                h.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%.1f", l.score())).append("</td>").append(num(l.bucketsTrending()));
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static void movers(StringBuilder h, List<ReportData.TermLine> lines, String none) {
        if (lines.isEmpty()) {
            h.append("<p>").append(none).append("</p>");
        } else {
            table(h, lines, false);
        }
    }

    private static JFreeChart volumeChart(List<MergedPoint> points) {
        TimeSeries s = new TimeSeries("posts");
        for (MergedPoint p : points) {
            s.addOrUpdate(new Millisecond(Date.from(p.bucket())), p.counts().posts());
        }
        JFreeChart c = ChartFactory.createTimeSeriesChart(null, null, "posts", new TimeSeriesCollection(s), false, false, false);
        return style(c);
    }

    private static JFreeChart barChart(String title, List<ReportData.TermLine> lines) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ReportData.TermLine l : lines) {
            d.addValue(l.posts(), "this period", l.term());
            d.addValue(l.previousPosts(), "previous period", l.term());
        }
        return style(ChartFactory.createBarChart(title, null, "posts", d, PlotOrientation.HORIZONTAL, true, false, false));
    }

    private static JFreeChart sentimentChart(List<ReportData.SentimentShift> shifts) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ReportData.SentimentShift s : shifts) {
            d.addValue(100 * (s.positiveBefore() - s.negativeBefore()), "1st half", s.term());
            d.addValue(100 * (s.positiveAfter() - s.negativeAfter()), "2nd half", s.term());
        }
        return style(ChartFactory.createBarChart("Net sentiment (positive − negative, % of scored posts)", null, "points",
                d, PlotOrientation.VERTICAL, true, false, false));
    }

    private static JFreeChart style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.getPlot().setBackgroundPaint(new Color(0xF6, 0xF8, 0xFA));
        return c;
    }

    private static String img(JFreeChart chart) {
        try {
            byte[] png = ChartUtils.encodeAsPNG(chart.createBufferedImage(900, 320));
            return "<img alt=\"chart\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"/>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(long n) {
        return "<td class=\"n\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
    }

    private static String pct(double share) {
        return "<td class=\"n\">" + String.format(Locale.ROOT, "%.0f%%", 100 * share) + "</td>";
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeXml10(s);
    }

    private static final String CSS = "body{font-family:sans-serif;font-size:11pt;color:#1d232b;margin:24px}"
            + "h1{font-size:18pt;margin:0 0 4px}h2{font-size:13pt;margin:22px 0 6px;border-bottom:1px solid #ccc}"
            + "h3{font-size:11pt;margin:10px 0 4px}.meta{color:#6b7785;font-size:9pt}"
            + "table{border-collapse:collapse;width:100%;margin:6px 0}th,td{padding:3px 6px;border-bottom:1px solid #e3e7ec;text-align:left}"
            + "th{color:#6b7785;font-weight:normal;font-size:9pt}.n{text-align:right}.up{color:#2e9d5b}.down{color:#d1495b}"
            + "img{width:100%;max-width:900px}@page{size:A4;margin:14mm}";
}
