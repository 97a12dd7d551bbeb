package org.openspr.cli.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.cli.token.LocalLayout;
import picocli.CommandLine.Option;

/** Which public key verifies the ledger's checkpoints: a file, or the one {@code spr local} keeps in its data directory. */
public final class LedgerKeyOptions {

    @Option(names = "--public-key", description = "PEM file with the ledger's Ed25519 public key. Default: the one in --data-dir.")
    Path publicKey;

    @Option(names = "--data-dir", defaultValue = "${env:SPR_DATA_DIR:-.spr-data}",
            description = "spr local's data directory, to find the ledger's public key. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    PublicKey load() {
        Path file = publicKey != null ? publicKey : SigningKeys.publicKeyFileFor(LocalLayout.auditSigningKey(dataDir));
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no ledger public key at " + file + " (give --public-key FILE)");
        }
        return SigningKeys.readPublicKey(file);
    }
}
