package org.openspr.query.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * A local token issuer for development and {@code spr local}: keeps one RSA key pair under a data directory (created
 * on first use, reused after), publishes its public JWK set, and mints tokens for staff (user id, RBAC role code, ODS
 * code) or for a patient (NHS number). The CLI's {@code spr token} calls {@link #open(Path)} and then
 * {@link #mintStaff} / {@link #mintPatient}. Never use it in production: anyone with the data directory mints anything.
 */
public final class DevTokenIssuer {
    public static final String DEFAULT_ISSUER = "https://spr.local/dev-issuer";
    public static final String DEFAULT_AUDIENCE = "spr-query-service";
    static final String KEY_FILE = "dev-issuer-key.jwk.json";

    private final RSAKey key;
    private final RSASSASigner signer;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    DevTokenIssuer(RSAKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new QueryException(e, 500, QueryErrorCode.DEV_ISSUER_KEY, "memory", e.getMessage());
        }
    }

    /** The issuer whose key lives in {@code dataDir}, with the default issuer and audience. */
    public static DevTokenIssuer open(Path dataDir) {
        return open(dataDir, DEFAULT_ISSUER, DEFAULT_AUDIENCE);
    }

    public static DevTokenIssuer open(Path dataDir, String issuer, String audience) {
        return new DevTokenIssuer(loadOrCreateKey(dataDir.resolve(KEY_FILE)), issuer, audience, Clock.systemUTC());
    }

    /** A token for a member of staff acting for an organisation in a role. */
    public String mintStaff(String userId, String roleCode, String odsCode, Duration ttl) {
        return sign(claims(userId, ttl).claim(JwtClaims.ROLE, roleCode).claim(JwtClaims.ODS, odsCode).build());
    }

    /** A token for a patient: subject and {@code nhs_number} are their NHS number. */
    public String mintPatient(String nhsNumber, Duration ttl) {
        return sign(claims(nhsNumber, ttl).claim(JwtClaims.NHS_NUMBER, nhsNumber).build());
    }

    /** Signs arbitrary claims with this issuer's key (tests use it for expired or wrong-audience tokens). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new QueryException(e, 500, QueryErrorCode.DEV_ISSUER_KEY, "memory", e.getMessage());
        }
        return jwt.serialize();
    }

    /** The public keys, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    private JWTClaimsSet.Builder claims(String subject, Duration ttl) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions have to do.
            }
            Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
            // Atomic so two processes starting together never read half a key.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException | java.text.ParseException | JOSEException e) {
            throw new QueryException(e, 500, QueryErrorCode.DEV_ISSUER_KEY, file, e.getMessage());
        }
    }
}
