"""The monthly performance clinic packs and the quarterly Quality of Practice report."""
