/** This node's image cache as the downloads, the cache API and the background work use it. */
package io.glance.application.cache;
