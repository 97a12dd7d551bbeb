package org.openspr.query.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.openspr.query.core.Caller;

/**
 * Remembers tokens whose signature and claims were verified, by their exact string, so a client's repeated requests
 * skip the signature check (the costliest step of a read). An entry lives until the token's own {@code exp} or
 * {@code maxAge}, whichever is sooner, so a cached token is never accepted after it expired and a key withdrawn from the
 * JWK set stops being trusted within {@code maxAge}. Bounded by {@code maxEntries}; only successes are cached.
 */
final class VerifiedTokenCache {
    /** A verified token: who it proves, and its {@code exp}. */
    record Verified(Caller caller, Instant expiresAt) {
    }

    private final Cache<String, Verified> cache; // null when disabled: Caffeine evicts a size-0 cache only eventually
    private final Clock clock;
    private final Duration maxAge;

    VerifiedTokenCache(int maxEntries, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.cache = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String token, Verified verified, long now) {
                return Math.max(0, Duration.between(VerifiedTokenCache.this.clock.instant(), verified.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String token, Verified verified, long now, long remaining) {
                return expireAfterCreate(token, verified, now);
            }

            @Override
            public long expireAfterRead(String token, Verified verified, long now, long remaining) {
                return remaining;
            }
        }).build();
    }

    /** A cache that keeps nothing (size 0): every token is verified every time. */
    static VerifiedTokenCache disabled() {
        return new VerifiedTokenCache(0, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * The cached caller for this exact token, or the result of {@code verify} (which throws for a bad token, and is then
     * not cached) remembered until the token's exp or {@code maxAge}.
     */
    Caller get(String token, Function<String, Verified> verify) {
        if (cache == null) {
            return verify.apply(token).caller();
        }
        Instant now = clock.instant();
        Verified hit = cache.getIfPresent(token);
        // Checked here too: the cache's own clock is coarse, a token must not outlive its exp by even a tick.
        if (hit != null && now.isBefore(hit.expiresAt())) {
            return hit.caller();
        }
        Verified verified = verify.apply(token);
        Instant until = verified.expiresAt();
        Instant cap = now.plus(maxAge);
        Instant expiry = until == null || until.isAfter(cap) ? cap : until;
        if (now.isBefore(expiry)) {
            cache.put(token, new Verified(verified.caller(), expiry));
        }
        return verified.caller();
    }

    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
