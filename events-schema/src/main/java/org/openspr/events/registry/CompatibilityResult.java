package org.openspr.events.registry;

import java.util.List;

/** The registry's answer to a compatibility check, with its explanations when the answer is no. */
public record CompatibilityResult(boolean compatible, List<String> messages) {
}
