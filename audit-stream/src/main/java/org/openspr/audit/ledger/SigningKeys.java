package org.openspr.audit.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.events.errors.SprException;

/**
 * Ed25519 keys for checkpoint signatures, as PEM: the signing key file holds a PKCS#8 "PRIVATE KEY" block and an
 * X.509 "PUBLIC KEY" block (the JDK cannot derive an Ed25519 public key from the private one); verifiers need only
 * a file with the public block.
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 always has Ed25519", e);
        }
    }

    /** Reads the signing key file; if it does not exist, generates a key pair and writes it (local use). */
    public static KeyPair readOrGenerate(Path signingKeyFile) {
        if (Files.exists(signingKeyFile)) {
            return readKeyPair(signingKeyFile);
        }
        KeyPair pair = generate();
        try {
            Path parent = signingKeyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(signingKeyFile, toPem(pair.getPrivate()) + toPem(pair.getPublic()), StandardCharsets.US_ASCII);
            Files.writeString(publicKeyFileFor(signingKeyFile), toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SprException(e, AuditErrorCode.SIGNING_KEY_UNREADABLE, signingKeyFile, e.getMessage());
        }
        return pair;
    }

    /** Where {@link #readOrGenerate} writes the public key: next to the signing key, suffixed {@code .pub}. */
    public static Path publicKeyFileFor(Path signingKeyFile) {
        return signingKeyFile.resolveSibling(signingKeyFile.getFileName() + ".pub");
    }

    public static KeyPair readKeyPair(Path file) {
        String pem = read(file);
        return new KeyPair(decodePublic(file, block(file, pem, "PUBLIC")), decodePrivate(file, block(file, pem, "PRIVATE")));
    }

    public static PublicKey readPublicKey(Path file) {
        return decodePublic(file, block(file, read(file), "PUBLIC"));
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE", key.getEncoded());
    }

    /** Short stable id of a public key: hex of the first 8 bytes of SHA-256 over its X.509 encoding. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(MerkleHashes.sha256(key.getEncoded()), 0, 8);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + " KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + " KEY-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SprException(e, AuditErrorCode.SIGNING_KEY_UNREADABLE, file, e.getMessage());
        }
    }

    private static byte[] block(Path file, String pem, String kind) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                return Base64.getMimeDecoder().decode(matcher.group(2));
            }
        }
        throw new SprException(AuditErrorCode.SIGNING_KEY_MISSING_PART, file, kind + " KEY");
    }

    private static PublicKey decodePublic(Path file, byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new SprException(e, AuditErrorCode.SIGNING_KEY_UNREADABLE, file, e.getMessage());
        }
    }

    private static PrivateKey decodePrivate(Path file, byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new SprException(e, AuditErrorCode.SIGNING_KEY_UNREADABLE, file, e.getMessage());
        }
    }
}
