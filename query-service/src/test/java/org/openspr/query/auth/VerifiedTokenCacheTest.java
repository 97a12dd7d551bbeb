package org.openspr.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.Caller;

class VerifiedTokenCacheTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final AtomicInteger verifications = new AtomicInteger();

    @Test
    void shouldVerifyARepeatedTokenOnlyOnce() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), clock);

        Caller first = cache.get("token-a", validUntil(T0.plusSeconds(60)));
        Caller second = cache.get("token-a", validUntil(T0.plusSeconds(60)));

        assertThat(second).isEqualTo(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), clock);
        cache.get("token-a", validUntil(T0.plusSeconds(60)));

        clock.now = T0.plusSeconds(60);

        assertThatThrownBy(() -> cache.get("token-a", rejected())).isInstanceOf(QueryException.class)
                .hasMessageStartingWith("SPR-4002");
    }

    @Test
    void shouldVerifyAgainAfterTheMaximumAgeEvenIfTheTokenLivesLonger() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), clock);
        cache.get("token-a", validUntil(T0.plusSeconds(3600)));

        clock.now = T0.plus(Duration.ofMinutes(5));
        cache.get("token-a", validUntil(T0.plusSeconds(3600)));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldNotRememberRejectedTokens() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), clock);

        assertThatThrownBy(() -> cache.get("token-a", rejected())).isInstanceOf(QueryException.class);
        cache.get("token-a", validUntil(T0.plusSeconds(60)));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldStayWithinItsBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(50, Duration.ofMinutes(5), clock);

        for (int i = 0; i < 1_000; i++) {
            cache.get("token-" + i, validUntil(T0.plusSeconds(60)));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void shouldVerifyEveryTimeWhenDisabled() {
        VerifiedTokenCache cache = new VerifiedTokenCache(0, Duration.ofMinutes(5), clock);

        cache.get("token-a", validUntil(T0.plusSeconds(60)));
        cache.get("token-a", validUntil(T0.plusSeconds(60)));

        assertThat(verifications).hasValue(2);
    }

    private Function<String, VerifiedTokenCache.Verified> validUntil(Instant exp) {
        return token -> {
            verifications.incrementAndGet();
            return new VerifiedTokenCache.Verified(Caller.staff("dr-" + token, "R8000", "A81001"), exp);
        };
    }

    private Function<String, VerifiedTokenCache.Verified> rejected() {
        return token -> {
            verifications.incrementAndGet();
            throw new QueryException(401, QueryErrorCode.TOKEN_INVALID, "Expired JWT");
        };
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
