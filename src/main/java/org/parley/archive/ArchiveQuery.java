package org.parley.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.xmpp.BareJid;

/**
 * A parsed archive query (XEP-0313 §4): the filter form, the XEP-0059 page and {@code <flip-page/>}. Parsing is
 * strict: a malformed value is {@code bad-request}, an unknown field {@code feature-not-implemented} (§4.1.5, "If a
 * client includes a form field that the server does not recognise, the server MUST respond with a
 * 'feature-not-implemented' error"). Ids are checked against the archive later, by {@link ArchiveService}.
 *
 * @param with the other party's bare JID or domain, or null for anyone
 * @param withResource the resource of a full JID in 'with', or null
 * @param start earliest stamp, inclusive, or null
 * @param end latest stamp, inclusive, or null
 * @param afterId the 'after-id' field (#extended), or null
 * @param beforeId the 'before-id' field (#extended), or null
 * @param ids the 'ids' field (#extended), or null when absent
 * @param rsm the page
 * @param flip whether the page is sent newest first ({@code <flip-page/>}, #extended)
 */
public record ArchiveQuery(String with, String withResource, Instant start, Instant end, String afterId,
        String beforeId, List<String> ids, Rsm rsm, boolean flip) {

    /** The form's FORM_TYPE and the namespace of the protocol. */
    public static final String NAMESPACE = "urn:xmpp:mam:2";

    /** The fields a client may send; also what the query form lists. */
    public static final List<String> FIELDS = List.of("with", "start", "end", "before-id", "after-id", "ids");

    /** The most ids one query may name. */
    public static final int MAX_IDS = 250;

    private static final Set<String> SINGLE = Set.of("with", "start", "end", "before-id", "after-id");

    /** Everything, first page. */
    public static ArchiveQuery all(Rsm rsm) {
        return new ArchiveQuery(null, null, null, null, null, null, null, rsm, false);
    }

    /**
     * Parses a query.
     *
     * @param fields the data form's fields, var → values (empty without a form)
     */
    public static ArchiveQuery parse(Map<String, List<String>> fields, Rsm rsm, boolean flip)
            throws ArchiveException {
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            String var = f.getKey();
            if (var.equals("FORM_TYPE")) {
                if (!f.getValue().equals(List.of(NAMESPACE))) {
                    throw bad("FORM_TYPE must be " + NAMESPACE);
                }
            } else if (!FIELDS.contains(var)) {
                throw new ArchiveException(ArchiveError.FEATURE_NOT_IMPLEMENTED, "unknown field '" + var + "'");
            } else if (SINGLE.contains(var) && f.getValue().size() != 1) {
                throw bad("field '" + var + "' takes exactly one value");
            }
        }
        String with = null;
        String withResource = null;
        String rawWith = single(fields, "with");
        if (rawWith != null) {
            String[] parts = jid(rawWith);
            with = parts[0];
            withResource = parts[1];
        }
        Instant start = date(fields, "start");
        Instant end = date(fields, "end");
        List<String> ids = fields.get("ids");
        if (ids != null) {
            if (ids.isEmpty() || ids.size() > MAX_IDS) {
                throw bad("'ids' takes 1 to " + MAX_IDS + " values");
            }
            ids = List.copyOf(ids);
        }
        String afterId = single(fields, "after-id");
        String beforeId = single(fields, "before-id");
        if (rsm.max() != null && rsm.max() < 0) {
            throw bad("RSM <max/> must not be negative");
        }
        if (rsm.after() != null && rsm.before() != null) {
            // XEP-0313 §4.3: undefined in RSM; before-id and after-id are the way to ask for a range
            throw bad("RSM <after/> and <before/> together: use the after-id and before-id fields");
        }
        if (rsm.after() != null && rsm.after().isEmpty()) {
            throw bad("RSM <after/> needs an id");
        }
        return new ArchiveQuery(with, withResource, start, end, afterId, beforeId, ids, rsm, flip);
    }

    private static String single(Map<String, List<String>> fields, String var) {
        List<String> values = fields.get(var);
        return values == null ? null : values.get(0);
    }

    /** XEP-0082 DateTime: {@code CCYY-MM-DDThh:mm:ss[.sss]TZD}, the zone {@code Z} or {@code ±hh:mm}. */
    private static Instant date(Map<String, List<String>> fields, String var) throws ArchiveException {
        String value = single(fields, var);
        if (value == null) {
            return null;
        }
        if (value.length() < 20 || value.charAt(10) != 'T') {
            throw bad("'" + var + "' is not an XEP-0082 DateTime");
        }
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("'" + var + "' is not an XEP-0082 DateTime");
        }
    }

    /** The canonical bare part (a bare JID, or a domain) and the resource (or null) of 'with'. */
    private static String[] jid(String raw) throws ArchiveException {
        String text = raw.trim();
        int slash = text.indexOf('/');
        String bare = slash < 0 ? text : text.substring(0, slash);
        String resource = slash < 0 ? null : text.substring(slash + 1);
        if (resource != null && resource.isEmpty()) {
            throw bad("'with' is not a JID");
        }
        try {
            if (bare.indexOf('@') >= 0) {
                return new String[] {BareJid.parse(bare).toString(), resource};
            }
            // a domain: the canonical form BareJid gives a domain part
            return new String[] {new BareJid("x", bare).domain(), resource};
        } catch (IllegalArgumentException e) {
            throw bad("'with' is not a JID");
        }
    }

    private static ArchiveException bad(String message) {
        return new ArchiveException(ArchiveError.BAD_REQUEST, message);
    }
}
