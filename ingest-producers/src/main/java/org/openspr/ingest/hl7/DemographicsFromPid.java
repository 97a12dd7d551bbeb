package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.Address;
import org.openspr.events.avro.ContactPoint;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.HumanName;

/** PID (+ PD1 registered practice) → DemographicsRecorded. */
final class DemographicsFromPid {
    private DemographicsFromPid() {
    }

    static DemographicsRecorded map(Hl7Segment pid, Hl7Segment pd1) {
        List<HumanName> names = new ArrayList<>();
        for (int rep = 0; rep < pid.reps(5); rep++) {
            String family = pid.get(5, rep, 1);
            List<String> given = new ArrayList<>();
            addIfPresent(given, pid.get(5, rep, 2));
            addIfPresent(given, pid.get(5, rep, 3));
            List<String> prefix = new ArrayList<>();
            addIfPresent(prefix, pid.get(5, rep, 5));
            if (family != null || !given.isEmpty()) {
                names.add(HumanName.newBuilder().setFamily(family).setGiven(given).setPrefix(prefix)
                        .setUse(nameUse(pid.get(5, rep, 7))).build());
            }
        }
        List<Address> addresses = new ArrayList<>();
        for (int rep = 0; rep < pid.reps(11); rep++) {
            List<String> lines = new ArrayList<>();
            addIfPresent(lines, pid.get(11, rep, 1));
            addIfPresent(lines, pid.get(11, rep, 2));
            String postcode = pid.get(11, rep, 5);
            if (!lines.isEmpty() || postcode != null) {
                addresses.add(Address.newBuilder().setLines(lines).setCity(pid.get(11, rep, 3)).setDistrict(pid.get(11, rep, 4))
                        .setPostalCode(postcode).setCountry(pid.get(11, rep, 6)).setUse(addressUse(pid.get(11, rep, 7))).build());
            }
        }
        List<ContactPoint> telecoms = new ArrayList<>();
        addPhones(telecoms, pid, 13, "home");
        addPhones(telecoms, pid, 14, "work");
        return DemographicsRecorded.newBuilder()
                .setNames(names)
                .setGender(gender(pid.get(8)))
                .setBirthDate(Hl7Time.date(pid.get(7)))
                .setDeceasedAt(Hl7Time.instant(pid.get(29)))
                .setAddresses(addresses)
                .setTelecoms(telecoms)
                .setRegisteredGpPractice(pd1 == null ? null : practice(pd1))
                .setEthnicity(Hl7Values.concept(pid, 22))
                .setLanguage(pid.get(15))
                .build();
    }

    /** PD1-3 XON: v2.3 feeds put the ODS code in component 3, v2.5 in component 10. */
    private static String practice(Hl7Segment pd1) {
        String code = pd1.get(3, 0, 10);
        if (code == null) {
            code = pd1.get(3, 0, 3);
        }
        return code != null ? code : pd1.get(3, 0, 1);
    }

    private static void addPhones(List<ContactPoint> out, Hl7Segment pid, int field, String use) {
        for (int rep = 0; rep < pid.reps(field); rep++) {
            String email = pid.get(field, rep, 4);
            String number = pid.get(field, rep, 1);
            if (number == null) {
                number = pid.get(field, rep, 12); // XTN-12 unformatted number
            }
            if (email != null) {
                out.add(ContactPoint.newBuilder().setSystem("email").setValue(email).setUse(use).build());
            } else if (number != null) {
                out.add(ContactPoint.newBuilder().setSystem("phone").setValue(number).setUse(use).build());
            }
        }
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static String gender(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "M" -> "male";
            case "F" -> "female";
            case "O", "A" -> "other";
            default -> "unknown";
        };
    }

    private static String nameUse(String code) {
        return code == null ? null : switch (code) {
            case "L", "CURRENT" -> "official";
            case "D" -> "usual";
            case "M" -> "maiden";
            case "N" -> "nickname";
            default -> code.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String addressUse(String code) {
        return code == null ? null : switch (code) {
            case "H", "HOME" -> "home";
            case "B", "O" -> "work";
            case "C" -> "temp";
            default -> code.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
