"""Clean JSON Lines page records with unboil inside a PySpark job.

Each element of the RDD is one JSON record ({"id", "url", "html"} or
"html_b64"); `rdd.pipe` streams a partition's records through one
`unboil --jsonl` process, which writes exactly one JSON line per record, in
order ({"id", "url", "text", "title"}, or an "error" field). The records keep
their partitions, so the output is as parallel as the input.

Local mode (the binary in the working directory, as run_test.sh does):

    python clean_rdd.py pages.jsonl cleaned/ --master 'local[2]'

On a cluster, ship the binary with the job and run it from each executor's
working directory:

    spark-submit --files target/release/unboil clean_rdd.py \
        hdfs:///crawl/pages.jsonl hdfs:///crawl/cleaned/

or, from code, `--ship target/release/unboil` (SparkContext.addFile).
"""

import argparse

from pyspark import SparkContext
from pyspark.sql import SparkSession


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON Lines file(s) or directory (any Hadoop path)")
    ap.add_argument("output", help="output directory (JSON Lines part files)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument(
        "--command",
        default="./unboil --jsonl",
        help="the command each partition is piped through (default: %(default)s)",
    )
    ap.add_argument(
        "--ship",
        metavar="PATH",
        help="send this unboil binary to every executor with SparkContext.addFile",
    )
    ap.add_argument("--partitions", type=int, help="repartition the input first")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("unboil-clean")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc: SparkContext = spark.sparkContext
    if args.ship:
        # Lands in each executor's working directory, executable: "./unboil".
        sc.addFile(args.ship)

    records = sc.textFile(args.input)
    if args.partitions:
        records = records.repartition(args.partitions)
    # One unboil process per partition; unboil writes one line per record,
    # so count and order within a partition are kept.
    cleaned = records.pipe(args.command, checkCode=True)
    cleaned.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
