/** Error answers of the Images API: one status mapping, webob-compatible bodies chosen by {@code Accept}. */
package io.glance.http.errors;
