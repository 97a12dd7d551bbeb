package org.openspr.query.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.Caller;

/**
 * Verifies bearer tokens: signature against the issuer's JWK set, then exp, nbf, iss and aud, and turns the claims into
 * a {@link Caller}. Anything wrong is a 401 with an SPR code; the reason never includes the token.
 */
public final class TokenVerifier {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256);
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokenCache cache;

    /** A verifier that checks every token's signature on every request (no cache). */
    public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, int maxClockSkewSeconds) {
        this(keys, issuer, audience, maxClockSkewSeconds, VerifiedTokenCache.disabled());
    }

    TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, int maxClockSkewSeconds,
                  VerifiedTokenCache cache) {
        this.cache = cache;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iss", "aud"), null);
        claims.setMaxClockSkew(maxClockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A verifier for the configured key source (JWKS URL, JWKS file or the dev issuer). */
    public static TokenVerifier from(AuthConfig config, DevTokenIssuer devIssuer) {
        JWKSource<SecurityContext> keys;
        if (config.jwksUrl != null) {
            try {
                keys = JWKSourceBuilder.create(URI.create(config.jwksUrl).toURL()).retrying(true).build();
            } catch (java.net.MalformedURLException | IllegalArgumentException e) {
                throw new QueryException(e, 500, QueryErrorCode.JWKS_UNAVAILABLE, config.jwksUrl, e.getMessage());
            }
        } else if (config.jwksFile != null) {
            try {
                keys = new ImmutableJWKSet<>(JWKSet.load(new File(config.jwksFile)));
            } catch (java.io.IOException | ParseException e) {
                throw new QueryException(e, 500, QueryErrorCode.JWKS_UNAVAILABLE, config.jwksFile, e.getMessage());
            }
        } else {
            keys = new ImmutableJWKSet<>(devIssuer.publicKeys());
        }
        return new TokenVerifier(keys, config.issuer, config.audience, config.maxClockSkewSeconds,
                new VerifiedTokenCache(config.verifiedTokenCacheSize, config.verifiedTokenCacheMaxAge.toJavaDuration(),
                        java.time.Clock.systemUTC()));
    }

    /** The caller this token proves, or a 401 QueryException. */
    public Caller verify(String token) {
        return cache.get(token, this::verifySignatureAndClaims);
    }

    private VerifiedTokenCache.Verified verifySignatureAndClaims(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new QueryException(e, 401, QueryErrorCode.TOKEN_INVALID, e.getMessage());
        }
        try {
            String subject = claims.getSubject();
            String nhsNumber = claims.getStringClaim(JwtClaims.NHS_NUMBER);
            String role = claims.getStringClaim(JwtClaims.ROLE);
            if (nhsNumber == null && role == null) {
                throw new QueryException(401, QueryErrorCode.TOKEN_NO_ROLE, subject);
            }
            if (nhsNumber != null && !nhsNumber.equals(subject)) {
                throw new QueryException(401, QueryErrorCode.TOKEN_INVALID, "nhs_number differs from sub");
            }
            Caller caller = new Caller(subject, claims.getStringClaim(JwtClaims.NAME), nhsNumber == null ? role : null,
                    nhsNumber == null ? claims.getStringClaim(JwtClaims.ODS) : null, nhsNumber,
                    claims.getStringClaim(JwtClaims.CLIENT_ID), token);
            // exp is required by the claims verifier, so it is never null here.
            return new VerifiedTokenCache.Verified(caller, claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new QueryException(e, 401, QueryErrorCode.TOKEN_INVALID, e.getMessage());
        }
    }
}
