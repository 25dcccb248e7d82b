package org.parley.offline;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a stored message for delivery: adds the XEP-0203 {@code <delay/>} element that tells the client when
 * the message really arrived (XEP-0160 §3 recommends it for offline messages). Pure text work, no I/O.
 *
 * <p>The stored stanza is the text our own serializer produced, so it is well-formed, has a single root element and
 * nothing after it. The delay element is inserted as the root's last child without parsing the stanza, so every
 * other byte of it, including extensions the server does not understand, reaches the client unchanged.
 */
public final class OfflineDelivery {

    /** XEP-0203's namespace. */
    public static final String DELAY_NAMESPACE = "urn:xmpp:delay";

    /** The human-readable reason in the delay element, as in the example of XEP-0160 §3. */
    public static final String REASON = "Offline Storage";

    private OfflineDelivery() {}

    /**
     * The XEP-0082 DateTime of an instant, in UTC with a {@code Z}: {@code yyyy-MM-dd'T'HH:mm:ssZ}, or with
     * {@code .SSS} milliseconds when they are not zero. Finer digits are dropped (truncated, so a stamp never lies
     * in the future of the real arrival).
     *
     * @throws IllegalArgumentException for a year outside 0000..9999, which XEP-0082's four-digit year cannot show
     */
    public static String delayStamp(Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        LocalDateTime utc = LocalDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            throw new IllegalArgumentException("XEP-0082 cannot express the year of " + receivedAt);
        }
        StringBuilder stamp = new StringBuilder(24);
        pad(stamp, utc.getYear(), 4).append('-');
        pad(stamp, utc.getMonthValue(), 2).append('-');
        pad(stamp, utc.getDayOfMonth(), 2).append('T');
        pad(stamp, utc.getHour(), 2).append(':');
        pad(stamp, utc.getMinute(), 2).append(':');
        pad(stamp, utc.getSecond(), 2);
        int millis = utc.getNano() / 1_000_000;
        if (millis != 0) {
            pad(stamp.append('.'), millis, 3);
        }
        return stamp.append('Z').toString();
    }

    /** The delay element for a message that arrived at {@code receivedAt} and was held by {@code fromDomain}. */
    public static String delayElement(String fromDomain, Instant receivedAt) {
        Objects.requireNonNull(fromDomain, "fromDomain");
        return "<delay xmlns='" + DELAY_NAMESPACE + "' from='" + escapeAttribute(fromDomain) + "' stamp='"
                + delayStamp(receivedAt) + "'>" + REASON + "</delay>";
    }

    /**
     * The stanza with the {@link #delayElement delay element} added as the last child of its root
     * {@code <message>} element. A self-closing root ({@code <message .../>}) is opened up to hold it.
     *
     * @param stanzaXml a stored message stanza: one {@code message} element (any prefix), optionally preceded by an
     *     XML declaration, comments or whitespace, and followed by nothing but whitespace
     * @param fromDomain the server's domain: XEP-0203 names the entity that delayed the message
     * @throws IllegalArgumentException when the text is not of that shape
     */
    public static String withDelay(String stanzaXml, String fromDomain, Instant receivedAt) {
        Objects.requireNonNull(stanzaXml, "stanzaXml");
        String delay = delayElement(fromDomain, receivedAt);
        if (delayedBy(stanzaXml, fromDomain)) {
            // it was stored before and handed back undelivered (the client vanished): the first stamp is the true one
            return stanzaXml;
        }
        int nameStart = rootNameStart(stanzaXml);
        int nameEnd = nameStart;
        while (nameEnd < stanzaXml.length() && isNameChar(stanzaXml.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = stanzaXml.substring(nameStart, nameEnd);
        if (!name.equals("message") && !name.endsWith(":message")) {
            throw notAMessage("its root element is <" + name + ">");
        }
        int startTagEnd = endOfStartTag(stanzaXml, nameEnd);
        if (stanzaXml.charAt(startTagEnd - 1) == '/') {
            return stanzaXml.substring(0, startTagEnd - 1) + ">" + delay + "</" + name + ">"
                    + stanzaXml.substring(startTagEnd + 1);
        }
        int closing = rootEndTag(stanzaXml, name, startTagEnd);
        return stanzaXml.substring(0, closing) + delay + stanzaXml.substring(closing);
    }

    private static final Pattern DELAY_TAG = Pattern.compile("<delay\\b[^>]*>");

    /** Whether the stanza already carries a delay element of this server's (from a previous offline delivery). */
    private static boolean delayedBy(String stanzaXml, String fromDomain) {
        Matcher tag = DELAY_TAG.matcher(stanzaXml);
        while (tag.find()) {
            String t = tag.group();
            if (t.contains(DELAY_NAMESPACE) && (t.contains("from='" + escapeAttribute(fromDomain) + "'")
                    || t.contains("from=\"" + escapeAttribute(fromDomain) + "\""))) {
                return true;
            }
        }
        return false;
    }

    /** Index of the root element's name: past leading whitespace, an XML declaration, comments and PIs. */
    private static int rootNameStart(String xml) {
        int i = 0;
        while (true) {
            while (i < xml.length() && isXmlSpace(xml.charAt(i))) {
                i++;
            }
            if (xml.startsWith("<?", i)) {
                i = skipPast(xml, i, "?>");
            } else if (xml.startsWith("<!--", i)) {
                i = skipPast(xml, i, "-->");
            } else if (i + 1 < xml.length() && xml.charAt(i) == '<' && isNameChar(xml.charAt(i + 1))) {
                return i + 1;
            } else {
                throw notAMessage("no root element found");
            }
        }
    }

    /**
     * Index of the {@code >} that ends the start tag whose name ends at {@code from}. Quotes are tracked because an
     * attribute value may hold a literal {@code >} (XML 1.0 §2.3 only forbids {@code <} and the quote there).
     */
    private static int endOfStartTag(String xml, int from) {
        char quote = 0;
        for (int i = from; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw notAMessage("the start tag of the root element is not closed");
    }

    /**
     * Index of the {@code </} of the root's end tag. It is the last markup of the document: character data cannot
     * contain a literal {@code <} (it would be {@code &lt;}), so the last {@code </} is the root's own end tag, even
     * when escaped text such as {@code &lt;/message&gt;} or a nested element of the same name precedes it.
     */
    private static int rootEndTag(String xml, String name, int startTagEnd) {
        int end = xml.length();
        while (end > 0 && isXmlSpace(xml.charAt(end - 1))) {
            end--;
        }
        int closing = end > 0 && xml.charAt(end - 1) == '>' ? xml.lastIndexOf("</", end - 1) : -1;
        if (closing <= startTagEnd || !xml.startsWith(name, closing + 2)) {
            throw notAMessage("it does not end with </" + name + ">");
        }
        int i = closing + 2 + name.length();
        while (i < end - 1 && isXmlSpace(xml.charAt(i))) {
            i++;
        }
        if (i != end - 1) {
            throw notAMessage("it does not end with </" + name + ">");
        }
        return closing;
    }

    private static int skipPast(String xml, int from, String terminator) {
        int end = xml.indexOf(terminator, from);
        if (end < 0) {
            throw notAMessage("an unterminated declaration, comment or processing instruction");
        }
        return end + terminator.length();
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Enough of XML's NameChar for element names: anything that cannot end a name. */
    private static boolean isNameChar(char c) {
        return !isXmlSpace(c) && c != '>' && c != '/' && c != '<' && c != '=' && c != '\'' && c != '"';
    }

    private static String escapeAttribute(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '\'' -> escaped.append("&apos;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static StringBuilder pad(StringBuilder target, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            target.append('0');
        }
        return target.append(digits);
    }

    private static IllegalArgumentException notAMessage(String why) {
        return new IllegalArgumentException("not a stored message stanza: " + why);
    }
}
