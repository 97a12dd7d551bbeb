package org.openspr.query.streams;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Puts the forwarding filter on the {@link PatientScoped} resource methods. */
public final class ForwardingFeature implements DynamicFeature {
    private final ForwardingFilter filter;

    public ForwardingFeature(ForwardingFilter filter) {
        this.filter = filter;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceMethod().isAnnotationPresent(PatientScoped.class)) {
            context.register(filter);
        }
    }
}
