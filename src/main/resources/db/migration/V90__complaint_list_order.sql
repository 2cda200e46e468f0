-- Issue 21: the complaints list reads one page at a time, newest received first (ORDER BY received_at DESC, id DESC
-- LIMIT 50 OFFSET n): this index answers a page by walking it instead of sorting every complaint.
CREATE INDEX complaint_received_order_idx ON complaint (received_at DESC, id DESC);
