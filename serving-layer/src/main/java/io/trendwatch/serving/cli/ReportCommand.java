package io.trendwatch.serving.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.trendwatch.core.text.Term;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.db.CassandraSessions;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewCache;
import io.trendwatch.serving.db.CassandraViewReader;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.report.ReportBuilder;
import io.trendwatch.serving.report.ReportData;
import io.trendwatch.serving.report.ReportRenderer;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trendwatch report --from D1 --to D2 --format html|pdf --out FILE}: the
 * managers' report, read from the views as the API reads them, written to a
 * file that opens without the app.
 */
public final class ReportCommand extends ConfiguredCommand<ServingConfiguration> {

    public ReportCommand() {
        super("report", "Write a report of a period (top trends, risers and fallers, sentiment shifts, topics) as HTML or PDF");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--from").required(true).help("first day, e.g. 2016-11-20 (UTC)");
        subparser.addArgument("--to").required(true).help("last day, inclusive");
        subparser.addArgument("--format").choices("html", "pdf").setDefault("html").help("html (default) or pdf");
        subparser.addArgument("--out").required(true).help("file to write");
        subparser.addArgument("--term").action(Arguments.append()).help("a term for the sentiment section (repeat; default: the top trends)");
    }

    @Override
    protected void run(Bootstrap<ServingConfiguration> bootstrap, Namespace ns, ServingConfiguration config) throws Exception {
        System.setProperty("java.awt.headless", "true");
        LocalDate from = LocalDate.parse(ns.getString("from"));
        LocalDate to = LocalDate.parse(ns.getString("to"));
        List<String> terms = new ArrayList<>();
        if (ns.getList("term") != null) {
            for (Object t : ns.getList("term")) {
                terms.add(Term.parse(t.toString()).orElseThrow(() -> new IllegalArgumentException("'" + t + "' holds no term")).text());
            }
        }
        CassandraSessions sessions = new CassandraSessions(config.getCassandra().settings(), config.getCassandra().isMigrate());
        sessions.start();
        try {
            ViewReader dao = new CassandraViewReader(sessions);
            ReportData data = new ReportBuilder(dao, new SeriesReader(ViewCache.none(dao)), ShareEstimator.of(dao)).build(from, to, terms);
            String html = ReportRenderer.html(data);
            Path out = Path.of(ns.getString("out"));
            if (ns.getString("format").equals("pdf")) {
                Files.write(out, ReportRenderer.pdf(html));
            } else {
                Files.writeString(out, html, StandardCharsets.UTF_8);
            }
            System.out.printf("report %s..%s: %d top trends, %d risers, %d fallers, %d topic days -> %s%n", from, to,
                    data.topTrends().size(), data.risers().size(), data.fallers().size(), data.topics().size(), out);
        } finally {
            sessions.stop();
        }
    }
}
