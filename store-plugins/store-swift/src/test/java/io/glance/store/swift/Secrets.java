package io.glance.store.swift;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions that secrets (passwords, tokens) appear nowhere in what the driver lets out. */
final class Secrets {

    private Secrets() {
    }

    /** Neither the message nor the stack trace of {@code failure} or any of its causes contains a secret. */
    static void assertAbsent(Throwable failure, String... secrets) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertAbsent("exception " + failure, trace.toString(), secrets);
    }

    /** {@code text} (what it is: a location, a log record...) contains no secret. */
    static void assertAbsent(String what, String text, String... secrets) {
        for (String secret : secrets) {
            assertThat(secret).as("a secret to look for").hasSizeGreaterThan(7);
            assertThat(text).as(what + " must not contain a secret").doesNotContain(secret);
        }
    }
}
