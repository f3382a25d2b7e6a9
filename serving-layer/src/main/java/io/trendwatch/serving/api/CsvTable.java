package io.trendwatch.serving.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An API answer as one CSV table: a header and one row per point, trend, term share, example post or related term, or answer, with the same fields and the same
 * numbers as the JSON (instants as ISO-8601, decimals as Java prints them, as the JSON does). A table repeats the
 * answer's context (term, window, boundary) on every row, so each row reads alone in a spreadsheet. Pure.
 *
 * @param name   a file name for the download
 * @param header the column names, as the JSON's
 * @param rows   the values, in header order ({@code ""} for null)
 */
public record CsvTable(String name, List<String> header, List<List<String>> rows) {

    public static final String MEDIA_TYPE = "text/csv";

    /** Whether {@link #of} writes this answer. */
    public static boolean writes(Class<?> type) {
        return type == SeriesResponse.class || type == TrendsResponse.class || type == SentimentResponse.class
                || type == ShareResponse.class || type == ContextResponse.class;
    }

    /** The table of an answer; only the types {@link #writes} names. */
    public static CsvTable of(Object answer) {
        if (answer instanceof SeriesResponse s) {
            return series(s);
        }
        if (answer instanceof TrendsResponse t) {
            return trends(t);
        }
        if (answer instanceof SentimentResponse s) {
            return sentiment(s);
        }
        if (answer instanceof ShareResponse s) {
            return share(s);
        }
        if (answer instanceof ContextResponse c) {
            return context(c);
        }
        throw new IllegalArgumentException("no CSV form for " + answer.getClass().getSimpleName());
    }

    static CsvTable series(SeriesResponse s) {
        List<List<String>> rows = new ArrayList<>();
        for (SeriesPoint p : s.points()) {
            rows.add(values(s.term(), s.kind(), s.step(), p.bucket(), p.posts(), p.positive(), p.neutral(), p.negative(),
                    p.unscored(), p.source(), s.boundary()));
        }
        return new CsvTable("series-" + fileSafe(s.term()) + "-" + s.step() + ".csv", List.of("term", "kind", "step", "bucket",
                "posts", "positive", "neutral", "negative", "unscored", "source", "boundary"), rows);
    }

    static CsvTable trends(TrendsResponse t) {
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (TrendItem i : t.trends()) {
            rank++;
            rows.add(values(rank, i.term(), i.kind(), i.posts(), i.expected(), i.change(), i.changeRatio(), i.score(),
                    i.zscore(), i.surprise(), i.trending(), i.positive(), i.neutral(), i.negative(), i.unscored(),
                    String.join(" ", i.sources()), t.window(), t.from(), t.at(), t.boundary(), i.estimatedPositiveShare(),
                    i.estimatedNegativeShare(), t.shareEstimate(), t.sentimentModel()));
        }
        return new CsvTable("trends-" + t.window() + ".csv", List.of("rank", "term", "kind", "posts", "expected", "change",
                "change_ratio", "score", "zscore", "surprise", "trending", "positive", "neutral", "negative", "unscored",
                "sources", "window", "from", "at", "boundary", "estimated_positive_share", "estimated_negative_share",
                "share_estimate", "sentiment_model"), rows);
    }

    static CsvTable sentiment(SentimentResponse s) {
        return new CsvTable("sentiment-" + (s.term() == null ? "all" : fileSafe(s.term())) + ".csv", List.of("term", "from",
                "to", "posts", "positive", "neutral", "negative", "unscored", "sources", "boundary", "positive_share",
                "negative_share", "estimated_positive_share", "estimated_negative_share", "share_estimate", "sentiment_model"),
                List.of(values(s.term(), s.from(), s.to(), s.posts(), s.positive(), s.neutral(), s.negative(), s.unscored(),
                        String.join(" ", s.sources()), s.boundary(), s.positiveShare(), s.negativeShare(),
                        s.estimatedPositiveShare(), s.estimatedNegativeShare(), s.shareEstimate(), s.sentimentModel())));
    }

    /** One row per bucket and term, then one per term for the whole range (its {@code bucket} empty). */
    static CsvTable share(ShareResponse s) {
        List<List<String>> rows = new ArrayList<>();
        for (ShareResponse.Point p : s.points()) {
            for (ShareResponse.TermShare t : p.shares()) {
                rows.add(values(p.bucket(), t.term(), t.posts(), t.shareOfVoice(), t.shareOfPosts(), p.mentions(),
                        p.allPosts(), s.step(), s.boundary()));
            }
        }
        for (ShareResponse.TermShare t : s.shares()) {
            rows.add(values(null, t.term(), t.posts(), t.shareOfVoice(), t.shareOfPosts(), s.mentions(), s.allPosts(),
                    s.step(), s.boundary()));
        }
        return new CsvTable("share-" + s.step() + ".csv", List.of("bucket", "term", "posts", "share_of_voice",
                "share_of_posts", "mentions", "all_posts", "step", "boundary"), rows);
    }

    /**
     * One row per example post ({@code section} example), then one per related term ({@code section} related), each
     * with the term, window and boundary; the sentiment shift is on every row.
     */
    static CsvTable context(ContextResponse c) {
        List<List<String>> rows = new ArrayList<>();
        ContextResponse.SentimentShift s = c.sentiment();
        for (ContextResponse.Example e : c.examples()) {
            rows.add(values(c.term(), c.window(), c.at(), c.boundary(), "example", e.id(), e.createdAt(), e.sentiment(),
                    e.source(), e.text(), null, null, null, null, null, null, s.positiveShareChange(), s.negativeShareChange()));
        }
        for (ContextResponse.Related r : c.related()) {
            rows.add(values(c.term(), c.window(), c.at(), c.boundary(), "related", null, null, null, null, null, r.term(),
                    r.examples(), r.shareOfExamples(), r.posts(), r.shareOfPosts(), r.lift(), s.positiveShareChange(),
                    s.negativeShareChange()));
        }
        return new CsvTable("context-" + fileSafe(c.term()) + "-" + c.window() + ".csv", List.of("term", "window", "at",
                "boundary", "section", "id", "created_at", "sentiment", "source", "text", "related_term", "examples",
                "share_of_examples", "posts", "share_of_posts", "lift", "positive_share_change", "negative_share_change"), rows);
    }

    private static List<String> values(Object... values) {
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v == null ? "" : String.valueOf(v));
        }
        return out;
    }

    /** A term as a file name: hashtags and mentions keep their word, anything else becomes {@code _}. */
    private static String fileSafe(String term) {
        return term.replaceAll("[^\\p{L}\\p{N}_-]", "_");
    }
}
