"""``make bench``: the search benchmark, then the catalogue import and the site-inspection benchmarks."""

import sys

from bench import catalogue, inspection, search


def main(argv=None) -> int:
    status = search.main(argv if argv is not None else sys.argv[1:])
    status = catalogue.main([]) or status
    status = inspection.main([]) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
