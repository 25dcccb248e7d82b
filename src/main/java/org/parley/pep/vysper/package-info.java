/**
 * The Vysper side of personal eventing (XEP-0163): the pubsub IQ handler, the account's disco#info and disco#items,
 * the notifications, and the entity-capabilities tracking that decides who gets them. The only code of the
 * {@code pep} and {@code caps} features that imports Vysper.
 */
package org.parley.pep.vysper;
