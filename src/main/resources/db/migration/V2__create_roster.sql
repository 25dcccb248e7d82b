-- Rosters (RFC 6121 §2), presence subscription states (RFC 6121 §3 and Appendix A) and roster versions (§2.6) of
-- local users (org.parley.roster, org.parley.subscription). Read by org.parley.storage.h2.H2RosterStore only.
--
-- One roster_item row per (owner, contact) holds everything the server knows about that pair, so the 9-value
-- subscription state has one source of truth: the item the owner sees, the pre-approval, and a pending inbound
-- request with its full stanza. A row with in_roster = FALSE only records a stranger's pending request; roster
-- get and roster pushes never show it (style.md §3.4; Prosody keeps such requests apart instead).
--
-- Versioning: roster_version holds a counter per owner, bumped by every change that the owner's roster shows.
-- Each item row carries the counter value of its last such change and each removal leaves a roster_tombstone
-- with the counter value of the removal, so "what changed since version N" is: visible items with version > N,
-- plus tombstones with version > N. A later removal of the same contact replaces its tombstone and adding the
-- contact again deletes it, so the table holds at most one row per (owner, contact) ever removed, and no version
-- between 0 and the current one is too old to answer.

CREATE TABLE roster_version (
    owner_jid   VARCHAR(2047) PRIMARY KEY,  -- BareJid.toString() of the local user
    version     BIGINT        NOT NULL,     -- the roster version: last value handed out, 0 before the first change
    CONSTRAINT roster_version_owner FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE,
    CONSTRAINT roster_version_not_negative CHECK (version >= 0)
);

CREATE TABLE roster_item (
    owner_jid           VARCHAR(2047)               NOT NULL,  -- the local user whose roster this is
    contact_jid         VARCHAR(2047)               NOT NULL,  -- the contact, local or not; no FK on purpose
    name                VARCHAR(1023),                         -- the user's handle for the contact; NULL: none
    subscription        VARCHAR(20)                 NOT NULL,  -- SubscriptionState.name()
    in_roster           BOOLEAN                     NOT NULL,  -- FALSE: only a stranger's pending request
    approved            BOOLEAN                     NOT NULL DEFAULT FALSE,  -- pre-approval, RFC 6121 §3.4
    pending_in_stanza   CLOB,                                  -- the full inbound subscribe stanza, §3.1.3
    pending_in_at       TIMESTAMP(9) WITH TIME ZONE,           -- when it was received, in UTC
    version             BIGINT                      NOT NULL,  -- roster_version.version at the last change
    PRIMARY KEY (owner_jid, contact_jid),
    CONSTRAINT roster_item_owner FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE,
    CONSTRAINT roster_item_subscription_valid CHECK (subscription IN ('NONE', 'NONE_PENDING_OUT',
        'NONE_PENDING_IN', 'NONE_PENDING_OUT_IN', 'TO', 'TO_PENDING_IN', 'FROM', 'FROM_PENDING_OUT', 'BOTH')),
    -- RFC 6121 §3.1.3: the request is kept until it is answered, and only the "pending in" states have one.
    CONSTRAINT roster_item_pending_in_iff_state CHECK ((pending_in_stanza IS NOT NULL)
        = (subscription IN ('NONE_PENDING_IN', 'NONE_PENDING_OUT_IN', 'TO_PENDING_IN'))),
    CONSTRAINT roster_item_pending_in_at_with_stanza CHECK ((pending_in_at IS NOT NULL)
        = (pending_in_stanza IS NOT NULL)),
    -- RFC 6121 §3.4: in the other states the contact already asked or is subscribed, so there is nothing to
    -- pre-approve (SubscriptionState.acceptsPreApproval()).
    CONSTRAINT roster_item_approved_only_where_accepted CHECK (NOT approved
        OR subscription IN ('NONE', 'NONE_PENDING_OUT', 'TO')),
    -- Every other state comes from the user's own subscribe, approval or pre-approval, each of which puts the
    -- contact in the roster (RFC 6121 §3.1.2, §3.1.5, §3.4), so a row outside the roster is only a request.
    CONSTRAINT roster_item_outside_only_request CHECK (in_roster
        OR (subscription = 'NONE_PENDING_IN' AND name IS NULL AND NOT approved)),
    CONSTRAINT roster_item_version_not_negative CHECK (version >= 0)
);

