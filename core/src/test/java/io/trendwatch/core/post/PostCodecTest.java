package io.trendwatch.core.post;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PostCodecTest {

    private final PostCodec codec = new PostCodec();

    private static final String VALID = """
            {"id":"628949369883000832","platform":"twitter","author":"jane","text":"#Sale at @Nike http://t.co/x",\
            "language":"en","created_at":"2015-08-02T10:15:30Z","hashtags":["Sale"],"mentions":["Nike"],"urls":["http://t.co/x"]}""";

    @Test
    void roundTripsAValidPost() {
        Post post = accepted(codec.parse(VALID));
        assertThat(post.id()).isEqualTo("628949369883000832");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2015-08-02T10:15:30Z"));
        assertThat(post.hashtags()).containsExactly("Sale");
        assertThat(accepted(codec.parse(codec.encode(post)))).isEqualTo(post);
        assertThat(codec.encodeToString(post)).isEqualTo(VALID);
    }

    @Test
    void convertsOffsetsToUtc() {
        Post post = accepted(codec.parse(VALID.replace("2015-08-02T10:15:30Z", "2015-08-02T12:15:30+02:00")));
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2015-08-02T10:15:30Z"));
    }

    @Test
    void derivesEntitiesFromTheTextWhenAbsentAndDefaultsLanguage() {
        Post post = accepted(codec.parse("""
                {"id":"1","platform":"twitter","author":"a","text":"Love #Coffee with @Bob https://ex.com/a.",\
                "created_at":"2016-11-25T00:00:00Z"}"""));
        assertThat(post.hashtags()).containsExactly("coffee");
        assertThat(post.mentions()).containsExactly("bob");
        assertThat(post.urls()).containsExactly("https://ex.com/a");
        assertThat(post.language()).isEqualTo("und");
    }

    @Test
    void ignoresUnknownFieldsAndStripsEntityPrefixes() {
        Post post = accepted(codec.parse(VALID.replace("\"hashtags\":[\"Sale\"]", "\"hashtags\":[\"#Sale\"],\"retweets\":3")));
        assertThat(post.hashtags()).containsExactly("Sale");
    }

    static Stream<Arguments> badRecords() {
        String longText = "x".repeat(PostLimits.DEFAULT.maxTextChars() + 1);
        return Stream.of(
                Arguments.of("empty", "", RejectReason.EMPTY_RECORD, "empty"),
                Arguments.of("not json", "{\"id\": ", RejectReason.MALFORMED_JSON, "JSON"),
                Arguments.of("garbage", "hello world", RejectReason.MALFORMED_JSON, "JSON"),
                Arguments.of("array", "[1,2]", RejectReason.NOT_AN_OBJECT, "array"),
                Arguments.of("duplicate key", VALID.replace("{\"id\"", "{\"id\":\"9\",\"id\""), RejectReason.DUPLICATE_FIELD, "id"),
                Arguments.of("missing id", VALID.replace("\"id\":\"628949369883000832\",", ""), RejectReason.MISSING_FIELD, "'id'"),
                Arguments.of("null id", VALID.replace("\"628949369883000832\"", "null"), RejectReason.MISSING_FIELD, "'id'"),
                Arguments.of("numeric id", VALID.replace("\"628949369883000832\"", "628949369883000832"), RejectReason.WRONG_TYPE, "'id' must be a string"),
                Arguments.of("id with space", VALID.replace("\"628949369883000832\"", "\"62 89\""), RejectReason.BAD_ID, "white space"),
                Arguments.of("missing text", VALID.replace("\"text\":\"#Sale at @Nike http://t.co/x\",", ""), RejectReason.MISSING_FIELD, "'text'"),
                Arguments.of("text object", VALID.replace("\"#Sale at @Nike http://t.co/x\"", "{}"), RejectReason.WRONG_TYPE, "'text'"),
                Arguments.of("blank author", VALID.replace("\"jane\"", "\"  \""), RejectReason.BLANK_FIELD, "'author'"),
                Arguments.of("huge text", VALID.replace("#Sale at @Nike http://t.co/x", longText), RejectReason.TEXT_TOO_LONG, "limit"),
                Arguments.of("no offset", VALID.replace("2015-08-02T10:15:30Z", "2015-08-02T10:15:30"), RejectReason.BAD_TIMESTAMP, "offset"),
                Arguments.of("not a time", VALID.replace("2015-08-02T10:15:30Z", "yesterday"), RejectReason.BAD_TIMESTAMP, "yesterday"),
                Arguments.of("epoch number", VALID.replace("\"2015-08-02T10:15:30Z\"", "1438510530"), RejectReason.WRONG_TYPE, "created_at"),
                Arguments.of("year 1900", VALID.replace("2015-08-02", "1900-08-02"), RejectReason.BAD_TIMESTAMP, "out of range"),
                Arguments.of("missing time", VALID.replace(",\"created_at\":\"2015-08-02T10:15:30Z\"", ""), RejectReason.MISSING_FIELD, "created_at"),
                Arguments.of("hashtags string", VALID.replace("[\"Sale\"]", "\"Sale\""), RejectReason.WRONG_TYPE, "hashtags"),
                Arguments.of("hashtag number", VALID.replace("[\"Sale\"]", "[7]"), RejectReason.WRONG_TYPE, "hashtags[]"),
                Arguments.of("blank hashtag", VALID.replace("[\"Sale\"]", "[\"#\"]"), RejectReason.BLANK_FIELD, "hashtags"),
                Arguments.of("too many tags", VALID.replace("[\"Sale\"]", "[" + "\"a\",".repeat(100) + "\"a\"]"), RejectReason.TOO_MANY_ENTITIES, "hashtags"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void rejectsBadRecordsSayingWhy(String name, String json, RejectReason reason, String detailMentions) {
        ParseResult result = codec.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).contains(detailMentions);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, broken, 0, 40);
        broken[40] = (byte) 0xC3;   // a lead byte with no continuation
        broken[41] = (byte) 0x28;
        System.arraycopy(bytes, 40, broken, 42, bytes.length - 40);
        assertThat(codec.parse(broken)).isEqualTo(ParseResult.rejected(RejectReason.INVALID_UTF8, "the record is not valid UTF-8"));
    }

    @Test
    void rejectsRecordsOverTheByteLimitBeforeParsing() {
        PostCodec small = new PostCodec(new PostLimits(100, 50, 20, 5));
        ParseResult r = small.parse(VALID.getBytes(StandardCharsets.UTF_8));
        assertThat(((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    }

    @Test
    void encodingIsDeterministic() {
        Post p = new Post("1", "twitter", "a", "é \"quoted\" \n line", "en", Instant.parse("2016-01-01T00:00:00.123Z"),
                List.of("x"), List.of(), List.of());
        assertThat(codec.encode(p)).isEqualTo(codec.encode(p));
        assertThat(accepted(codec.parse(codec.encode(p)))).isEqualTo(p);
    }

    private static Post accepted(ParseResult r) {
        assertThat(r).as(r.toString()).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).post();
    }
}
