package org.openspr.cli.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openspr.events.nhs.NhsNumber;

class UkPatientGeneratorTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void shouldGenerateTheSameBundleForTheSameSeedAndIndex() {
        String first = FHIR.newJsonParser().encodeResourceToString(new UkPatientGenerator(7, 4).patient(12).bundle());
        String again = FHIR.newJsonParser().encodeResourceToString(new UkPatientGenerator(7, 4).patient(12).bundle());
        String otherSeed = FHIR.newJsonParser().encodeResourceToString(new UkPatientGenerator(8, 4).patient(12).bundle());

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void shouldGiveEveryPatientADistinctValidTestNhsNumber() {
        UkPatientGenerator generator = new UkPatientGenerator(1, 3);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            UkPatientGenerator.GeneratedPatient patient = generator.patient(i);
            Patient resource = (Patient) patient.bundle().getEntryFirstRep().getResource();
            assertThat(resource.getIdentifierFirstRep().getSystem()).isEqualTo(UkPatientGenerator.NHS_NUMBER_SYSTEM);
            assertThat(resource.getIdentifierFirstRep().getValue()).isEqualTo(patient.nhsNumber()).startsWith("999");
            assertThat(NhsNumber.isValid(patient.nhsNumber())).isTrue();
            assertThat(numbers.add(patient.nhsNumber())).isTrue();
        }
    }

    @Test
    void shouldProduceARealisticMixIncludingSensitiveItems() {
        UkPatientGenerator generator = new UkPatientGenerator(1, 4);
        Set<String> types = new HashSet<>();
        int labelled = 0;
        for (int i = 0; i < 300; i++) {
            for (Bundle.BundleEntryComponent entry : generator.patient(i).bundle().getEntry()) {
                Resource resource = entry.getResource();
                types.add(resource.fhirType());
                labelled += resource.getMeta().getSecurity().isEmpty() ? 0 : 1;
                assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + resource.getIdPart());
            }
        }
        assertThat(types).contains("Patient", "Encounter", "Observation", "DiagnosticReport", "Condition",
                "AllergyIntolerance", "MedicationRequest", "Immunization", "DocumentReference", "Flag");
        assertThat(labelled).as("sensitive items carry security labels").isPositive();
    }

    @Test
    void shouldPassTheHapiR4ValidatorWithoutErrors() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        UkPatientGenerator generator = new UkPatientGenerator(3, 3);

        for (int i = 0; i < 2; i++) {
            ValidationResult result = validator.validateWithResult(generator.patient(i).bundle());
            List<String> errors = result.getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(SingleValidationMessage::toString).toList();
            assertThat(errors).as("patient %d", i).isEmpty();
        }
    }
}
