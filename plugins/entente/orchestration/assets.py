"""Assets that chain Entente's DAGs (cheap to import: DAG files read this at parse time)."""
from airflow.sdk import Asset

STAGED_ARTICLES = Asset(name="entente_staged_articles", uri="entente://staging/articles")
WAREHOUSE = Asset(name="entente_warehouse", uri="entente://warehouse/published")
