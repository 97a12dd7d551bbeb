package org.openspr.query.audit;

import java.util.UUID;

/**
 * The id of the request being served on this thread, so audit events and log lines of one request can be joined. Set
 * by {@link RequestIdFilter}; a forwarded request keeps the id of the original one.
 */
public final class RequestIds {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    public static String current() {
        String id = CURRENT.get();
        return id != null ? id : UUID.randomUUID().toString();
    }

    static void set(String id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }
}
