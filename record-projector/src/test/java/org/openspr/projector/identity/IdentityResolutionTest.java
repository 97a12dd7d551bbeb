package org.openspr.projector.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.projector.testing.Events.allergy;
import static org.openspr.projector.testing.Events.condition;
import static org.openspr.projector.testing.Events.mrn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.openspr.events.topics.Topics;
import org.openspr.projector.errors.DeadLetters;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.record.PatientRecord;
import org.openspr.projector.record.RecordQuery;
import org.openspr.projector.testing.Events;
import org.openspr.projector.testing.ProjectorTestDriver;

class IdentityResolutionTest {
    private static final String NHS = NhsNumber.testNumber(1);
    private final ProjectorTestDriver projector = new ProjectorTestDriver();

    @AfterEach
    void close() {
        projector.close();
    }

    @Test
    void shouldFileEventsWithAnNhsNumberStraightAway() {
        projector.send(allergy("a1", "91936005", "active").nhs(NHS));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(projector.changes()).hasSize(1);
    }

    @Test
    void shouldProjectEventsInTheirOwnPartitionInPlaceAndRepartitionTheOthers() {
        // the test driver reads every input topic as partition 0
        String here = nhsInPartition(0);
        String elsewhere = nhsInPartition(1);
        projector.send(allergy("a-here", "91936005", "active").nhs(here))
                .send(allergy("a-elsewhere", "91936005", "active").nhs(elsewhere))
                .send(condition("c-parked", "38341003", "active").local(mrn("M9")))
                .identity(here, Events.linked(here, mrn("M9")));

        assertThat(projector.repartitionedKeys()).containsExactly(elsewhere);
        assertThat(projector.reader().read(here, RecordQuery.all()).timeline()).hasSize(2);
        assertThat(projector.reader().read(elsewhere, RecordQuery.all()).timeline()).hasSize(1);
    }

    @Test
    void shouldChooseThePartitionAsKafkasDefaultPartitionerDoes() {
        for (int i = 0; i < 200; i++) {
            String nhs = NhsNumber.testNumber(i);
            byte[] key = nhs.getBytes(StandardCharsets.UTF_8);
            assertThat(IdentityResolver.partitionOf(nhs, 6)).as(nhs)
                    .isEqualTo(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, 6));
        }
    }

    private static String nhsInPartition(int partition) {
        for (int i = 1000; ; i++) {
            String nhs = NhsNumber.testNumber(i);
            if (IdentityResolver.partitionOf(nhs, Topics.CLINICAL_EVENTS.partitions()) == partition) {
                return nhs;
            }
        }
    }

    @Test
    void shouldParkEventsUntilNhsNumberIsKnown() {
        projector.send(allergy("a1", "91936005", "active").local(mrn("M1")))
                .send(condition("c1", "38341003", "active").local(mrn("M1")));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).timeline()).isEmpty();
        assertThat(projector.changes()).isEmpty();
        ParkedEventsView parked = new ParkedEventsView(projector.parkedCounts());
        assertThat(parked.byLocalIdentifier()).containsEntry("https://rx1.nhs.uk/mrn|M1", 2L);
        assertThat(parked.total()).isEqualTo(2);
        assertThat(parkedGauge()).isEqualTo(2.0);
    }

    @Test
    void shouldReleaseParkedEventsInOrderWhenTheLinkArrives() {
        Events.Builder first = allergy("a1", "91936005", "active").local(mrn("M1")).version("1", Instant.parse("2026-03-01T10:00:00Z"));
        Events.Builder second = allergy("a1", "91936005", "resolved").local(mrn("M1")).version("2", Instant.parse("2026-03-02T10:00:00Z"));
        projector.send(first).send(second);

        projector.identity(NHS, Events.linked(NHS, mrn("M1")));

        // Released in arrival order: the view sees version 1, then version 2.
        assertThat(projector.changes()).extracting(kv -> kv.value.getCurrent().getSourceVersion()).containsExactly("1", "2");
        PatientRecord record = projector.reader().read(NHS, RecordQuery.all());
        assertThat(record.section(RecordSection.ALLERGIES)).singleElement()
                .extracting(RecordItem::getHistory).asList().hasSize(2);
        assertThat(new ParkedEventsView(projector.parkedCounts()).total()).isZero();
        assertThat(parkedGauge()).isZero();
    }

    @Test
    void shouldFileEventsOfALinkedLocalIdentifierWithoutParking() {
        projector.identity(NHS, Events.linked(NHS, mrn("M1")));

        projector.send(allergy("a1", "91936005", "active").local(mrn("M1")));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(new ParkedEventsView(projector.parkedCounts()).total()).isZero();
    }

    @Test
    void shouldKeepOtherPatientsParkedWhenOneIsLinked() {
        projector.send(allergy("a1", "91936005", "active").local(mrn("M1")))
                .send(allergy("a2", "91936005", "active").local(mrn("M2")));

        projector.identity(NHS, Events.linked(NHS, mrn("M1")));

        assertThat(new ParkedEventsView(projector.parkedCounts()).byLocalIdentifier())
                .containsOnlyKeys("https://rx1.nhs.uk/mrn|M2");
    }

    @Test
    void shouldReleaseEventsOfAMergedLocalIdentifierWhenTheSurvivorIsLinkedLater() {
        projector.send(allergy("a1", "91936005", "active").local(mrn("OLD")));
        projector.identity("https://rx1.nhs.uk/mrn|NEW", Events.localMerged(mrn("OLD"), mrn("NEW")));
        assertThat(new ParkedEventsView(projector.parkedCounts()).total()).isEqualTo(1);

        projector.identity(NHS, Events.linked(NHS, mrn("NEW")));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(new ParkedEventsView(projector.parkedCounts()).total()).isZero();
    }

    @Test
    void shouldReleaseEventsOfAMergedLocalIdentifierWhenTheSurvivorIsAlreadyLinked() {
        projector.identity(NHS, Events.linked(NHS, mrn("NEW")));
        projector.send(allergy("a1", "91936005", "active").local(mrn("OLD")));

        projector.identity("https://rx1.nhs.uk/mrn|NEW", Events.localMerged(mrn("OLD"), mrn("NEW")));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(new ParkedEventsView(projector.parkedCounts()).total()).isZero();
    }

    @Test
    void shouldSendEventsWithoutAnyPatientIdentifierToTheDeadLetterTopic() {
        projector.send("nobody", allergy("a1", "91936005", "active").build());

        assertThat(projector.deadLetters().count()).isEqualTo(1);
        assertThat(projector.changes()).isEmpty();
        TestRecord<byte[], byte[]> deadLetter = projector.driver().createOutputTopic(Topics.CLINICAL_EVENTS_DEAD_LETTERS.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecord();
        assertThat(header(deadLetter, DeadLetters.ERROR_CODE)).isEqualTo("SPR-3001");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.CLINICAL_EVENTS.name());
        assertThat(header(deadLetter, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("nobody");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private double parkedGauge() {
        return projector.driver().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(IdentityResolver.PARKED_METRIC))
                .map(e -> (MetricName) e.getKey())
                .mapToDouble(name -> ((Number) projector.driver().metrics().get(name).metricValue()).doubleValue())
                .sum();
    }
}
