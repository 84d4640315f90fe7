package io.glance.application;

import io.glance.domain.InvalidInputException;

/** The import methods this server can run. */
enum ImportMethod {
    GLANCE_DIRECT("glance-direct"), WEB_DOWNLOAD("web-download"), COPY_IMAGE("copy-image"),
    GLANCE_DOWNLOAD("glance-download");

    final String wireName;

    ImportMethod(String wireName) {
        this.wireName = wireName;
    }

    static ImportMethod fromWire(String name) {
        for (ImportMethod method : values()) {
            if (method.wireName.equals(name)) {
                return method;
            }
        }
        throw new InvalidInputException("Unknown import method name '" + name + "'.");
    }
}
