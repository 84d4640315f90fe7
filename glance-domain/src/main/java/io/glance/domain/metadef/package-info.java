/**
 * The metadata definitions catalog ("metadefs"): namespaces that describe which image, flavor or volume properties
 * mean something, with their objects, property definitions, tags and resource-type associations. Property
 * definitions are JSON Schema fragments; the domain keeps them as JSON text and leaves their syntax to the adapter
 * that speaks JSON.
 */
package io.glance.domain.metadef;
