-- Complaints about the service, kept apart from patients' records: no reference to a plan, so that withdrawing
-- consent (which erases the plan) leaves the complaint and its handling; kept for their own retention period (NHS
-- Records Management Code: complaints 10 years after closure).
CREATE TABLE complaint (
    id              UUID PRIMARY KEY,
    received_at     TIMESTAMPTZ   NOT NULL,
    complainant     VARCHAR(200)  NOT NULL,
    contact         VARCHAR(300),
    nhs_number      CHAR(10),
    organisation    VARCHAR(10),
    summary         VARCHAR(4000) NOT NULL,
    status          VARCHAR(10)   NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    recorded_by     VARCHAR(100)  NOT NULL,
    outcome         VARCHAR(4000),
    closed_at       TIMESTAMPTZ,
    closed_by       VARCHAR(100),
    retain_until    DATE,
    revision        BIGINT        NOT NULL,
    CHECK (status = 'OPEN' OR (outcome IS NOT NULL AND closed_at IS NOT NULL AND retain_until IS NOT NULL))
);
CREATE INDEX complaint_open_idx ON complaint (received_at) WHERE status = 'OPEN';
