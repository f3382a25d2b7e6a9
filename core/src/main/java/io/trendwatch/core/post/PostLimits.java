package io.trendwatch.core.post;

/**
 * Size limits a record must respect. They protect the views (one post with
 * ten thousand hashtags would dominate every count) and the workers' memory.
 */
public record PostLimits(int maxRecordBytes, int maxTextChars, int maxFieldChars, int maxEntities) {

    /** Generous for every platform we ingest; a tweet is at most 280 characters. */
    public static final PostLimits DEFAULT = new PostLimits(64 * 1024, 10_000, 256, 100);

    public PostLimits {
        if (maxRecordBytes <= 0 || maxTextChars <= 0 || maxFieldChars <= 0 || maxEntities <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