CREATE TABLE roster_group (
    owner_jid       VARCHAR(2047) NOT NULL,
    contact_jid     VARCHAR(2047) NOT NULL,
    group_name      VARCHAR(1023) NOT NULL,  -- RFC 6121 §2.1.2.4; compared exactly, as the RFC says nothing more
    PRIMARY KEY (owner_jid, contact_jid, group_name),
    CONSTRAINT roster_group_item FOREIGN KEY (owner_jid, contact_jid)
        REFERENCES roster_item (owner_jid, contact_jid) ON DELETE CASCADE,
    -- RFC 6121 §2.3.3: an empty group name is not acceptable. (Java also rejects other Unicode white space.)
    CONSTRAINT roster_group_name_not_blank CHECK (CHAR_LENGTH(TRIM(group_name)) > 0)
);

CREATE TABLE roster_tombstone (
    owner_jid       VARCHAR(2047) NOT NULL,
    contact_jid     VARCHAR(2047) NOT NULL,
    version         BIGINT        NOT NULL,  -- roster_version.version of the removal
    PRIMARY KEY (owner_jid, contact_jid),
    CONSTRAINT roster_tombstone_owner FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE,
    CONSTRAINT roster_tombstone_version_positive CHECK (version > 0)
);

COMMENT ON TABLE roster_version IS 'Roster version per local user (RFC 6121 section 2.6): a counter bumped by every change the roster shows';
COMMENT ON COLUMN roster_version.owner_jid IS 'Canonical bare JID of the local user (account.jid)';
COMMENT ON COLUMN roster_version.version IS 'Current roster version; 0 before the first change';

COMMENT ON TABLE roster_item IS 'One row per (user, contact): roster item, subscription state, pre-approval and pending inbound request (RFC 6121 sections 2 and 3)';
COMMENT ON COLUMN roster_item.owner_jid IS 'Canonical bare JID of the local user whose roster this is (account.jid)';
COMMENT ON COLUMN roster_item.contact_jid IS 'Canonical bare JID of the contact; may be remote or not exist';
COMMENT ON COLUMN roster_item.name IS 'The name the user gave the contact (RFC 6121 section 2.1.2.4); NULL when none';
COMMENT ON COLUMN roster_item.subscription IS 'org.parley.subscription.SubscriptionState name: one of the 9 states of RFC 6121 Appendix A';
COMMENT ON COLUMN roster_item.in_roster IS 'TRUE: an item of the roster; FALSE: only records a pending request from a stranger, never shown in roster get or push';
COMMENT ON COLUMN roster_item.approved IS 'Subscription pre-approval (RFC 6121 section 3.4); only in the states None, None + Pending Out and To';
COMMENT ON COLUMN roster_item.pending_in_stanza IS 'The complete inbound subscribe stanza as XML text, kept until answered (RFC 6121 section 3.1.3); set exactly in the pending-in states';
COMMENT ON COLUMN roster_item.pending_in_at IS 'When the pending inbound request was received; set exactly when pending_in_stanza is';
COMMENT ON COLUMN roster_item.version IS 'roster_version.version at the last change of this row that the roster shows';

COMMENT ON TABLE roster_group IS 'The groups of a roster item (RFC 6121 section 2.1.2.4); deleted with the item';
COMMENT ON COLUMN roster_group.group_name IS 'A group name, not blank, compared exactly';

COMMENT ON TABLE roster_tombstone IS 'The last removal of each contact that is no longer in the roster, so that roster versioning can push removals (RFC 6121 section 2.6.3)';
COMMENT ON COLUMN roster_tombstone.version IS 'roster_version.version of the removal';
