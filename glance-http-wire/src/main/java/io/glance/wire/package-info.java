/**
 * The client side of the HTTP/1.1 wire format, JDK only: {@link io.glance.wire.HttpAnswerReader} reads the answers that
 * arrive on a connection whose requests the caller wrote itself (glance-client's data exchanges, glance-api's registry
 * client, web-download's plain http GET). Strict and bounded: a head larger than the caller's limit, a malformed
 * status line, header, length or chunk is a {@link io.glance.wire.MalformedAnswerException} naming the bad value; a
 * connection that ends too early is an {@link java.io.EOFException}. Bodies stream: nothing holds a whole body.
 */
package io.glance.wire;
