package org.parley.it.support;

import org.jivesoftware.smack.packet.IQ;

/** An IQ whose child element content is literal XML: for requests Smack's own classes cannot express. */
public final class RawIq extends IQ {

    private final String content;

    /** {@code <element xmlns='namespace'>content</element>} as the child of an IQ of {@code type}. */
    public RawIq(Type type, String element, String namespace, String content) {
        super(element, namespace);
        setType(type);
        this.content = content;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.append(content);
        return xml;
    }
}
