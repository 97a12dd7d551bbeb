package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A gathering lane waits only for messages that were already being mapped when it started, never for later ones. */
class PreparationsTest {
    private final Preparations preparations = new Preparations();

    @Test
    void shouldReportAMessageUnderWayUntilItIsQueued() {
        Preparations.Token early = preparations.start();
        long mark = preparations.startedSoFar();

        assertThat(preparations.underWay(mark)).isTrue();
        early.close();
        assertThat(preparations.underWay(mark)).isFalse();
    }

    @Test
    void shouldNotWaitForAMessageThatStartedAfterTheMark() {
        long mark = preparations.startedSoFar();
        Preparations.Token late = preparations.start();

        assertThat(preparations.underWay(mark)).isFalse();
        late.close();
    }

    @Test
    void shouldCountATokenClosedTwiceOnce() {
        Preparations.Token a = preparations.start();
        Preparations.Token b = preparations.start();
        long mark = preparations.startedSoFar();

        a.close();
        a.close();

        assertThat(preparations.underWay(mark)).as("b is still being mapped").isTrue();
        b.close();
        assertThat(preparations.underWay(mark)).isFalse();
    }
}
