/** TLS for glance-api's and glance-registry's listeners and for glance-api's registry client, from PEM files. */
package io.glance.server.tls;
