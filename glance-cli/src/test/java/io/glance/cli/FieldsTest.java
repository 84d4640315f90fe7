package io.glance.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTest {
    @Test
    void parsesLikeTheOriginalCli() {
        assertThat(Fields.parse(List.of("Name=foo,", "Disk-Format=raw", "empty=")))
                .containsExactly(java.util.Map.entry("name", "foo"), java.util.Map.entry("disk_format", "raw"),
                        java.util.Map.entry("empty", ""));
    }

    @Test
    void rejectsAnythingButOneEqualsSign() {
        assertThatThrownBy(() -> Fields.parse(List.of("a=b=c"))).isInstanceOf(UsageException.class)
                .hasMessage("Arguments should be in the form of field=value. You specified a=b=c.");
        assertThatThrownBy(() -> Fields.parse(List.of("novalue"))).hasMessageContaining("You specified novalue.");
    }

    @Test
    void isPublicTruth() {
        assertThat(Fields.isTrue("True")).isTrue();
        assertThat(Fields.isTrue("on")).isTrue();
        assertThat(Fields.isTrue("1")).isTrue();
        assertThat(Fields.isTrue("yes")).isFalse();
    }
}
