package org.openspr.query.fhir;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.openspr.events.avro.DemographicsRecorded;

/** Demographics to Patient, identified by the NHS number; the registered GP practice by its ODS code. */
final class PatientMapper {
    private PatientMapper() {
    }

    static Patient patient(String nhsNumber, DemographicsRecorded d) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(FhirTypes.NHS_NUMBER_SYSTEM).setValue(nhsNumber);
        for (org.openspr.events.avro.HumanName n : d.getNames()) {
            HumanName name = patient.addName().setFamily(n.getFamily()).setText(n.getText());
            n.getGiven().forEach(name::addGiven);
            n.getPrefix().forEach(name::addPrefix);
            if (n.getUse() != null && Set.of("usual", "official", "temp", "nickname", "anonymous", "old", "maiden").contains(n.getUse())) {
                name.setUse(HumanName.NameUse.fromCode(n.getUse()));
            }
        }
        patient.setGender(gender(d.getGender()));
        if (d.getBirthDate() != null) {
            patient.setBirthDate(Date.from(d.getBirthDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
            patient.getBirthDateElement().setValueAsString(d.getBirthDate().toString());
        }
        if (d.getDeceasedAt() != null) {
            patient.setDeceased(new DateTimeType(Date.from(d.getDeceasedAt())));
        }
        for (org.openspr.events.avro.Address a : d.getAddresses()) {
            Address address = patient.addAddress().setCity(a.getCity()).setDistrict(a.getDistrict())
                    .setPostalCode(a.getPostalCode()).setCountry(a.getCountry());
            a.getLines().forEach(address::addLine);
            if (a.getUse() != null && Set.of("home", "work", "temp", "old", "billing").contains(a.getUse())) {
                address.setUse(Address.AddressUse.fromCode(a.getUse()));
            }
        }
        for (org.openspr.events.avro.ContactPoint t : d.getTelecoms()) {
            ContactPoint telecom = patient.addTelecom().setValue(t.getValue());
            // cpt-2: a value needs a system.
            telecom.setSystem(ContactPoint.ContactPointSystem.fromCode(FhirTypes.oneOf(t.getSystem(),
                    Set.of("phone", "fax", "email", "pager", "url", "sms", "other"), "other")));
            if (t.getUse() != null && Set.of("home", "work", "temp", "old", "mobile").contains(t.getUse())) {
                telecom.setUse(ContactPoint.ContactPointUse.fromCode(t.getUse()));
            }
        }
        if (d.getRegisteredGpPractice() != null) {
            patient.addGeneralPractitioner().getIdentifier().setSystem(FhirTypes.ODS_SYSTEM).setValue(d.getRegisteredGpPractice());
        }
        if (d.getLanguage() != null) {
            patient.addCommunication().getLanguage().setText(d.getLanguage());
        }
        return patient;
    }

    private static Enumerations.AdministrativeGender gender(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "male", "m", "1" -> Enumerations.AdministrativeGender.MALE;
            case "female", "f", "2" -> Enumerations.AdministrativeGender.FEMALE;
            case "other", "o", "9" -> Enumerations.AdministrativeGender.OTHER;
            default -> Enumerations.AdministrativeGender.UNKNOWN;
        };
    }
}
