package org.openspr.query.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Puts the bearer filter on every resource method except those marked {@link PermitAll} (metadata, JWKS). */
public final class AuthenticationFeature implements DynamicFeature {
    private final BearerAuthFilter filter;

    public AuthenticationFeature(TokenVerifier verifier) {
        this.filter = new BearerAuthFilter(verifier);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        boolean open = resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class);
        if (!open) {
            context.register(filter);
        }
    }
}
