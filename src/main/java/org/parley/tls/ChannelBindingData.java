package org.parley.tls;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;

/**
 * Channel binding data (RFC 5056) of one TLS session, for the {@code -PLUS} SCRAM mechanisms.
 *
 * <ul>
 *   <li>{@code tls-server-end-point} (RFC 5929 §4): a hash of the server's certificate. Works on TLS 1.2 and 1.3
 *       and needs nothing from JSSE but the certificate, so it is always offered.
 *   <li>{@code tls-exporter} (RFC 9266): keying material exported from the session (RFC 5705). Java 17's JSSE has
 *       no exporter; a runtime that has {@code exportKeyingMaterialData} (Java 25) is detected reflectively, and
 *       the type is offered only on TLS 1.3 sessions (RFC 9266 §3 requires the extended master secret on 1.2,
 *       which JSSE does not let us check).
 * </ul>
 *
 * <p>See ADR 0011 for why these two and not {@code tls-unique}.
 */
public final class ChannelBindingData {

    /** RFC 5929 §4. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** RFC 9266. */
    public static final String TLS_EXPORTER = "tls-exporter";

    private static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    private static final int EXPORTER_LENGTH = 32;

    private ChannelBindingData() {}

    /** The types this runtime can offer, strongest first: what XEP-0440 advertises. */
    public static List<String> supportedTypes() {
        return exporterMethod().isPresent() ? List.of(TLS_EXPORTER, TLS_SERVER_END_POINT)
                : List.of(TLS_SERVER_END_POINT);
    }

    /**
     * The channel binding data of an established session, by type, strongest first. Empty when the session has no
     * certificate of ours whose signature names one hash (e.g. Ed25519) and no exporter.
     */
    public static Map<String, byte[]> of(SSLSession session) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        exporter(session).ifPresent(bytes -> data.put(TLS_EXPORTER, bytes));
        Certificate[] local = session.getLocalCertificates();
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate leaf) {
            serverEndPoint(leaf).ifPresent(bytes -> data.put(TLS_SERVER_END_POINT, bytes));
        }
        return data;
    }

    /**
     * RFC 5929 §4.1: the certificate hashed with the hash of its signature algorithm, SHA-256 if that is MD5 or
     * SHA-1. Empty when the algorithm has no single hash (EdDSA), for which the type is undefined.
     */
    public static Optional<byte[]> serverEndPoint(X509Certificate certificate) {
        Optional<String> hash = signatureHash(certificate);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(hash.get()).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // a hash this runtime lacks: the type cannot be offered
        }
    }

    private static Optional<String> signatureHash(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash;
        if (algorithm.contains("PSS")) {
            hash = pssHash(certificate.getSigAlgParams()).orElse(null);
        } else if (algorithm.contains("WITH")) {
            hash = algorithm.substring(0, algorithm.indexOf("WITH")); // SHA384withECDSA → SHA384
        } else {
            hash = null; // Ed25519, Ed448: the signature has no separate hash
        }
        if (hash == null) {
            return Optional.empty();
        }
        hash = hash.replace("-", "");
        if (hash.equals("MD5") || hash.equals("SHA1")) {
            return Optional.of("SHA-256");
        }
        return hash.startsWith("SHA") ? Optional.of("SHA-" + hash.substring(3)) : Optional.empty();
    }

    private static Optional<String> pssHash(byte[] encodedParams) {
        if (encodedParams == null) {
            return Optional.empty();
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(encodedParams);
            return Optional.of(params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm()
                    .toUpperCase(Locale.ROOT));
        } catch (GeneralSecurityException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> exporter(SSLSession session) {
        Optional<Method> method = exporterMethod();
        if (method.isEmpty() || !(session instanceof ExtendedSSLSession)
                || !"TLSv1.3".equals(session.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of((byte[]) method.get().invoke(session, EXPORTER_LABEL, new byte[0], EXPORTER_LENGTH));
        } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** {@code ExtendedSSLSession.exportKeyingMaterialData(String, byte[], int)}, present from Java 25 on. */
    private static Optional<Method> exporterMethod() {
        try {
            return Optional.of(ExtendedSSLSession.class
                    .getMethod("exportKeyingMaterialData", String.class, byte[].class, int.class));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
