package org.openspr.projector.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.openspr.projector.ProjectorErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable input goes to the dead-letter topic with its bytes and the reason; processing carries on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String text = ProjectorErrorCode.CLINICAL_EVENT_UNDECODABLE.format(record.topic(), record.partition(), record.offset(),
                exception.getMessage());
        LOG.error(text);
        return Response.resume(List.of(deadLetters.record(record.topic(), record.partition(), record.offset(), context.processorNodeId(),
                record.key(), record.value(), ProjectorErrorCode.CLINICAL_EVENT_UNDECODABLE, text)));
    }
}
