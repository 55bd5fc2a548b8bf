"""``make bench``: the search benchmark, then the catalogue and site-inspection benchmarks if present."""

import importlib.util
import sys


def main(argv=None) -> int:
    from bench import search

    status = search.main(argv if argv is not None else sys.argv[1:])
    if importlib.util.find_spec("bench.catalogue") is not None:
        from bench import catalogue

        status = catalogue.main([]) or status
    if importlib.util.find_spec("bench.inspection") is not None:
        from bench import inspection

        status = inspection.main([]) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
