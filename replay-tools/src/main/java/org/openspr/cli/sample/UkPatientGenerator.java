package org.openspr.cli.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.nhs.NhsNumber;

/**
 * Generates UK-shaped synthetic patients as FHIR R4 transaction bundles: NHS test numbers (999 range, valid
 * Modulus 11), trust MRNs, ODS codes, SNOMED CT / dm+d / LOINC codes, and a realistic mix of encounters with
 * vital signs, pathology reports, problems, allergies, prescriptions, immunisations, discharge summaries, a few
 * sensitive items and safeguarding flags. Deterministic: the same seed and index always give the same bundle,
 * so a re-import is idempotent.
 */
public final class UkPatientGenerator {
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    private static final ZonedDateTime EPOCH = ZonedDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private final long seed;
    private final int encountersPerPatient;

    /** One generated patient: identifiers and the bundle carrying their record. */
    public record GeneratedPatient(long index, String nhsNumber, String trustOds, String mrn, Bundle bundle) {
        public int resourceCount() {
            return bundle.getEntry().size();
        }
    }

    /**
     * @param seed                 varies the population; keep it fixed for repeatable data
     * @param encountersPerPatient average number of encounters (each brings vital signs, half bring a lab report)
     */
    public UkPatientGenerator(long seed, int encountersPerPatient) {
        this.seed = seed;
        this.encountersPerPatient = Math.max(1, encountersPerPatient);
    }

    public GeneratedPatient patient(long index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        String nhsNumber = NhsNumber.testNumber(index);
        String trust = pick(random, SampleCodes.TRUSTS);
        String practice = pick(random, SampleCodes.PRACTICES);
        String mrn = trust + String.format("%08d", index);
        Ids ids = new Ids(seed, index);
        ClinicalResources resources = new ClinicalResources(random, ids, trust, practice, EPOCH.plusDays(random.nextInt(600)));

        Patient patient = patientResource(random, ids, nhsNumber, trust, mrn, practice);
        Reference subject = new Reference("urn:uuid:" + patient.getIdPart());
        List<Resource> clinical = new ArrayList<>();
        int encounters = 1 + random.nextInt(encountersPerPatient * 2);
        for (int e = 0; e < encounters; e++) {
            clinical.addAll(resources.encounterWithObservations(subject, e));
        }
        clinical.addAll(resources.problems(subject));
        clinical.addAll(resources.allergies(subject));
        clinical.addAll(resources.prescriptions(subject));
        clinical.addAll(resources.immunisations(subject));
        if (random.nextInt(50) == 0) {
            clinical.add(resources.safeguardingFlag(subject));
        }

        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.setId(ids.next("bundle"));
        add(bundle, patient);
        clinical.forEach(resource -> add(bundle, resource));
        return new GeneratedPatient(index, nhsNumber, trust, mrn, bundle);
    }

    private static Patient patientResource(SplittableRandom random, Ids ids, String nhsNumber, String trust, String mrn, String practice) {
        boolean female = random.nextBoolean();
        Patient patient = new Patient();
        patient.setId(ids.next("Patient"));
        patient.addIdentifier(new Identifier().setSystem(NHS_NUMBER_SYSTEM).setValue(nhsNumber));
        patient.addIdentifier(new Identifier().setSystem("https://fhir." + trust.toLowerCase() + ".nhs.uk/Id/local-patient-identifier")
                .setValue(mrn));
        patient.addName(new HumanName().setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(pick(random, SampleCodes.FAMILY_NAMES).toUpperCase())
                .addGiven(pick(random, female ? SampleCodes.GIVEN_FEMALE : SampleCodes.GIVEN_MALE))
                .addPrefix(female ? "Ms" : "Mr"));
        patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 90));
        patient.setBirthDate(Date.from(birth.atStartOfDay(ZoneOffset.UTC).toInstant()));
        String[] place = pick(random, SampleCodes.PLACES);
        patient.addAddress(new Address().setUse(Address.AddressUse.HOME)
                .addLine((1 + random.nextInt(120)) + " " + pick(random, SampleCodes.STREETS)).setCity(place[0]).setPostalCode(place[1]));
        patient.addGeneralPractitioner(new Reference().setIdentifier(
                new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue(practice)));
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setValue(String.format("07700 9%05d", random.nextInt(100_000)));
        return patient;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + resource.getIdElement().getIdPart())
                .setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static BigDecimal around(SplittableRandom random, double low, double high, int decimals) {
        double span = high - low;
        // Mostly normal, sometimes out of range so results carry abnormal flags.
        double value = low - span * 0.15 + random.nextDouble() * span * 1.3;
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** Deterministic resource ids: UUIDs named by seed, patient index and a counter. */
    static final class Ids {
        private final long seed;
        private final long index;
        private int counter;

        Ids(long seed, long index) {
            this.seed = seed;
            this.index = index;
        }

        String next(String kind) {
            String name = "spr-sample|" + seed + "|" + index + "|" + kind + "|" + counter++;
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }
}
