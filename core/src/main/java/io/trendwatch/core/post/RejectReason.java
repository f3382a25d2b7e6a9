package io.trendwatch.core.post;

/** Why a record was not accepted as a post. Stable names: they go to the dead-letter topic. */
public enum RejectReason {
    EMPTY_RECORD,
    RECORD_TOO_LARGE,
    INVALID_UTF8,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    DUPLICATE_FIELD,
    MISSING_FIELD,
    WRONG_TYPE,
    BLANK_FIELD,
    FIELD_TOO_LONG,
    TEXT_TOO_LONG,
    TOO_MANY_ENTITIES,
    BAD_TIMESTAMP,
    /** {@code created_at} later than the record's arrival plus the allowed clock skew ({@link EventTimeGuard}). */
    FUTURE_TIMESTAMP,
    BAD_ID,
    MALFORMED_LINE
}
