/**
 * The read-only {@code http} store: images a web server already serves, read with the JDK HTTP client. Every URL,
 * including each redirect hop, passes a scheme, host, port and resolved-address policy first, so that image
 * locations cannot make the service reach internal addresses.
 */
package io.glance.store.http;
