package io.trendwatch.batch.topics;

import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The terms a post contributes to the topic model: the shared tokenizer's
 * countable words (stop words out) and hashtags; mentions, links, emoji and
 * bare numbers say little about what a post is about.
 */
public final class TopicTerms {

    private TopicTerms() {
    }

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        for (Term t : Tokenizer.tokenize(text == null ? "" : text)) {
            if (!t.isCountable()) {
                continue;
            }
            if (t.kind() == TermKind.HASHTAG
                    || (t.kind() == TermKind.WORD && t.text().length() >= 3 && !t.text().chars().allMatch(Character::isDigit))) {
                out.add(t.text());
            }
        }
        return out;
    }
}
