package org.openspr.query.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;

/** The server's CapabilityStatement: read-only, JSON, $everything on Patient and search by patient for each type. */
public final class CapabilityStatements {
    private CapabilityStatements() {
    }

    public static CapabilityStatement of(String baseUrl) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).setPublisher("Single Patient Record")
                .setName("SprQueryService").setDescription("Read-only FHIR R4 view of the Single Patient Record");
        cs.addFormat("application/fhir+json");
        cs.getImplementation().setDescription("SPR query service").setUrl(baseUrl);
        cs.getSoftware().setName("spr-query-service");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OAuth2 bearer token (JWT) from the configured issuer; every read is audited")
                .addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("OAuth");
        for (String type : FhirTypeIndex.SECTION_OF.keySet()) {
            CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            if ("Patient".equals(type)) {
                resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
                resource.addOperation().setName("everything")
                        .setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
                resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN);
            } else {
                resource.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE);
            }
        }
        return cs;
    }
}
