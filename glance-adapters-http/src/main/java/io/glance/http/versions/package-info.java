/** Version discovery and negotiation of the Images API (Glance v2 §1). */
package io.glance.http.versions;
