/**
 * Images API v1 at the Diablo level (2011.3) over the same use cases as v2: x-image-meta headers, image data with
 * v1's upload rules, Diablo's listing filters and paging, members. docs/api-v1.md maps every field to v2.
 */
package io.glance.http.v1;
