"""Pair mode: two on-site machines, PostgreSQL streaming replication and failover."""
