/**
 * The message archive (XEP-0313 Message Archive Management, {@code urn:xmpp:mam:2} and {@code #extended}): which
 * messages each user's archive keeps ({@link org.parley.archive.Archivability}, XEP-0313 §5 and the XEP-0334 hints),
 * the user's preferences, queries with XEP-0059 paging, the group-commit writer and the retention job. The XML lives
 * in {@code archive.vysper}, the SQL in {@code storage.h2.H2ArchiveStore}.
 */
package org.parley.archive;
