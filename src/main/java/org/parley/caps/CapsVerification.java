package org.parley.caps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The XEP-0115 §5.1 verification string. A disco#info result is trusted for every entity presenting the same
 * {@code ver} only when hashing it gives that {@code ver} (§5.4); otherwise one client could poison what the server
 * believes about others.
 */
public final class CapsVerification {

    private CapsVerification() {}

    /**
     * {@code ver} computed over {@code info} with {@code hash} (an IANA hash name as XEP-0115 uses them: "sha-1",
     * "sha-256", ...), or empty when the hash is unknown or §5.4's rules reject the info (duplicate identities or
     * features, or a malformed form).
     */
    public static Optional<String> ver(DiscoInfo info, String hash) {
        Optional<MessageDigest> digest = digest(hash);
        if (digest.isEmpty() || !wellFormed(info)) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        List<DiscoInfo.Identity> identities = new ArrayList<>(info.identities());
        identities.sort(Comparator.comparing(DiscoInfo.Identity::category, CapsVerification::octets)
                .thenComparing(DiscoInfo.Identity::type, CapsVerification::octets)
                .thenComparing(DiscoInfo.Identity::lang, CapsVerification::octets));
        for (DiscoInfo.Identity i : identities) {
            s.append(i.category()).append('/').append(i.type()).append('/').append(i.lang()).append('/')
                    .append(i.name()).append('<');
        }
        info.features().stream().sorted(CapsVerification::octets).forEach(f -> s.append(f).append('<'));
        List<DiscoInfo.Form> forms = new ArrayList<>(info.forms());
        forms.sort(Comparator.comparing(DiscoInfo.Form::formType, CapsVerification::octets));
        for (DiscoInfo.Form form : forms) {
            s.append(form.formType()).append('<');
            form.fields().entrySet().stream().sorted(Map.Entry.comparingByKey(CapsVerification::octets))
                    .forEach(field -> {
                        s.append(field.getKey()).append('<');
                        field.getValue().stream().sorted(CapsVerification::octets)
                                .forEach(v -> s.append(v).append('<'));
                    });
        }
        byte[] sum = digest.get().digest(s.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(Base64.getEncoder().encodeToString(sum));
    }

    /** §5.4 step 3: no two identities with the same category/type/lang/name, no duplicate feature or FORM_TYPE. */
    private static boolean wellFormed(DiscoInfo info) {
        return new HashSet<>(info.identities()).size() == info.identities().size()
                && new HashSet<>(info.features()).size() == info.features().size()
                && info.forms().stream().map(DiscoInfo.Form::formType).distinct().count() == info.forms().size();
    }

    private static Optional<MessageDigest> digest(String hash) {
        String algorithm = switch (hash == null ? "" : hash) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> null; // md5 and the rest: not trusted (XEP-0115 §8.3 recommends against weak hashes)
        };
        if (algorithm == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** §5.1 "i;octet" collation: compare the UTF-8 bytes, unsigned. */
    private static int octets(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
