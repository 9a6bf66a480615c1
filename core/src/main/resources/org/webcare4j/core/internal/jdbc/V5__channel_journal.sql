-- webcare4j schema, version 5: channel journals, numbered records a channel keeps beyond
-- cursors (a live chat's sessions and what was said in them), shared by every instance.

CREATE TABLE wc_channel_journal (
  channel VARCHAR(200) NOT NULL,
  journal VARCHAR(200) NOT NULL,
  seq BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  payload {text} NOT NULL,
  PRIMARY KEY (channel, journal, seq)
);
CREATE INDEX wc_channel_journal_at ON wc_channel_journal (channel, recorded_at);
