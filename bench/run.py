"""``make bench``: the search benchmark, the relaxed search of questions, then the catalogue import and site-inspection benchmarks."""

import argparse
import sys

from bench import catalogue, inspection, relaxed, search


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    status = search.main(argv)
    # The questions at the smallest size searched (10,000 by default, the size of the target).
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--sizes", default="10000,100000")
    sizes = [int(size) for size in parser.parse_known_args(argv)[0].sizes.split(",") if size.strip()]
    status = relaxed.main(["--documents", str(min(sizes, default=10_000))]) or status
    status = catalogue.main([]) or status
    status = inspection.main([]) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
