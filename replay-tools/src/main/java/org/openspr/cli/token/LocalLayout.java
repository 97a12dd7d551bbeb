package org.openspr.cli.token;

import java.nio.file.Path;

/** Where each component of {@code spr local} keeps its files under the data directory. */
public final class LocalLayout {
    private LocalLayout() {
    }

    /** The audit ledger's Ed25519 signing key (its public half is beside it, suffixed {@code .pub}). */
    public static Path auditSigningKey(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("audit").resolve("ledger-signing-key.pem");
    }

    /** The development token issuer's key pair. */
    public static Path issuerDir(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("dev-issuer");
    }
}
