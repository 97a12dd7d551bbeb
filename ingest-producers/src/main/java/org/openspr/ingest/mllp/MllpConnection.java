package org.openspr.ingest.mllp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.hl7.AckBuilder;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.hl7.MshHeader;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.publish.InboundMessage;
import org.openspr.ingest.publish.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one MLLP connection: one answer per frame, in order, until the peer closes or goes silent. */
final class MllpConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MllpConnection.class);
    static final String CHANNEL = "mllp";

    private final Socket socket;
    private final MllpSettings settings;
    private final IngestPipeline pipeline;

    MllpConnection(Socket socket, MllpSettings settings, IngestPipeline pipeline) {
        this.socket = socket;
        this.settings = settings;
        this.pipeline = pipeline;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) settings.readTimeout().toMillis());
            socket.setTcpNoDelay(true);
            MllpFrameReader reader = new MllpFrameReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024),
                    settings.maxMessageBytes());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            for (MllpFrameReader.Frame frame = reader.next(); frame != null; frame = reader.next()) {
                String ack = answer(frame);
                if (ack != null) {
                    write(out, ack);
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("MLLP connection from {} idle for {}; closing", socket.getRemoteSocketAddress(), settings.readTimeout());
        } catch (IOException e) {
            LOG.debug("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("MLLP connection from {} failed; closing it (the listener keeps running)", socket.getRemoteSocketAddress(), e);
        }
    }

    /** The ACK for one frame, or null when there is nobody to answer (the peer hung up mid-frame). */
    private String answer(MllpFrameReader.Frame frame) {
        try {
            return switch (frame.kind()) {
                case MESSAGE -> message(frame.bytes());
                case OVERSIZED -> refuse(frame, new IngestRejection(null, IngestErrorCode.MESSAGE_TOO_LARGE, frame.size(),
                        settings.maxMessageBytes()));
                case GARBAGE -> refuse(frame, new IngestRejection(null, IngestErrorCode.FRAME_GARBAGE, frame.size()));
                case TRUNCATED -> socket.isInputShutdown() ? null
                        : refuse(frame, new IngestRejection(null, IngestErrorCode.FRAME_TRUNCATED, frame.size()));
            };
        } catch (SprException e) {
            MshHeader msh = header(frame);
            LOG.warn("MLLP message {} not stored: {}", msh.controlId(), e.getMessage());
            return AckBuilder.systemError(msh, e);
        }
    }

    /** The header an error ACK is addressed from; a stored message's ACK uses the ingestor's own reading instead. */
    private static MshHeader header(MllpFrameReader.Frame frame) {
        String text = new String(frame.bytes(), StandardCharsets.ISO_8859_1); // only to address the ACK; decoding is the ingestor's job
        return MshHeader.read(text.replace('\n', '\r'));
    }

    private String message(byte[] bytes) {
        Hl7Ingestor.Result result = pipeline.hl7(bytes, CHANNEL);
        if (result.mapped().rejected()) {
            return AckBuilder.reject(result.header(), result.mapped().rejection());
        }
        return AckBuilder.accept(result.header());
    }

    private String refuse(MllpFrameReader.Frame frame, IngestRejection why) {
        pipeline.deadLetter(frame.bytes(), CHANNEL, InboundMessage.HL7_V2, String.valueOf(socket.getRemoteSocketAddress()), why);
        return AckBuilder.reject(header(frame), why);
    }

    private static void write(OutputStream out, String ack) throws IOException {
        out.write(MllpFrameReader.VT);
        out.write(ack.getBytes(StandardCharsets.UTF_8));
        out.write(MllpFrameReader.FS);
        out.write(MllpFrameReader.CR);
        out.flush();
    }
}
