package org.parley.archive;

import java.util.List;

/**
 * One answer to a query: the messages in the order to send them, and the XEP-0313 {@code <fin/>}.
 *
 * @param messages the page, oldest first (newest first when the query asked for a flipped page)
 * @param complete whether this page reaches the end of the result set in the direction of paging (§4.3)
 * @param count how many messages the whole result set has (XEP-0059 {@code <count/>})
 * @param first the id of the page's oldest message, or null for an empty page
 * @param last the id of the page's newest message, or null
 */
public record ArchivePage(List<ArchivedMessage> messages, boolean complete, long count, String first, String last) {
    public ArchivePage {
        messages = List.copyOf(messages);
    }
}
