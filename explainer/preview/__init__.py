"""The live preview: the server, the scan of the sources and what it keeps between builds."""
