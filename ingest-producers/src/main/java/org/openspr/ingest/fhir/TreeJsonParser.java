package org.openspr.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's JSON parser, fed a {@link JsonTree} that is already built instead of text. It goes through HAPI's own entry
 * point, so what HAPI does after parsing (a Bundle entry's resource takes its id from the entry's full URL) happens
 * exactly as for text. One parse per instance, like HAPI's parsers.
 * <p>
 * A Bundle's entry resources are parsed one by one and then put into their entries: parsed inside the Bundle, HAPI
 * would also link every reference to the entry it names (a walk over all references of all entries, with a new id
 * object for each), which no mapping uses ({@link BundleIndex} resolves references itself). A Bundle whose entries are
 * not all objects, or whose entry resource is not of a type HAPI knows, is parsed whole, so HAPI reports it as it would.
 */
final class TreeJsonParser extends JsonParser {
    private static final String RESOURCE = "resource";
    private JsonTree tree;

    TreeJsonParser(FhirContext context, IParserErrorHandler errors) {
        super(context, errors);
    }

    IBaseResource parse(JsonTree json) {
        this.tree = json;
        try {
            return parseResource(Reader.nullReader());
        } finally {
            this.tree = null;
        }
    }

    @Override
    public <T extends IBaseResource> T doParseResource(Class<T> resourceType, Reader ignored) {
        List<JsonTree.Obj> resources = new ArrayList<>();
        JsonTree.Obj shell = withoutEntryResources(tree.root(), resources);
        if (shell == null) {
            return doParseResource(resourceType, tree);
        }
        T parsed = doParseResource(resourceType, new JsonTree(shell));
        if (!(parsed instanceof Bundle bundle) || bundle.getEntry().size() != resources.size()) {
            return doParseResource(resourceType, tree); // not what the shell promised: let HAPI see it whole
        }
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) != null) {
                bundle.getEntry().get(i).setResource((Resource) doParseResource(null, new JsonTree(resources.get(i))));
            }
        }
        return parsed;
    }

    /**
     * The Bundle without its entries' resources, which go into resources (index by index; null where an entry keeps
     * its own), or null when the root is not a Bundle that can be taken apart.
     */
    private JsonTree.Obj withoutEntryResources(JsonTree.Obj root, List<JsonTree.Obj> resources) {
        if (!FhirJsonReader.isBundle(root) || !(root.get("entry") instanceof JsonTree.Arr entries)) {
            return null;
        }
        JsonTree.Arr shellEntries = new JsonTree.Arr();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof JsonTree.Obj entry)) {
                return null;
            }
            if (entry.get(RESOURCE) instanceof JsonTree.Obj resource && isKnownType(resource.get("resourceType"))) {
                resources.add(resource);
                shellEntries.add(entry.without(RESOURCE));
            } else {
                resources.add(null);
                shellEntries.add(entry);
            }
        }
        JsonTree.Obj shell = root.without("entry");
        shell.put("entry", shellEntries);
        return shell;
    }

    private boolean isKnownType(BaseJsonLikeValue type) {
        return type != null && type.isString() && getContext().getResourceTypes().contains(type.getAsString());
    }
}
