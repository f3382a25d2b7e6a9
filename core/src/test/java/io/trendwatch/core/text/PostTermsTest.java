package io.trendwatch.core.text;

import io.trendwatch.core.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostTermsTest {

    @Test
    void aPostAddsEachTermOnceThenTheTotal() {
        Post post = new Post("1", "twitter", "a", "#Sale today at @shop, #sale again #SALE", "en",
                Instant.parse("2016-01-01T00:00:00Z"), List.of("sale", "launch"), List.of("shop"), List.of());

        List<PostTerms.Counted> counted = PostTerms.counted(post);

        assertThat(counted).doesNotHaveDuplicates();
        assertThat(counted.get(counted.size() - 1)).isEqualTo(new PostTerms.Counted(PostTerms.TOTAL, PostTerms.TOTAL_KIND));
        assertThat(counted).filteredOn(c -> c.term().equals(PostTerms.TOTAL)).hasSize(1);
        assertThat(counted).contains(new PostTerms.Counted("#sale", "hashtag"), new PostTerms.Counted("@shop", "mention"),
                // named only by the post's entities, not its text
                new PostTerms.Counted("#launch", "hashtag"));
        assertThat(counted.subList(0, counted.size() - 1))
                .extracting(PostTerms.Counted::term).containsExactlyElementsOf(
                        PostTerms.of(post).stream().map(Term::text).toList());
    }
}
