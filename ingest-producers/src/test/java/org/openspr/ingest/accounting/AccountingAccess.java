package org.openspr.ingest.accounting;

import java.nio.file.Path;

/** Lets tests in other packages use the independent item count. */
public final class AccountingAccess {
    private AccountingAccess() {
    }

    public static long items(Path root) {
        return ImportAccounting.items(root);
    }
}
