package org.openspr.query.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.openspr.query.auth.DevTokenIssuer;

/** Publishes the dev issuer's public keys, so other local services can verify its tokens. Only with the dev issuer. */
@Path("/.well-known/jwks.json")
@PermitAll
public final class JwksResource {
    private final DevTokenIssuer issuer;

    public JwksResource(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        return issuer.publicKeys().toJSONObject(true);
    }
}
