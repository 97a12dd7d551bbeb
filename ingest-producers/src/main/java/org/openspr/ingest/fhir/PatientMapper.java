package org.openspr.ingest.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.openspr.events.avro.Address;
import org.openspr.events.avro.ContactPoint;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.HumanName;

/** Patient → DemographicsRecorded. Identity (NHS number, local ids, links) is handled by {@link PatientIdentities}. */
final class PatientMapper implements ResourceMapper<Patient> {
    private static final String UK_ETHNIC_CATEGORY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";

    @Override
    public Reference patient(Patient p) {
        return null; // a Patient is about itself
    }

    @Override
    public Mapped map(Patient p, BundleIndex refs) {
        List<HumanName> names = new ArrayList<>();
        for (var n : p.getName()) {
            List<String> given = new ArrayList<>();
            n.getGiven().forEach(g -> given.add(g.getValue()));
            List<String> prefix = new ArrayList<>();
            n.getPrefix().forEach(g -> prefix.add(g.getValue()));
            given.removeIf(java.util.Objects::isNull);
            prefix.removeIf(java.util.Objects::isNull);
            names.add(HumanName.newBuilder().setUse(FhirTypes.code(n.getUseElement())).setFamily(n.getFamily())
                    .setGiven(given).setPrefix(prefix).setText(n.getText()).build());
        }
        List<Address> addresses = new ArrayList<>();
        for (var a : p.getAddress()) {
            List<String> lines = new ArrayList<>();
            for (StringType line : a.getLine()) {
                if (line.getValue() != null) {
                    lines.add(line.getValue());
                }
            }
            addresses.add(Address.newBuilder().setUse(FhirTypes.code(a.getUseElement())).setLines(lines).setCity(a.getCity())
                    .setDistrict(a.getDistrict()).setPostalCode(a.getPostalCode()).setCountry(a.getCountry()).build());
        }
        List<ContactPoint> telecoms = new ArrayList<>();
        for (var t : p.getTelecom()) {
            if (t.hasValue()) {
                telecoms.add(ContactPoint.newBuilder().setSystem(FhirTypes.code(t.getSystemElement())).setValue(t.getValue())
                        .setUse(FhirTypes.code(t.getUseElement())).build());
            }
        }
        DemographicsRecorded payload = DemographicsRecorded.newBuilder()
                .setNames(names)
                .setGender(FhirTypes.code(p.getGenderElement()))
                .setBirthDate(birthDate(p))
                .setDeceasedAt(p.hasDeceasedDateTimeType() ? FhirTypes.instant(p.getDeceased()) : null)
                .setAddresses(addresses)
                .setTelecoms(telecoms)
                .setRegisteredGpPractice(gpPractice(p))
                .setEthnicity(ethnicity(p))
                .setLanguage(p.hasCommunication() ? FhirTypes.firstCode(p.getCommunicationFirstRep().getLanguage()) : null)
                .build();
        return new Mapped(payload, null, null, false);
    }

    /** From the date's own fields: converting through java.util.Date would shift it by the JVM's time zone. */
    private static LocalDate birthDate(Patient p) {
        var d = p.getBirthDateElement();
        if (d == null || d.getValue() == null || d.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return null;
        }
        return LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay());
    }

    /** ODS code of the registered practice when given as an identifier, else its display or reference. */
    private static String gpPractice(Patient p) {
        for (Reference gp : p.getGeneralPractitioner()) {
            if (gp.hasIdentifier() && gp.getIdentifier().hasValue()) {
                return gp.getIdentifier().getValue();
            }
        }
        return p.hasGeneralPractitioner() ? FhirTypes.display(p.getGeneralPractitionerFirstRep()) : null;
    }

    private static org.openspr.events.avro.Concept ethnicity(Patient p) {
        Extension ext = p.getExtensionByUrl(UK_ETHNIC_CATEGORY);
        return ext != null && ext.getValue() instanceof CodeableConcept cc ? FhirTypes.concept(cc) : null;
    }
}
