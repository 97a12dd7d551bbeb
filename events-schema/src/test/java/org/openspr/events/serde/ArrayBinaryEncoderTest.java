package org.openspr.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.VolatileRegistryExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.SourceRef;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SubjectNames;
import org.openspr.events.testdata.SampleEvents;

/** The serializer's own encoder must write exactly the bytes Avro's encoders write, value by value and record by record. */
class ArrayBinaryEncoderTest {
    private static final String TOPIC = "array-encoder-probe";
    private static final Random RANDOM = new Random(20260301); // fixed, so that a failure repeats
    @RegisterExtension
    static final VolatileRegistryExtension registry = new VolatileRegistryExtension();
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void connect() {
        client = new RestSchemaRegistryClient(registry.url());
    }

    @Test
    void shouldWriteIntsAndLongsAsAvroDoes() throws IOException {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 63L, -64L, 64L, -65L, (long) Integer.MIN_VALUE,
                (long) Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE));
        for (int shift = 0; shift < 64; shift++) {
            values.addAll(List.of(1L << shift, (1L << shift) - 1, -(1L << shift), -(1L << shift) - 1));
        }
        for (int i = 0; i < 1000; i++) {
            values.add(RANDOM.nextLong() >> RANDOM.nextInt(64));
        }

        for (long value : values) {
            assertSameBytesAsAvro("long " + value, e -> e.writeLong(value));
            assertSameBytesAsAvro("int " + (int) value, e -> e.writeInt((int) value));
        }
    }

    @Test
    void shouldWriteFloatsAndDoublesAsAvroDoesIncludingNaNPayloads() throws IOException {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.5, Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 5.4));
        for (int i = 0; i < 200; i++) {
            values.add(Double.longBitsToDouble(RANDOM.nextLong()));
        }

        for (double value : values) {
            assertSameBytesAsAvro("double " + value, e -> e.writeDouble(value));
            assertSameBytesAsAvro("float " + (float) value, e -> e.writeFloat((float) value));
        }
        assertSameBytesAsAvro("float NaN with a payload", e -> e.writeFloat(Float.intBitsToFloat(0x7fc00123)));
    }

    @Test
    void shouldWriteBooleansNullsEnumsAndUnionBranchesAsAvroDoes() throws IOException {
        assertSameBytesAsAvro("true", e -> e.writeBoolean(true));
        assertSameBytesAsAvro("false", e -> e.writeBoolean(false));
        assertSameBytesAsAvro("null", Encoder::writeNull);
        for (int n : new int[] {0, 1, 2, 63, 64, 1000}) {
            assertSameBytesAsAvro("enum " + n, e -> e.writeEnum(n));
            assertSameBytesAsAvro("union branch " + n, e -> e.writeIndex(n));
        }
    }

    @Test
    void shouldWriteAsciiStringsOfEveryLengthAsAvroDoes() throws IOException {
        List<String> strings = new ArrayList<>();
        for (int length = 0; length <= 300; length++) {
            strings.add(ascii(length));
        }
        strings.add(ascii(100_000)); // longer than Avro's 63-char scratch, its 2 KiB buffer and our first array

        for (String s : strings) {
            assertSameBytesAsAvro("ASCII of length " + s.length(), e -> e.writeString(s));
            assertSameBytesAsAvro("ASCII of length " + s.length() + " as Utf8", e -> e.writeString(new Utf8(s)));
            assertSameBytesAsAvro("ASCII of length " + s.length() + " as CharSequence", e -> e.writeString(new StringBuilder(s)));
        }
    }

    @Test
    void shouldWriteOtherStringsAsTheirUtf8AsAvroDoes() throws IOException {
        List<String> strings = new ArrayList<>(List.of("é", "\u00ff", "\u0080", "\u007f", "€", "中", "医院",
                "\u0100", "\u0141", "\u4e2d\u4e2d", // narrowed to a byte, these chars would look like ASCII (0x00, 0x41, 0x2D)
                "😀", "a😀b", "\ud83d", "\ude00", "x\ud83dy", "\ude00\ud83d", "Zoë Šťastná", "\ufeffBOM", "\uffff"));
        strings.add(ascii(70) + "é"); // past Avro's 63-char scratch: its fallback encodes the whole string
        strings.add(ascii(5000) + "中" + ascii(5000));
        for (int at = 0; at < 20; at++) {
            strings.add(ascii(at) + "ß" + ascii(19 - at));
        }

        for (String s : strings) {
            assertSameBytesAsAvro("string " + codePoints(s), e -> e.writeString(s));
            assertSameBytesAsAvro("string " + codePoints(s) + " as Utf8", e -> e.writeString(new Utf8(s)));
            assertSameBytesAsAvro("string " + codePoints(s) + " as CharSequence", e -> e.writeString(new StringBuilder(s)));
        }
    }

    @Test
    void shouldWriteBytesAndFixedAsAvroDoes() throws IOException {
        byte[] data = new byte[3000];
        RANDOM.nextBytes(data);

        for (int length : new int[] {0, 1, 63, 64, 511, 512, 513, 2047, 2990}) {
            assertSameBytesAsAvro("bytes of length " + length, e -> e.writeBytes(data, 7, length));
            assertSameBytesAsAvro("fixed of length " + length, e -> e.writeFixed(data, 7, length));
            assertSameBytesAsAvro("heap buffer of length " + length, e -> e.writeBytes(ByteBuffer.wrap(data, 7, length)));
            assertSameBytesAsAvro("read-only buffer of length " + length,
                    e -> e.writeBytes(ByteBuffer.wrap(data, 7, length).asReadOnlyBuffer()));
            ByteBuffer direct = ByteBuffer.allocateDirect(length).put(data, 7, length).flip();
            assertSameBytesAsAvro("direct buffer of length " + length, e -> e.writeBytes(direct.duplicate()));
            assertSameBytesAsAvro("fixed from a buffer of length " + length, e -> e.writeFixed(ByteBuffer.wrap(data, 7, length)));
        }
    }

    @Test
    void shouldFrameArraysAndMapsInBlocksAsAvroDoes() throws IOException {
        assertSameBytesAsAvro("an empty array", e -> {
            e.writeArrayStart();
            e.setItemCount(0);
            e.writeArrayEnd();
        });
        assertSameBytesAsAvro("an array of strings in two blocks", e -> {
            e.writeArrayStart();
            e.setItemCount(2);
            e.startItem();
            e.writeString("2823-3");
            e.startItem();
            e.writeString("Kalium");
            e.setItemCount(100);
            for (int i = 0; i < 100; i++) {
                e.startItem();
                e.writeLong(i * 1_000_003L);
            }
            e.writeArrayEnd();
        });
        assertSameBytesAsAvro("a map of strings to optional ints", e -> {
            e.writeMapStart();
            e.setItemCount(2);
            e.startItem();
            e.writeString("système");
            e.writeIndex(0);
            e.writeNull();
            e.startItem();
            e.writeString("code");
            e.writeIndex(1);
            e.writeInt(-7);
            e.writeMapEnd();
        });
    }

    @Test
    void shouldAppendEachValueAfterTheLastAndStartAfreshOnReset() throws IOException {
        ArrayBinaryEncoder ours = new ArrayBinaryEncoder(8);
        ours.writeString("abc");
        ours.writeString(ascii(40) + "é");
        ours.writeLong(-42);
        assertThat(ours.toByteArray()).isEqualTo(avrosBytes(e -> {
            e.writeString("abc");
            e.writeString(ascii(40) + "é");
            e.writeLong(-42);
        }));

        ours.reset();
        ours.writeString("中");
        assertThat(ours.toByteArray()).isEqualTo(avrosBytes(e -> e.writeString("中")));
    }

    @Test
    void shouldSerialiseRecordsAsTheWireFormatHeaderThenAvrosEncoding() throws IOException {
        AvroClassTrust.install(); // builders decode their records' default values
        ClinicalEvent result = SampleEvents.potassiumResult(7);
        ClinicalEvent foreign = ClinicalEvent.newBuilder(result)
                .setSource(SourceRef.newBuilder(result.getSource()).setMessageId("ORU-Zoë-中-😀-\ud83d").build()).build();
        LedgerEntry small = ledgerEntry(100);
        LedgerEntry huge = ledgerEntry(3 << 20); // past the size a thread keeps its array at

        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>(client, true, false);

        for (SpecificRecord record : List.<SpecificRecord>of(result, foreign, small, huge, small, result)) { // one thread, one encoder
            String name = record.getSchema().getName();
            byte[] written = serializer.serialize(TOPIC + "-" + name, record);

            int id = client.lookup(SubjectNames.forTopic(TOPIC + "-" + name, false), record.getSchema()).id();
            assertThat(written).as(name).startsWith(0, id >>> 24, id >>> 16, id >>> 8, id);
            assertThat(Arrays.copyOfRange(written, ConfluentWireFormat.HEADER_LENGTH, written.length)).as(name)
                    .isEqualTo(avrosBytes(e -> new SpecificDatumWriter<>(record.getSchema()).write(record, e)));
        }
    }

    @FunctionalInterface
    private interface Writes {
        void to(Encoder encoder) throws IOException;
    }

    private static void assertSameBytesAsAvro(String what, Writes writes) throws IOException {
        ArrayBinaryEncoder ours = new ArrayBinaryEncoder(1); // grows on nearly every write
        writes.to(ours);
        ours.flush();

        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        writes.to(EncoderFactory.get().directBinaryEncoder(direct, null));
        assertThat(ours.toByteArray()).as(what).isEqualTo(avrosBytes(writes)).isEqualTo(direct.toByteArray());
        assertThat(ours.bytesBuffered()).isZero();
    }

    private static byte[] avrosBytes(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder buffered = EncoderFactory.get().binaryEncoder(out, null);
        writes.to(buffered);
        buffered.flush();
        return out.toByteArray();
    }

    private static String ascii(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (i % 0x80); // every ASCII char, NUL and DEL included
        }
        return new String(chars);
    }

    private static String codePoints(String s) {
        return s.length() > 40 ? "of length " + s.length() : s.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }

    private static LedgerEntry ledgerEntry(int eventLength) {
        byte[] event = new byte[eventLength];
        RANDOM.nextBytes(event);
        return LedgerEntry.newBuilder().setLedgerPartition(3).setSequence(1L << 40).setSourceOffset(-1)
                .setKey("9434765919").setAuditId("aud-1").setOccurredAt(Instant.parse("2026-03-01T09:30:00.123Z"))
                .setEvent(ByteBuffer.wrap(event)).setPreviousHash(ByteBuffer.allocate(32))
                .setEntryHash(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
    }
}
