package io.trendwatch.core.post;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of a post on Kafka: one JSON object, UTF-8, keyed by post id.
 *
 * <pre>{"id":"6289…","platform":"twitter","author":"jane","text":"…","language":"en",
 *  "created_at":"2015-08-02T10:15:30Z","hashtags":["Sale"],"mentions":["nike"],"urls":[]}</pre>
 *
 * Parsing is strict about the fields it knows (type, presence, size, an
 * explicit UTC offset on {@code created_at}) and says why a record is
 * rejected. Unknown fields are ignored so producers can add fields first.
 * {@code language} defaults to {@code und}; absent entity lists are read from
 * the text. Thread-safe.
 */
public final class PostCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;

    private final PostLimits limits;

    public PostCodec() {
        this(PostLimits.DEFAULT);
    }

    public PostCodec(PostLimits limits) {
        this.limits = limits;
    }

    public PostLimits limits() {
        return limits;
    }

    /** Parses raw bytes from Kafka or a file; never throws for bad input. */
    public ParseResult parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ParseResult.rejected(RejectReason.EMPTY_RECORD, "the record is empty");
        }
        if (bytes.length > limits.maxRecordBytes()) {
            return ParseResult.rejected(RejectReason.RECORD_TOO_LARGE,
                    "record is " + bytes.length + " bytes, the limit is " + limits.maxRecordBytes());
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return ParseResult.rejected(RejectReason.INVALID_UTF8, "the record is not valid UTF-8");
        }
        return parse(json);
    }

    public ParseResult parse(String json) {
        if (json == null || json.isBlank()) {
            return ParseResult.rejected(RejectReason.EMPTY_RECORD, "the record is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonParseException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                return ParseResult.rejected(RejectReason.DUPLICATE_FIELD, msg);
            }
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, firstLine(msg));
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            return ParseResult.rejected(RejectReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        return fromObject((ObjectNode) node);
    }

    /** Validates an already-parsed object (CSV rows are turned into one first). */
    public ParseResult fromObject(ObjectNode obj) {
        try {
            String id = requiredString(obj, "id", limits.maxFieldChars());
            if (id.chars().anyMatch(Character::isWhitespace)) {
                throw new Invalid(RejectReason.BAD_ID, "id must not contain white space");
            }
            String platform = requiredString(obj, "platform", limits.maxFieldChars());
            String author = requiredString(obj, "author", limits.maxFieldChars());
            String text = requiredText(obj);
            String language = optionalString(obj, "language", "und");
            Instant createdAt = timestamp(obj);
            List<String> hashtags = optionalList(obj, "hashtags");
            List<String> mentions = optionalList(obj, "mentions");
            List<String> urls = optionalList(obj, "urls");
            if (hashtags == null || mentions == null || urls == null) {
                Post derived = Post.ofText(id, platform, author, text, language, createdAt);
                hashtags = hashtags == null ? derived.hashtags() : hashtags;
                mentions = mentions == null ? derived.mentions() : mentions;
                urls = urls == null ? derived.urls() : urls;
            }
            return ParseResult.accepted(new Post(id, platform, author, text, language, createdAt, hashtags, mentions, urls));
        } catch (Invalid e) {
            return ParseResult.rejected(e.reason, e.getMessage());
        }
    }

    /** Encodes a post in the wire format; the output is byte-identical for equal posts. */
    public byte[] encode(Post post) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + post.text().length() * 2);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", post.id());
            g.writeStringField("platform", post.platform());
            g.writeStringField("author", post.author());
            g.writeStringField("text", post.text());
            g.writeStringField("language", post.language());
            g.writeStringField("created_at", DateTimeFormatter.ISO_INSTANT.format(post.createdAt()));
            writeArray(g, "hashtags", post.hashtags());
            writeArray(g, "mentions", post.mentions());
            writeArray(g, "urls", post.urls());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String encodeToString(Post post) {
        return new String(encode(post), StandardCharsets.UTF_8);
    }

    /** An empty object node to fill from another format before {@link #fromObject}. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private String requiredString(ObjectNode obj, String field, int maxChars) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "field '" + field + "' is missing");
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        String s = v.textValue();
        if (s.isBlank()) {
            throw new Invalid(RejectReason.BLANK_FIELD, "field '" + field + "' is blank");
        }
        if (s.length() > maxChars) {
            throw new Invalid(RejectReason.FIELD_TOO_LONG,
                    "field '" + field + "' has " + s.length() + " characters, the limit is " + maxChars);
        }
        return s;
    }

    private String requiredText(ObjectNode obj) {
        JsonNode v = obj.get("text");
        if (v == null || v.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "field 'text' is missing");
        }
        if (!v.isTextual()) {
            throw wrongType("text", "a string", v);
        }
        String s = v.textValue();
        if (s.length() > limits.maxTextChars()) {
            throw new Invalid(RejectReason.TEXT_TOO_LONG,
                    "field 'text' has " + s.length() + " characters, the limit is " + limits.maxTextChars());
        }
        return s;
    }

    private String optionalString(ObjectNode obj, String field, String fallback) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        String s = v.textValue().strip();
        if (s.length() > limits.maxFieldChars()) {
            throw new Invalid(RejectReason.FIELD_TOO_LONG, "field '" + field + "' is too long");
        }
        return s.isEmpty() ? fallback : s;
    }

    /** Returns null when the field is absent, so the caller derives it from the text. */
    private List<String> optionalList(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        if (v.size() > limits.maxEntities()) {
            throw new Invalid(RejectReason.TOO_MANY_ENTITIES,
                    "field '" + field + "' has " + v.size() + " entries, the limit is " + limits.maxEntities());
        }
        List<String> values = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(field + "[]", "a string", e);
            }
            String s = e.textValue().strip();
            boolean entity = !field.equals("urls");
            String bare = entity && !s.isEmpty() && (s.charAt(0) == '#' || s.charAt(0) == '@') ? s.substring(1) : s;
            if (bare.isEmpty()) {
                throw new Invalid(RejectReason.BLANK_FIELD, "field '" + field + "' has a blank entry");
            }
            if (bare.length() > limits.maxFieldChars() * (entity ? 1 : 8)) {
                throw new Invalid(RejectReason.FIELD_TOO_LONG, "field '" + field + "' has an entry that is too long");
            }
            values.add(bare);
        }
        return values;
    }

    private static Instant timestamp(ObjectNode obj) {
        JsonNode v = obj.get("created_at");
        if (v == null || v.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "field 'created_at' is missing");
        }
        if (!v.isTextual()) {
            throw wrongType("created_at", "an ISO-8601 string with a UTC offset", v);
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(v.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new Invalid(RejectReason.BAD_TIMESTAMP,
                    "field 'created_at' is not an ISO-8601 time with an offset (e.g. 2016-11-25T10:15:30Z): '"
                            + abbreviate(v.textValue()) + "'");
        }
        int year = t.atOffset(java.time.ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new Invalid(RejectReason.BAD_TIMESTAMP, "field 'created_at' is out of range: " + v.textValue());
        }
        return t;
    }

    private static Invalid wrongType(String field, String expected, JsonNode actual) {
        return new Invalid(RejectReason.WRONG_TYPE,
                "field '" + field + "' must be " + expected + ", got " + actual.getNodeType().name().toLowerCase());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "not valid JSON";
        }
        int nl = msg.indexOf('\n');
        return "not valid JSON: " + (nl < 0 ? msg : msg.substring(0, nl));
    }

    /** Control flow inside validation only; never escapes this class. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;

        Invalid(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
