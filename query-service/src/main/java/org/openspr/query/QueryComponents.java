package org.openspr.query;

import ca.uhn.fhir.context.FhirContext;
import io.dropwizard.auth.AuthValueFactoryProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openspr.query.api.RenderedItems;
import org.openspr.query.audit.AccessAudit;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.audit.RequestIdFilter;
import org.openspr.query.auth.AuthenticationFeature;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.auth.TokenVerifier;
import org.openspr.query.core.AccessLogService;
import org.openspr.query.core.AccessPolicy;
import org.openspr.query.core.Caller;
import org.openspr.query.core.PatientChoices;
import org.openspr.query.core.RecordService;
import org.openspr.query.core.RecordSource;
import org.openspr.query.fhir.EncodedResources;
import org.openspr.query.fhir.FhirErrorFilter;
import org.openspr.query.fhir.FhirJsonWriter;
import org.openspr.query.fhir.FhirResource;
import org.openspr.query.fhir.SearchsetBundleWriter;
import org.openspr.query.resources.AuditResource;
import org.openspr.query.resources.DeniedExceptionMapper;
import org.openspr.query.resources.JwksResource;
import org.openspr.query.resources.MeResource;
import org.openspr.query.resources.PatientRecordResource;
import org.openspr.query.resources.QueryExceptionMapper;
import org.openspr.query.resources.UnexpectedExceptionMapper;
import org.openspr.query.streams.ForwardingFeature;
import org.openspr.query.streams.ForwardingFilter;

/**
 * The service's object graph, built once from configuration and bindings: used by the application and, unchanged, by
 * resource tests, so tests exercise the same filters, mappers and resources as production.
 */
public final class QueryComponents {
    private final List<Object> jersey = new ArrayList<>();

    public QueryComponents(QueryServiceConfiguration config, RecordSource source, AccessLog log, AuditTrail trail,
                           DevTokenIssuer devIssuer, Clock clock) {
        this(config, source, log, trail, devIssuer, clock, null);
    }

    /** @param forwarding sends patient requests to their owning instance, or null on a single instance */
    public QueryComponents(QueryServiceConfiguration config, RecordSource source, AccessLog log, AuditTrail trail,
                           DevTokenIssuer devIssuer, Clock clock, ForwardingFilter forwarding) {
        TokenVerifier verifier = TokenVerifier.from(config.auth, devIssuer);
        AccessPolicy policy = new AccessPolicy(config.access, PatientChoices.fromConfig(config.access.patientWithheldLabels), clock);
        AccessAudit audit = new AccessAudit(trail, config.audit.observer, clock);
        RecordService records = new RecordService(source, policy, audit);
        AccessLogService accessLog = new AccessLogService(log, policy, audit);
        jersey.add(new RequestIdFilter());
        jersey.add(new AuthenticationFeature(verifier));
        jersey.add(new AuthValueFactoryProvider.Binder<>(Caller.class));
        if (forwarding != null) {
            jersey.add(new ForwardingFeature(forwarding));
        }
        jersey.add(new QueryExceptionMapper(config.kafka.retryAfterSeconds));
        jersey.add(new DeniedExceptionMapper());
        jersey.add(new UnexpectedExceptionMapper());
        FhirContext fhir = FhirContext.forR4Cached();
        jersey.add(new FhirJsonWriter(fhir));
        jersey.add(new SearchsetBundleWriter(fhir));
        jersey.add(new FhirErrorFilter());
        RenderedItems items = new RenderedItems(config.renderedItemCacheMegabytes * 1024L * 1024L);
        jersey.add(new PatientRecordResource(records, items));
        jersey.add(new MeResource(records, accessLog, items));
        jersey.add(new AuditResource(accessLog));
        jersey.add(new FhirResource(records, config.fhir,
                new EncodedResources(fhir, config.fhir.baseUrl, config.fhir.encodedResourceCacheMegabytes * 1024L * 1024L)));
        if (devIssuer != null) {
            jersey.add(new JwksResource(devIssuer));
        }
    }

    /** Filters, features, mappers, writers and resources, in registration order. */
    public List<Object> jerseyComponents() {
        return List.copyOf(jersey);
    }
}
