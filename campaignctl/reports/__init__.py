"""Reports as code: declared reports, validated offline, synced into a warehouse.

``catalogue`` (metrics, vocabularies) → ``validation`` (``kind: Report`` →
``ReportDefinition``) → ``windows``, ``steps`` and ``requests`` (pure request
planning) → ``provider.reporting`` and ``async_jobs`` (the API) → ``rows`` →
``sql`` with ``duckdb_store`` / ``postgres_store`` and ``views`` (the
warehouse) → ``sync`` (the orchestration); ``csv_run`` backs ``report run``.
"""
