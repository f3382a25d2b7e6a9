package io.trendwatch.core.source;

import io.trendwatch.core.post.Post;

import java.util.Optional;
import java.util.Set;

/**
 * One line of the SemEval-2017 Task 4 exports: {@code id TAB label TAB text}
 * (subtask A) or {@code id TAB topic TAB label TAB text} (subtasks B/D). A
 * text may itself hold a TAB: everything after the label is the text.
 */
public record SemEvalTweet(long id, String topic, String label, String text) {

    private static final Set<String> LABELS = Set.of("negative", "neutral", "positive", "off topic");

    /** Reads one line; the exception message says what is wrong with it. */
    public static SemEvalTweet parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 3) {
            throw new IllegalArgumentException("expected 'id<TAB>label<TAB>text', found " + f.length + " field(s)");
        }
        long id;
        try {
            id = Long.parseLong(f[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id '" + f[0] + "' is not a number");
        }
        if (id <= 0) {
            throw new IllegalArgumentException("id " + id + " is not a Snowflake id");
        }
        if (LABELS.contains(f[1])) {
            return new SemEvalTweet(id, null, f[1], joinFrom(f, 2));
        }
        if (f.length >= 4 && LABELS.contains(f[2])) {
            return new SemEvalTweet(id, f[1], f[2], joinFrom(f, 3));
        }
        throw new IllegalArgumentException("no sentiment label (negative|neutral|positive|off topic) in field 2 or 3");
    }

    public Optional<String> topicIfAny() {
        return Optional.ofNullable(topic);
    }

    /** The tweet as a post: created_at from the Snowflake id, entities from the text. */
    public Post toPost() {
        return Post.ofText(Long.toString(id), "twitter", "unknown", text, "en", Snowflake.createdAt(id));
    }

    private static String joinFrom(String[] f, int start) {
        return f.length == start + 1 ? f[start] : String.join("\t", java.util.Arrays.copyOfRange(f, start, f.length));
    }
}
