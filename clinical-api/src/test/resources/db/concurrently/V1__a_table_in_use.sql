CREATE TABLE busy (id BIGINT PRIMARY KEY, label TEXT NOT NULL);
INSERT INTO busy SELECT n, 'row ' || n FROM generate_series(1, 10000) n;
