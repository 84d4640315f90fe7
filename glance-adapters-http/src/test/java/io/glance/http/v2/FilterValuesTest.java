package io.glance.http.v2;

import io.glance.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterValuesTest {

    @Test
    void splitsOnCommasOutsideQuotes() {
        assertThat(FilterValues.splitInList("a,\"b,c\",d")).containsExactly("a", "b,c", "d");
        assertThat(FilterValues.splitInList("a,,b")).containsExactly("a", "", "b");
        assertThat(FilterValues.splitInList("a,")).containsExactly("a");
        assertThat(FilterValues.splitInList("")).isEmpty();
    }

    @Test
    void keepsEscapedQuotesAsGlanceDoes() {
        assertThat(FilterValues.splitInList("\"say \\\"hi\\\"\",x")).containsExactly("say \\\"hi\\\"", "x");
    }

    @Test
    void misplacedOrUnclosedQuotesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> FilterValues.splitInList("a\"b\""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a\"b\"")
                .hasMessageContaining("no comma before opening");
        assertThatThrownBy(() -> FilterValues.splitInList("\"a\"b"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no comma after closing");
        assertThatThrownBy(() -> FilterValues.splitInList("\"a,b"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("The quote is not closed");
    }
}
