/**
 * TLS client trust shared by glance-server (its registry client) and glance-client: JDK only. Callers turn the
 * checked exceptions into their own errors, naming their own option or variable.
 */
package io.glance.tls;
