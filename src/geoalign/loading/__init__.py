"""Loading: files to validated records, all or nothing, every problem named."""
