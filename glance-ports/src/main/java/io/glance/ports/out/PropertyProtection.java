package io.glance.ports.out;

import io.glance.domain.RequestContext;

/**
 * Glance's property protections ({@code property_protection_file}): who may create, read, update and delete which
 * custom image properties. Base attributes are not covered.
 */
@FunctionalInterface
public interface PropertyProtection {

    /** No protection file: every caller may do everything with every property. */
    PropertyProtection NONE = (context, property, operation) -> true;

    enum Operation { CREATE, READ, UPDATE, DELETE }

    boolean allows(RequestContext context, String property, Operation operation);
}
