package org.openspr.query.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * Token verification ({@code auth:}). Keys come from exactly one of: {@code jwksUrl} (a real issuer),
 * {@code jwksFile} (a JWK set on disk), or {@code devIssuerDataDir} (the local dev issuer's own key).
 */
public class AuthConfig {
    /** Expected {@code iss} claim; tokens from any other issuer are refused. */
    @NotEmpty
    @JsonProperty
    public String issuer = DevTokenIssuer.DEFAULT_ISSUER;

    /** Expected {@code aud} claim (this service); tokens minted for another audience are refused. */
    @NotEmpty
    @JsonProperty
    public String audience = DevTokenIssuer.DEFAULT_AUDIENCE;

    /** URL of the issuer's JWK set, fetched and cached (refreshed on an unknown key id). */
    @JsonProperty
    public String jwksUrl;

    /** Path of a JWK set file (public keys). */
    @JsonProperty
    public String jwksFile;

    /**
     * Data directory of the local dev issuer: its key pair is created there on first start and reused afterwards; the
     * service then trusts it and serves its public keys at {@code /.well-known/jwks.json}. Never set in production.
     */
    @JsonProperty
    public String devIssuerDataDir;

    /** Clock skew tolerated on exp and nbf, in seconds. */
    @Min(0)
    @Max(300)
    @JsonProperty
    public int maxClockSkewSeconds = 30;

    /**
     * How many verified tokens to remember (by their exact string) so repeated requests skip the signature check;
     * 0 verifies every request. An entry never outlives the token's exp.
     */
    @Min(0)
    @Max(1_000_000)
    @JsonProperty
    public int verifiedTokenCacheSize = 10_000;

    /**
     * Longest time a verified token is remembered, even if it expires later: bounds how long a key withdrawn from the
     * issuer's JWK set is still honoured for tokens already seen.
     */
    @jakarta.validation.constraints.NotNull
    @JsonProperty
    public io.dropwizard.util.Duration verifiedTokenCacheMaxAge = io.dropwizard.util.Duration.minutes(5);

    @JsonIgnore
    @ValidationMethod(message = "auth needs exactly one of jwksUrl, jwksFile, devIssuerDataDir")
    public boolean isExactlyOneKeySource() {
        int sources = (jwksUrl != null ? 1 : 0) + (jwksFile != null ? 1 : 0) + (devIssuerDataDir != null ? 1 : 0);
        return sources == 1;
    }
}
