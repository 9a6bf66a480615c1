-- webcare4j schema, version 2: what the tone engine records.
-- flags: the MessageFlag names raised, comma-separated and sorted; NULL for none.
-- tone_override: JSON of the override that let a blocked reply through.

ALTER TABLE wc_message ADD COLUMN flags VARCHAR(200);
ALTER TABLE wc_message ADD COLUMN tone_override {text};
ALTER TABLE wc_conversation ADD COLUMN flags VARCHAR(200);
CREATE INDEX wc_message_outbound_recent ON wc_message (direction, recorded_at);
