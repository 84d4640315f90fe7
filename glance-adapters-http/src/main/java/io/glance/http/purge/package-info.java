/** Telling caching proxies in front of glance-api (Varnish, Squid) to drop an image's data: HTTP PURGE requests. */
package io.glance.http.purge;
