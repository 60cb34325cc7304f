"""The offerings panel: the loaded documents and their CUSIPs as a tree, with its word filter."""
