"""Clean JSON Lines page records with the unboil Python package inside a
PySpark job: `rdd.mapPartitions`, no binary to ship.

Each element of the RDD is one JSON record ({"id", "url", "html"}, or the raw
bytes base64 under "html_b64"), as for clean_rdd.py. Each partition makes one
`unboil.Cleaner` and cleans its records in batches with `clean_many`
(threads=1: Spark already runs one Python worker per core), writing one JSON
line per record, in order: {"id", "url", "text", "title", ...} as
`unboil --jsonl` writes them (the page's own canonical URL and date as
"canonical_url" and "page_date"), or {"id", "url", "error"}.

Local mode:

    python clean_partitions.py pages.jsonl cleaned/ --master 'local[2]'

On a cluster, install the wheel on the executors (`pip install unboil-*.whl`
in their Python environment, or ship it with `--py-files` / an archived
venv) and submit:

    spark-submit clean_partitions.py hdfs:///crawl/pages.jsonl hdfs:///crawl/cleaned/
"""

import argparse
import base64
import json
from itertools import islice
from typing import Iterable, Iterator

BATCH = 256


def clean_partition(lines: Iterable[str], **options) -> Iterator[str]:
    """Clean one partition's JSON lines; one output line per input line."""
    import unboil  # imported on the executor

    cleaner = unboil.Cleaner(**options)
    lines = iter(lines)
    while True:
        batch = list(islice(lines, BATCH))
        if not batch:
            return
        heads, pages, urls, slots = [], [], [], []
        for line in batch:
            head, page = {}, None
            try:
                rec = json.loads(line)
                head = {k: rec[k] for k in ("id", "url") if k in rec}
                if isinstance(rec.get("html"), str):
                    page = rec["html"]
                elif isinstance(rec.get("html_b64"), str):
                    page = base64.b64decode(rec["html_b64"], validate=True)
                else:
                    head["error"] = "no html or html_b64 string"
            except (ValueError, TypeError, AttributeError) as e:
                head["error"] = f"invalid record: {e}"
            heads.append(head)
            if page is not None:
                slots.append(len(heads) - 1)
                pages.append(page)
                urls.append(head["url"] if isinstance(head.get("url"), str) else None)
        docs = cleaner.clean_many(pages, urls=urls, threads=1, errors="return")
        for i, doc in zip(slots, docs):
            if isinstance(doc, unboil.Error):
                heads[i]["error"] = str(doc)
                continue
            fields = doc.to_dict()
            for own, as_out in (("url", "canonical_url"), ("date", "page_date")):
                if own in fields:
                    fields[as_out] = fields.pop(own)
            if fields.get("canonical_url") == heads[i].get("url"):
                del fields["canonical_url"]  # says nothing new
            heads[i].update(fields)
        for head in heads:
            yield json.dumps(head, ensure_ascii=False)


def main() -> None:
    from pyspark.sql import SparkSession

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON Lines file(s) or directory (any Hadoop path)")
    ap.add_argument("output", help="output directory (JSON Lines part files)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--partitions", type=int, help="repartition the input first")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "html"])
    ap.add_argument("--favor", default="balanced", choices=["balanced", "precision", "recall"])
    args = ap.parse_args()

    builder = SparkSession.builder.appName("unboil-clean-partitions")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    records = spark.sparkContext.textFile(args.input)
    if args.partitions:
        records = records.repartition(args.partitions)
    options = {"format": args.format, "favor": args.favor}
    cleaned = records.mapPartitions(lambda lines: clean_partition(lines, **options))
    cleaned.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
