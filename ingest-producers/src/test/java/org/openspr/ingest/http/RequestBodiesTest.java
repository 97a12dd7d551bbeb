package org.openspr.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final int MAX = 100_000;

    @Test
    void shouldReadABodyOfItsDeclaredLengthAskingForAllThatRemainsAtEachRead() throws IOException {
        byte[] body = bytes(60_000);
        CountingStream in = new CountingStream(body, 16 * 1024); // a server handing out 16 KB per read

        byte[] read = RequestBodies.read(in, "60000", MAX);

        assertThat(read).isEqualTo(body);
        assertThat(in.largestAsk).isEqualTo(60_000); // not steps of a few KB gathered and copied afterwards
        assertThat(in.reads).isLessThanOrEqualTo(5); // four of 16 KB or less, and the one that finds the end
    }

    @Test
    void shouldReadABodyWithoutALengthWhole() throws IOException {
        byte[] body = bytes(60_000);

        assertThat(RequestBodies.read(new CountingStream(body, 1000), null, MAX)).isEqualTo(body);
        assertThat(RequestBodies.read(new CountingStream(body, 1000), "sixty thousand", MAX)).isEqualTo(body);
    }

    @Test
    void shouldReadAnEmptyBody() throws IOException {
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), "0", MAX)).isEmpty();
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), null, MAX)).isEmpty();
    }

    @Test
    void shouldReturnMoreThanTheLimitForABodyOverIt() throws IOException {
        byte[] body = bytes(MAX + 5_000);

        assertThat(RequestBodies.read(new ByteArrayInputStream(body), Integer.toString(body.length), MAX)).hasSize(MAX + 1);
        assertThat(RequestBodies.read(new ByteArrayInputStream(body), null, MAX)).hasSize(MAX + 1);
    }

    @Test
    void shouldReturnWhatArrivedWhenABodyEndsBeforeItsDeclaredLength() throws IOException {
        byte[] body = "{\"resourceType\":\"Bun".getBytes(StandardCharsets.UTF_8);

        assertThat(RequestBodies.read(new ByteArrayInputStream(body), "5000", MAX)).isEqualTo(body);
    }

    @Test
    void shouldReadABodyLongerThanItsDeclaredLengthWholeOrReportItOverTheLimit() throws IOException {
        byte[] body = bytes(30_000);
        assertThat(RequestBodies.read(new ByteArrayInputStream(body), "20000", MAX)).isEqualTo(body);

        byte[] huge = bytes(MAX + 10);
        assertThat(RequestBodies.read(new ByteArrayInputStream(huge), "20000", MAX)).hasSize(MAX + 1);
    }

    @Test
    void shouldTakeOnlyAPlainNonNegativeNumberAsTheDeclaredLength() {
        assertThat(RequestBodies.declaredLength("1234")).isEqualTo(1234);
        assertThat(RequestBodies.declaredLength("0")).isZero();
        assertThat(RequestBodies.declaredLength(null)).isEqualTo(-1);
        assertThat(RequestBodies.declaredLength("")).isEqualTo(-1);
        assertThat(RequestBodies.declaredLength("-5")).isEqualTo(-1);
        assertThat(RequestBodies.declaredLength("+5")).isEqualTo(-1);
        assertThat(RequestBodies.declaredLength("12 34")).isEqualTo(-1);
        assertThat(RequestBodies.declaredLength("99999999999999999999")).isEqualTo(-1);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    /** Hands out at most a chunk per read, as a server does with its network buffer, and counts the reads. */
    private static final class CountingStream extends FilterInputStream {
        private final int chunk;
        int reads;
        int largestAsk;

        CountingStream(byte[] body, int chunk) {
            super(new ByteArrayInputStream(body));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            largestAsk = Math.max(largestAsk, len);
            return super.read(b, off, Math.min(len, chunk));
        }

        @Override
        public int read() throws IOException {
            reads++;
            return super.read();
        }
    }
}
