/**
 * Image data as an HTTP representation, for both API versions: validators (strong ETag, Last-Modified), the
 * conditional request headers, byte ranges (single and multipart), HEAD, and the Cache-Control that lets shared
 * caches such as Varnish and Squid keep the bytes but revalidate every request with glance-api.
 */
package io.glance.http.data;
