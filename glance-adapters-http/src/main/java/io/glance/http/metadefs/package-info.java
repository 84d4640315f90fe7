/**
 * The metadata definitions catalog of API v2 (/v2/metadefs): one service per resource, the body rules of Glance's
 * JSON schemas and WSME models checked by hand (so that what Glance answers with 500 gets a 400 naming the value),
 * and the JSON views.
 */
package io.glance.http.metadefs;
