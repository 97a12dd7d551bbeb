package org.openspr.projector.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.openspr.events.errors.ErrorCode;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event that cannot be applied goes to the dead-letter topic with the source record's original bytes, where it
 * came from and why; the stream carries on rather than crash-looping on it.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ErrorCode code = exception instanceof SprException spr ? spr.errorCode() : ProjectorErrorCode.CLINICAL_EVENT_NOT_APPLIED;
        String text = ProjectorErrorCode.CLINICAL_EVENT_NOT_APPLIED.format(context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), exception.getMessage());
        LOG.error(text, exception);
        return Response.resume(List.of(deadLetters.record(context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), context.sourceRawKey(), context.sourceRawValue(), code, text)));
    }
}
