/**
 * The {@code s3} store: images as objects in an S3-compatible bucket through the AWS SDK v2, with the blocking
 * url-connection HTTP client. Small images of known size go up in one PUT; large ones and those of unknown size are
 * streamed as a multipart upload, one part buffer at a time.
 */
package io.glance.store.s3;
