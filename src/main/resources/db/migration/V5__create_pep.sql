-- Personal eventing (org.parley.pep.PepStore; XEP-0163): each account's PEP nodes and the items they keep. Read and
-- written by org.parley.storage.h2.H2PepStore only.
--
-- A node keeps only its newest max_items items, so the item table stays small per node. "Newest" is publication
-- order, which is the identity column seq: the store publishes to one node one transaction at a time (it locks the
-- node's row first), so within a node a higher seq is always a later publish. Republishing an item id deletes the
-- old row and inserts a new one, which moves the item to the front as XEP-0060 §7.1.2 expects.
-- Payloads are kept as the exact XML text the server will send in notifications.

CREATE TABLE pep_node (
    owner_jid     VARCHAR(2047)               NOT NULL,  -- BareJid.toString() of the owning account
    node          VARCHAR(1023)               NOT NULL,  -- the node id (PepNode.MAX_NAME_BYTES of UTF-8 fit in 1023 characters)
    access_model  VARCHAR(20)                 NOT NULL,  -- AccessModel.wire(): the pubsub#access_model value
    max_items     INTEGER                     NOT NULL,  -- how many items the node keeps (NodeConfig.MAX_ITEMS_LIMIT)
    created_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,  -- from the server's Clock, in UTC
    PRIMARY KEY (owner_jid, node),
    CONSTRAINT pep_node_name_not_empty CHECK (CHAR_LENGTH(node) > 0),
    CONSTRAINT pep_node_access_model_valid CHECK (access_model IN ('open', 'presence', 'whitelist')),
    CONSTRAINT pep_node_max_items_valid CHECK (max_items BETWEEN 1 AND 256),
    -- Deleting an account deletes its PEP service with it (and, through pep_item's key, every item).
    CONSTRAINT pep_node_owner_fk FOREIGN KEY (owner_jid) REFERENCES account (jid) ON DELETE CASCADE
);

CREATE TABLE pep_item (
    seq           BIGINT                      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_jid     VARCHAR(2047)               NOT NULL,
    node          VARCHAR(1023)               NOT NULL,
    item_id       VARCHAR(1023)               NOT NULL,  -- unique within the node (PepItem.MAX_ID_BYTES of UTF-8)
    payload       CLOB                        NOT NULL,  -- the single payload element as XML text, unchanged
    published_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,  -- from the server's Clock, in UTC
    CONSTRAINT pep_item_id_unique UNIQUE (owner_jid, node, item_id),
    CONSTRAINT pep_item_id_not_empty CHECK (CHAR_LENGTH(item_id) > 0),
    -- Deleting a node deletes its items; no item can exist without its node.
    CONSTRAINT pep_item_node_fk FOREIGN KEY (owner_jid, node) REFERENCES pep_node (owner_jid, node) ON DELETE CASCADE
);

-- One node's items newest first: for reading the latest items and for trimming to max_items. As with
-- offline_message, H2 still adds its own index for the foreign key, as its column list differs.
CREATE INDEX pep_item_node_seq ON pep_item (owner_jid, node, seq DESC);

COMMENT ON TABLE pep_node IS 'PEP nodes (XEP-0163): one row per node of an account''s personal eventing service';
COMMENT ON COLUMN pep_node.owner_jid IS 'Owning account, canonical bare JID (account.jid)';
COMMENT ON COLUMN pep_node.node IS 'Node id, by convention a namespace such as http://jabber.org/protocol/tune';
COMMENT ON COLUMN pep_node.access_model IS 'pubsub#access_model: open, presence or whitelist (XEP-0060 section 4.5)';
COMMENT ON COLUMN pep_node.max_items IS 'pubsub#max_items: a publish or reconfiguration drops the oldest items beyond it';
COMMENT ON COLUMN pep_node.created_at IS 'When the node was created, explicitly or by its first publish';

COMMENT ON TABLE pep_item IS 'Items published to PEP nodes, at most max_items per node; newest first by seq';
COMMENT ON COLUMN pep_item.seq IS 'Publication order: ascending within one node; a republished item id gets a new seq';
COMMENT ON COLUMN pep_item.owner_jid IS 'Owning account of the node';
COMMENT ON COLUMN pep_item.node IS 'Node id within the owner''s service';
COMMENT ON COLUMN pep_item.item_id IS 'Item id, unique within the node';
COMMENT ON COLUMN pep_item.payload IS 'The payload element as XML text, exactly as published and as sent in notifications';
COMMENT ON COLUMN pep_item.published_at IS 'When the item was (last) published';
