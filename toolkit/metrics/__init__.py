"""Contact and survey metrics (AHT, CSAT, NPS, FCR), each read beside the figures that explain
it, computed by DuckDB from the exports teams already have."""
