-- The sandbox database (see campaignctl/sandbox/store.py).
CREATE TABLE IF NOT EXISTS objects (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    account_id TEXT,
    parent_id TEXT,
    name TEXT,
    status TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    due REAL,
    body TEXT NOT NULL,
    state TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS objects_kind_id ON objects(kind, id);
CREATE INDEX IF NOT EXISTS objects_account
    ON objects(kind, account_id, created, seq);
CREATE INDEX IF NOT EXISTS objects_parent ON objects(kind, parent_id);
CREATE INDEX IF NOT EXISTS objects_due ON objects(due) WHERE due IS NOT NULL;
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    change_id TEXT NOT NULL UNIQUE,
    ts REAL NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    principal_id TEXT NOT NULL,
    categories TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_account ON changes(account_id, ts);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    expires REAL,
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS chunks (
    session_id TEXT NOT NULL,
    section INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (session_id, section)
);
-- Uploaded asset content, served at /_sandbox/files/{asset_id} (the asset's url).
CREATE TABLE IF NOT EXISTS files (
    asset_id TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Delivery metrics (campaignctl/sandbox/metrics.py): settled figures per ad
-- and UTC day; grain 'D' (day totals, kept) or 'H' (that day's hours, 15 days).
CREATE TABLE IF NOT EXISTS metrics (
    account_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    ad_set_id TEXT NOT NULL,
    ad_id TEXT NOT NULL,
    grain TEXT NOT NULL,
    start REAL NOT NULL,
    pool INTEGER NOT NULL,
    counts TEXT NOT NULL,
    PRIMARY KEY (ad_id, grain, start)
);
CREATE INDEX IF NOT EXISTS metrics_account ON metrics(account_id, grain, start);
CREATE INDEX IF NOT EXISTS metrics_ad_set ON metrics(ad_set_id, grain, start);
