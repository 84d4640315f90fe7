/**
 * Connection handling an attacker cannot exhaust: a cap on open connections below the file limit (the longest-idle
 * connection makes room, or the newcomer gets a 503 at once), timeouts for idle connections, request heads and
 * request bodies, a minimum body transfer rate, {@code Connection: close} honoured and HTTP/1.0 served.
 */
package io.glance.http.connections;
