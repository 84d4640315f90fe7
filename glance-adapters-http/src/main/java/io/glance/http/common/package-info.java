/** HTTP plumbing shared by the API resources: request ids and contexts, bodies, JSON, path parameters. */
package io.glance.http.common;
