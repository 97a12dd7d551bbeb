package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.Attachment;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.EntryEnteredInError;

/** MDM T01-T11: TXA + its OBX content lines → DocumentRecorded (T11 cancels the document). */
final class MdmMapper {
    private MdmMapper() {
    }

    static void map(Hl7Run run, Hl7Segment txa) {
        StringBuilder text = new StringBuilder();
        List<Attachment> contents = new ArrayList<>();
        List<Hl7Segment> from = new ArrayList<>();
        from.add(txa);
        for (Hl7Segment s : run.segments) {
            if (!s.name().equals("OBX")) {
                continue;
            }
            from.add(s);
            String type = s.get(2) == null ? "TX" : s.get(2);
            switch (type) {
                case "ED" -> contents.add(Attachment.newBuilder()
                        .setContentType(mime(s.get(5, 0, 2), s.get(5, 0, 3)))
                        .setTitle(s.get(3, 0, 2)).build());
                case "RP" -> contents.add(Attachment.newBuilder().setUrl(s.get(5, 0, 1)).setTitle(s.get(3, 0, 2)).build());
                case "HD" -> contents.add(Attachment.newBuilder().setUrl(s.get(5, 0, 1)).setTitle(s.get(3, 0, 2)).build());
                default -> {
                    String line = ObxMapper.text(s);
                    if (line != null) {
                        text.append(text.length() == 0 ? "" : "\n").append(line);
                    }
                }
            }
        }
        if (text.length() > 0) {
            contents.add(0, Attachment.newBuilder().setContentType("text/plain").setInlineText(text.toString()).build());
        }
        Concept type = Hl7Values.concept(txa, 2);
        String docId = txa.get(12, 0, 1) != null ? txa.get(12, 0, 1) : run.ctx.messageId();
        DocumentRecorded payload = DocumentRecorded.newBuilder()
                .setType(type != null ? type : Concept.newBuilder().build())
                .setTitle(type == null ? null : type.getText() != null ? type.getText()
                        : type.getCodings().isEmpty() ? null : type.getCodings().get(0).getCode())
                .setStatus(status(txa.get(17)))
                .setDate(Hl7Time.instant(txa.get(4) != null ? txa.get(4) : txa.get(6)))
                .setAuthor(Hl7Values.author(txa, 5) != null ? Hl7Values.author(txa, 5) : Hl7Values.author(txa, 9))
                .setContents(contents)
                .build();
        var event = run.envelope(run.unique("DocumentReference/" + docId), "DocumentReference", payload.getAuthor())
                .setOccurredAt(payload.getDate());
        if ("T11".equals(run.trigger)) {
            event.setChange(ChangeKind.ENTERED_IN_ERROR).setPayload(EntryEnteredInError.newBuilder()
                    .setEntryType("DocumentReference").setReason("MDM^T11 document cancelled").build());
        } else {
            event.setChange(List.of("T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10").contains(run.trigger)
                    ? ChangeKind.AMENDED : ChangeKind.RECORDED).setPayload(payload);
        }
        run.add(event.build(), from.toArray(Hl7Segment[]::new));
    }

    private static String mime(String type, String subtype) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return subtype == null ? t : t + "/" + subtype.toLowerCase(java.util.Locale.ROOT);
    }

    private static String status(String completion) {
        if (completion == null) {
            return "current";
        }
        return switch (completion) {
            case "IP", "IN", "PA", "DI" -> "preliminary";
            case "CA" -> "entered-in-error";
            default -> "current"; // AU, DO, LA: authenticated / documented / legally authenticated
        };
    }
}
