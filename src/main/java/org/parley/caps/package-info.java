/**
 * Entity capabilities (XEP-0115): what a client's resource can do, learned from the {@code <c/>} element of its
 * presence and a disco#info query, verified and cached by hash. Pure logic; it imports no Vysper and no JDBC. The
 * server uses it to know which resources asked for which PEP notifications ({@code +notify} features, XEP-0163 §4.2).
 */
package org.parley.caps;
