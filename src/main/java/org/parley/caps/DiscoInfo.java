package org.parley.caps;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a disco#info result (XEP-0030) that the XEP-0115 verification string covers.
 *
 * @param identities the {@code <identity/>} elements
 * @param features the {@code var} of each {@code <feature/>}
 * @param forms the XEP-0128 extended-information data forms
 */
public record DiscoInfo(List<Identity> identities, List<String> features, List<Form> forms) {

    /** The feature suffix by which a client asks for PEP notifications of a node (XEP-0163 §4.2). */
    public static final String NOTIFY_SUFFIX = "+notify";

    public DiscoInfo {
        identities = List.copyOf(identities);
        features = List.copyOf(features);
        forms = List.copyOf(forms);
    }

    /**
     * An identity.
     *
     * @param category e.g. "client"
     * @param type e.g. "pc"
     * @param lang the {@code xml:lang}, or "" for none
     * @param name the name, or "" for none
     */
    public record Identity(String category, String type, String lang, String name) {
        public Identity {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
            lang = lang == null ? "" : lang;
            name = name == null ? "" : name;
        }
    }

    /**
     * An extended-information form.
     *
     * @param formType the value of its hidden {@code FORM_TYPE} field
     * @param fields every other field's var and values
     */
    public record Form(String formType, Map<String, List<String>> fields) {
        public Form {
            Objects.requireNonNull(formType, "formType");
            fields = Map.copyOf(fields);
        }
    }

    /** The nodes whose notifications this entity asks for: each {@code node+notify} feature gives {@code node}. */
    public Set<String> notifyNodes() {
        return features.stream()
                .filter(f -> f.endsWith(NOTIFY_SUFFIX) && f.length() > NOTIFY_SUFFIX.length())
                .map(f -> f.substring(0, f.length() - NOTIFY_SUFFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
