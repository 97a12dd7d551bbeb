package org.openspr.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build's version from the jar manifest. */
public final class SprVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SprVersion.class.getPackage().getImplementationVersion();
        return new String[] {"spr " + (version == null ? "development build" : version)};
    }
}
