package org.openspr.projector.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.openspr.projector.ProjectorErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Output that cannot be written (too large, unencodable) goes to the dead-letter topic; transient errors are retried. */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String outputTopic, Exception exception) {
        String text = ProjectorErrorCode.OUTPUT_NOT_WRITTEN.format(outputTopic, exception.getMessage());
        LOG.error(text, exception);
        return Response.resume(List.of(deadLetters.record(context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), context.sourceRawKey(), context.sourceRawValue(), ProjectorErrorCode.OUTPUT_NOT_WRITTEN, text)));
    }
}
