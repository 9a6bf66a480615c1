-- webcare4j schema, version 3: publications. The publication itself is kept as JSON (its
-- variants and per-channel results change together); what planners and the scheduler query on
-- is in columns of its own.

CREATE TABLE wc_publication (
  id VARCHAR(200) PRIMARY KEY,
  body {text} NOT NULL,
  state VARCHAR(32) NOT NULL,
  scheduled_at BIGINT,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX wc_publication_due ON wc_publication (state, scheduled_at);
