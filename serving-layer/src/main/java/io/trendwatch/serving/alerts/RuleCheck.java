package io.trendwatch.serving.alerts;

import io.trendwatch.serving.merge.Counts;

import java.util.List;

/**
 * Whether a rule holds for a term at the end of a minute, and the figure it saw. A minute rule holds only when every
 * one of its minutes meets it (a minute without posts counts as 0 posts and no negative share), so an episode starts
 * at the end of the rule's {@code minutes}-th minute in a row and ends at the end of the first minute that breaks the
 * run. Pure.
 *
 * @param holds whether the rule is met
 * @param value what it saw: the negative share of all the minutes' scored posts, their mean posts per minute, or the
 *              term's posts in the trend window
 */
public record RuleCheck(boolean holds, double value) {

    /**
     * @param minutes the term's merged counts of the rule's last {@code rule.minutes()} minutes (ignored by
     *                {@code trending})
     * @param flagged whether the term is flagged trending in the hour ending at the minute (only {@code trending})
     * @param windowPosts the term's posts in that hour (only {@code trending})
     */
    public static RuleCheck of(AlertRule rule, List<Counts> minutes, boolean flagged, long windowPosts) {
        if (rule.kind() == AlertRule.Kind.TRENDING) {
            return new RuleCheck(flagged, windowPosts);
        }
        if (minutes.size() != rule.minutes()) {
            throw new IllegalArgumentException("rule " + rule.key() + " needs " + rule.minutes() + " minutes, got " + minutes.size());
        }
        boolean every = true;
        long posts = 0;
        long negative = 0;
        long scored = 0;
        for (Counts c : minutes) {
            long s = c.positive() + c.neutral() + c.negative();
            posts += c.posts();
            negative += c.negative();
            scored += s;
            every &= switch (rule.kind()) {
                case NEGATIVE_SHARE -> s > 0 && (double) c.negative() / s > rule.threshold();
                case VOLUME_ABOVE -> c.posts() > rule.threshold();
                case VOLUME_BELOW -> c.posts() < rule.threshold();
                case TRENDING -> throw new AssertionError();
            };
        }
        double value = rule.kind() == AlertRule.Kind.NEGATIVE_SHARE
                ? (scored == 0 ? 0 : (double) negative / scored)
                : (double) posts / minutes.size();
        return new RuleCheck(every, value);
    }
}
