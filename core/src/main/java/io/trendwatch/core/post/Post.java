package io.trendwatch.core.post;

import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.text.Tokenizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One accepted post. Entity lists hold bare, case-preserved names
 * ({@code "Sale"}, not {@code "#Sale"}); the text analysis folds case when it
 * turns them into terms.
 */
public record Post(
        String id,
        String platform,
        String author,
        String text,
        String language,
        Instant createdAt,
        List<String> hashtags,
        List<String> mentions,
        List<String> urls) {

    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(createdAt, "createdAt");
        hashtags = List.copyOf(hashtags);
        mentions = List.copyOf(mentions);
        urls = List.copyOf(urls);
    }

    /** A post whose entities are read from its text (for sources that carry none, such as SemEval exports). */
    public static Post ofText(String id, String platform, String author, String text, String language, Instant createdAt) {
        List<String> hashtags = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Term t : Tokenizer.tokenize(text)) {
            if (t.kind() == TermKind.HASHTAG) {
                hashtags.add(t.text().substring(1));
            } else if (t.kind() == TermKind.MENTION) {
                mentions.add(t.text().substring(1));
            } else if (t.kind() == TermKind.URL) {
                urls.add(t.text());
            }
        }
        return new Post(id, platform, author, text, language, createdAt, hashtags, mentions, urls);
    }
}
