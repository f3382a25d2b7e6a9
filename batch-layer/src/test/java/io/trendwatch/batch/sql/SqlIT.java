package io.trendwatch.batch.sql;

import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's ad-hoc questions, run as written through {@code bin/trendwatch sql} on a master dataset made the way
 * the demo makes its data ({@code generate} with the demo's arguments, then {@code batch import}), each answer
 * compared with the same question counted in Java from the generated file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlIT {

    /** The class's folder (static: filled before {@code @BeforeAll}); removed once the tests pass, kept when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Path work;
    private Path master;
    private List<Post> posts;
    private List<List<String>> examples;

    @BeforeAll
    void demoDataInAMasterDataset() throws Exception {
        work = Files.createDirectories(tmp.resolve("sql"));
        master = work.resolve("master");
        Path stream = work.resolve("generated.jsonl");
        List<String> generate = new ArrayList<>(List.of("generate"));
        Files.readAllLines(ROOT.resolve("bin/lib/demo-stream.args")).stream().filter(l -> !l.isBlank()).forEach(generate::add);
        generate.addAll(List.of("--start", "2015-09-09T21:30:00Z", "--output", stream.toString(),
                "--truth", work.resolve("truth.jsonl").toString()));
        assertThat(trendwatch(generate).exit).isZero();
        Run imported = trendwatch(List.of("batch", "import", "--master-dir", master.toString(), stream.toString()));
        assertThat(imported.exit).as(imported.out).isZero();

        PostCodec codec = new PostCodec();
        posts = new ArrayList<>();
        for (String line : Files.readAllLines(stream, StandardCharsets.UTF_8)) {
            ParseResult r = codec.parse(line);
            assertThat(r.isAccepted()).as(line).isTrue();
            posts.add(((ParseResult.Accepted) r).post());
        }
        assertThat(imported.out).contains(posts.size() + " posts added");
        examples = readmeExamples();
        assertThat(examples).hasSize(2);
    }

    @Test
    void whichAuthorsPostedAHashtagMostOnTheLastDay() throws Exception {
        List<String> example = examples.get(0);
        assertThat(String.join(" ", example)).contains("'#springlaunch'", "max(date)", "LIMIT 5");
        LocalDate last = posts.stream().map(p -> LocalDate.ofInstant(p.createdAt(), ZoneOffset.UTC))
                .max(Comparator.naturalOrder()).orElseThrow();
        Map<String, Long> byAuthor = posts.stream()
                .filter(p -> LocalDate.ofInstant(p.createdAt(), ZoneOffset.UTC).equals(last))
                .filter(p -> terms(p).contains("#springlaunch"))
                .collect(Collectors.groupingBy(Post::author, Collectors.counting()));
        List<List<String>> expected = byAuthor.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> List.of(e.getKey(), e.getValue().toString())).toList();
        assertThat(expected).hasSize(5);

        Run run = sql(example);
        assertThat(run.exit).as(run.out).isZero();
        // the table as printed: a header, a rule, the rows, "(5 rows)"
        List<String> lines = run.out.lines().filter(l -> !l.isBlank()).toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches("author\\s+posts")).findFirst().orElseThrow());
        List<List<String>> rows = lines.subList(header + 2, header + 2 + expected.size()).stream()
                .map(l -> List.of(l.split("\\s+"))).toList();
        assertThat(rows).isEqualTo(expected);
        assertThat(lines.get(header + 2 + expected.size())).isEqualTo("(5 rows)");
    }

    @Test
    void hourlyShareOfPostsThatMentionBothTerms() throws Exception {
        List<String> example = examples.get(1);
        assertThat(String.join(" ", example)).contains("--format csv", "'red'", "'sox'");
        Map<String, long[]> hours = new TreeMap<>();
        for (Post p : posts) {
            long[] h = hours.computeIfAbsent(HOUR.format(p.createdAt().truncatedTo(ChronoUnit.HOURS)), k -> new long[2]);
            h[0]++;
            Set<String> t = terms(p);
            if (t.contains("red") && t.contains("sox")) {
                h[1]++;
            }
        }
        assertThat(hours.values().stream().mapToLong(h -> h[1]).sum()).as("the pair occurs").isGreaterThan(20);

        Run run = sql(example);
        assertThat(run.exit).as(run.out).isZero();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out.substring(run.out.indexOf("hour,posts,both,share")))).getRecords();
        assertThat(records).hasSameSizeAs(hours.keySet());
        int i = 0;
        for (Map.Entry<String, long[]> e : hours.entrySet()) {
            CSVRecord r = records.get(i++);
            long[] h = e.getValue();
            assertThat(r.get("hour")).isEqualTo(e.getKey());
            assertThat(Long.parseLong(r.get("posts"))).isEqualTo(h[0]);
            assertThat(Long.parseLong(r.get("both"))).isEqualTo(h[1]);
            assertThat(new BigDecimal(r.get("share")))
                    .isEqualByComparingTo(BigDecimal.valueOf(h[1]).divide(BigDecimal.valueOf(h[0]), 4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void statementsFromStandardInputRunInTurnAndAnErrorDoesNotStopTheRest() throws Exception {
        Run run = trendwatch(List.of("sql", "--master-dir", master.toString()),
                "DROP TABLE posts;\nSELECT nonsense\n  FROM posts;\nSELECT count(*) AS n,\n  count(DISTINCT id) AS ids FROM posts;\n");
        assertThat(run.exit).as(run.out).isEqualTo(1);
        assertThat(run.out).contains("sql: only queries run here", "sql: [UNRESOLVED_COLUMN", "`nonsense` cannot be resolved");
        List<String> lines = run.out.lines().toList();
        int header = lines.indexOf("n      ids");
        assertThat(header).as(run.out).isNotNegative();
        assertThat(lines.get(header + 2)).isEqualTo(posts.size() + "  " + posts.size());

        Run none = trendwatch(List.of("sql", "--master-dir", work.resolve("nothing").toString(), "SELECT 1"), "");
        assertThat(none.exit).as(none.out).isEqualTo(2);
        assertThat(none.out).contains("no master dataset at");
    }

    private static Set<String> terms(Post p) {
        return PostTerms.ofText(p.text()).stream().map(Term::text).collect(Collectors.toSet());
    }

    /** The arguments of each {@code bin/trendwatch sql} line in the README's "Ad-hoc questions" section. */
    private static List<List<String>> readmeExamples() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("### Ad-hoc questions (SQL)"));
        section = section.substring(0, section.indexOf("\n## "));
        List<List<String>> out = new ArrayList<>();
        Pattern arg = Pattern.compile("\"([^\"]*)\"|(\\S+)");
        for (String line : section.lines().filter(l -> l.startsWith("bin/trendwatch sql ")).toList()) {
            List<String> args = new ArrayList<>();
            Matcher m = arg.matcher(line.substring("bin/trendwatch ".length()));
            while (m.find()) {
                args.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            out.add(args);
        }
        return out;
    }

    private Run sql(List<String> example) throws Exception {
        List<String> args = new ArrayList<>(example);
        args.addAll(1, List.of("--master-dir", master.toString()));
        return trendwatch(args);
    }

    private record Run(int exit, String out) {
    }

    private Run trendwatch(List<String> args) throws Exception {
        return trendwatch(args, "");
    }

    private Run trendwatch(List<String> args, String stdin) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/trendwatch").toString()));
        cmd.addAll(args);
        Path log = Files.createTempFile(work, "run", ".log");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s still running", args).isTrue();
        return new Run(p.exitValue(), Files.readString(log));
    }
}
