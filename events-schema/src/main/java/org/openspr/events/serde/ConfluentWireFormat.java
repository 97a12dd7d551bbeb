package org.openspr.events.serde;

import java.nio.ByteBuffer;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.errors.SprException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding of the record. Anything that reads Confluent-serialised topics can read ours and the other way round.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Checks the header and returns the schema id; the Avro body starts at {@link #HEADER_LENGTH}. */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new SprException(SprErrorCode.WIRE_FORMAT_TOO_SHORT, data.length);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SprException(SprErrorCode.WIRE_FORMAT_BAD_MAGIC, data[0] & 0xff);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
